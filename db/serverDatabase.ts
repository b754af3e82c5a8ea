import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle, type Health, type HealthCheck, type OpenOptions } from "./client.ts";
import { openPostgresStore } from "./postgresStore.ts";
import { describeCause } from "./startChecks.ts";
import { dialectOf, driverError, type Dialect, type Query, type Store } from "./store.ts";

/**
 * The database the server runs on (decision 0040): PostgreSQL when DATABASE_URL is a
 * `postgres://` URL, else the SQLite file. Both give the Store the services use; SQLite
 * also gives its file's handle, for what only a file has (the scheduled backups).
 */
export interface ServerDatabase {
  readonly dialect: Dialect;
  readonly store: Store;
  /** SQLite's file handle; null on PostgreSQL. */
  readonly sqlite: DatabaseHandle | null;
  /** What /healthz answers: the first check that fails, or ok. */
  checkHealth(): Promise<Health>;
  close(): Promise<void>;
}

/** How long /healthz waits for PostgreSQL before calling a check failed: a hung server is not a healthy one. */
const POSTGRES_HEALTH_TIMEOUT_MS = 2000;

export async function openServerDatabase(databaseUrl: string, options: OpenOptions = {}): Promise<ServerDatabase> {
  if (dialectOf(databaseUrl) === "postgresql") {
    const store = await openPostgresStore(databaseUrl);
    return {
      dialect: "postgresql",
      store,
      sqlite: null,
      checkHealth: () => postgresHealth(store),
      close: () => store.close(),
    };
  }
  const sqlite = openDatabase(databaseUrl, options);
  return {
    dialect: "sqlite",
    store: sqlite.store,
    sqlite,
    checkHealth: async () => sqlite.checkHealth(),
    close: async () => sqlite.close(),
  };
}

/**
 * A read on the pool, then a write: a transaction that takes a transaction id commits
 * through PostgreSQL's write-ahead log and waits for its flush (synchronous_commit is on),
 * so a server that cannot take a commit (a full disk, a standby after a failover) fails it,
 * and so does one that would refuse every write (read-only).
 */
async function takesWrites(tx: Query): Promise<void> {
  const { rows } = (await tx.execute(
    sql`select txid_current(), current_setting('transaction_read_only') as read_only`,
  )) as unknown as { rows: { read_only: string }[] };
  if (rows[0]?.read_only === "on") throw new Error("it takes no writes (transaction_read_only is on)");
}

async function postgresHealth(store: Store): Promise<Health> {
  const step = async (failed: HealthCheck, run: () => Promise<unknown>): Promise<Health | null> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`no answer within ${POSTGRES_HEALTH_TIMEOUT_MS} ms`)),
        POSTGRES_HEALTH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([run(), late]);
      return null;
    } catch (error) {
      const code = driverError(error)?.code;
      return { ok: false, failed, cause: describeCause(error), code: typeof code === "string" ? code : null };
    } finally {
      clearTimeout(timer);
    }
  };
  return (
    (await step("read", () => store.db.execute(sql`select 1`))) ??
    (await step("write", () => store.transaction(takesWrites))) ?? { ok: true }
  );
}
