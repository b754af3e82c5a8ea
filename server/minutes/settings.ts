import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { networks } from "../../db/schema/index.ts";
import type { MinutesDelivery } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

/** A network's minutes settings: the deadline in working days after the meeting, and how copies reach people. */
export interface MinutesSettings {
  dueDays: number;
  delivery: MinutesDelivery;
}

export function createMinutesSettings(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  function get(networkId: string): MinutesSettings | null {
    const row = db
      .select({ dueDays: networks.minutesDueDays, delivery: networks.minutesDelivery })
      .from(networks)
      .where(eq(networks.id, networkId))
      .get();
    return row ?? null;
  }

  return {
    get,
    /** Changes the settings; audited. Returns whether anything changed. */
    set(actor: AuditActor, networkId: string, next: MinutesSettings): boolean {
      return db.transaction((tx) => {
        const before = get(networkId);
        if (!before || (before.dueDays === next.dueDays && before.delivery === next.delivery)) return false;
        tx.update(networks)
          .set({ minutesDueDays: next.dueDays, minutesDelivery: next.delivery })
          .where(eq(networks.id, networkId))
          .run();
        audit.append(
          actor,
          {
            action: "network.minutes_settings_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before, after: next },
          },
          tx,
        );
        return true;
      });
    },
  };
}
