import type { Db } from "./client.ts";
import type { Query } from "./store.ts";

/**
 * While services move to the Store (issue 17, decision 0040), a converted service may still
 * call one that is synchronous, inside its own transaction. On SQLite the Store's
 * transaction runs on the same write connection as the synchronous services, so that call
 * joins it. Each use goes when the callee is converted; on PostgreSQL it would fail, so the
 * server keeps refusing PostgreSQL until none is left (`grep -rn legacyTx server`).
 */
export function legacyTx(tx: Query): Db {
  return tx as unknown as Db;
}
