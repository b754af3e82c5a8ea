import { eq } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import type { MinutesDelivery } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";

/** A network's minutes settings: the deadline in working days after the meeting, and how copies reach people. */
export interface MinutesSettings {
  dueDays: number;
  delivery: MinutesDelivery;
}

export function createMinutesSettings(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t } = store;

  const settingsQuery = () => ({ dueDays: t.networks.minutesDueDays, delivery: t.networks.minutesDelivery }) as const;

  async function get(networkId: string): Promise<MinutesSettings | null> {
    const [row] = await store.db.select(settingsQuery()).from(t.networks).where(eq(t.networks.id, networkId));
    return row ?? null;
  }

  return {
    get,
    /** Changes the settings; audited. Returns whether anything changed. */
    set(actor: AuditActor, networkId: string, next: MinutesSettings): Promise<boolean> {
      return store.transaction(async (tx) => {
        const [before] = await tx.select(settingsQuery()).from(t.networks).where(eq(t.networks.id, networkId));
        if (!before || (before.dueDays === next.dueDays && before.delivery === next.delivery)) return false;
        await tx
          .update(t.networks)
          .set({ minutesDueDays: next.dueDays, minutesDelivery: next.delivery })
          .where(eq(t.networks.id, networkId));
        await audit.append(tx, actor, {
          action: "network.minutes_settings_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { before, after: next },
        });
        return true;
      });
    },
  };
}
