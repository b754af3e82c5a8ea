import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "./auditLog.ts";

/** Where a service writes: the caller's transaction and, in the live room, the engine's list of audit entries. */
export interface InTransaction {
  tx: Query;
  /**
   * Given, the service leaves its audit entries here for the caller to append as the
   * transaction's last writes (the live engine's `ctx.audits`); left out, it appends them
   * itself once its own writes are done.
   */
  audits?: AuditEntryInput[];
}

class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super("refused");
  }
}

/**
 * Runs a service's audited write in the caller's transaction when given one, else in a
 * transaction of its own. `work` only collects its audit entries; they are appended after
 * it, so the audit chain's lock comes last (decision 0040). In its own transaction a
 * refusal (`{ ok: false }`) rolls back whatever `work` wrote before refusing; in the
 * caller's, the caller decides (the room and written procedures throw, so nothing stays).
 */
export async function auditedWrite<T extends { ok: boolean }>(
  store: Store,
  audit: AuditChain,
  actor: AuditActor,
  inTx: InTransaction | undefined,
  work: (tx: Query, audits: AuditEntryInput[]) => Promise<T>,
): Promise<T> {
  if (inTx) {
    const audits = inTx.audits ?? [];
    const result = await work(inTx.tx, audits);
    if (!inTx.audits && result.ok) for (const entry of audits) await audit.append(inTx.tx, actor, entry);
    return result;
  }
  try {
    return await store.transaction(async (tx) => {
      const audits: AuditEntryInput[] = [];
      const result = await work(tx, audits);
      if (!result.ok) throw new RolledBack(result);
      for (const entry of audits) await audit.append(tx, actor, entry);
      return result;
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.result as T;
    throw e;
  }
}
