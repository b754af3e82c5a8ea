import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as tables from "./schema/index.ts";
import { driverError, type Query, type Store, type Tables } from "./store.ts";

export interface SqliteStoreOptions {
  /** The connection every write goes through (the scheduled backup reads through it too). */
  writer: Database.Database;
  path: string;
  busyTimeoutMs: number;
  /** Whether commits are synced before a transaction resolves (FULL), or not at all (NORMAL, the benchmark's control). */
  fullSync: boolean;
  /** Syncs the write-ahead log off the event loop; commits waiting together share one sync. */
  syncLog: () => Promise<void>;
  prepareOnce: (connection: Database.Database) => void;
}

/**
 * SQLite behind the Store (decision 0040). better-sqlite3's transactions are synchronous,
 * so an async transaction is BEGIN IMMEDIATE … COMMIT on the writer, one at a time through
 * a queue. Reads outside a transaction use a second, read-only connection: they never see
 * an open transaction's writes and never wait for it (WAL readers do not block).
 */
export function sqliteStore(options: SqliteStoreOptions): Store {
  const { writer } = options;
  const reader = new Database(options.path, { readonly: true, fileMustExist: true });
  reader.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  options.prepareOnce(reader);
  const asQuery = (connection: Database.Database) => drizzle(connection) as unknown as Query;
  const readDb = asQuery(reader);
  const writeDb = asQuery(writer);
  let queue: Promise<unknown> = Promise.resolve();
  // Reads that must agree get a connection of their own: a read transaction left open on
  // `reader` across an await would hand its old snapshot to every other read meanwhile.
  const snapshots = new Database(options.path, { readonly: true, fileMustExist: true });
  snapshots.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  options.prepareOnce(snapshots);
  const snapshotDb = asQuery(snapshots);
  let snapshotQueue: Promise<unknown> = Promise.resolve();

  /** Runs `work` in a transaction; once it commits, its sync has started (`synced`). */
  async function run<T>(work: (tx: Query) => Promise<T>): Promise<{ result: T; synced: Promise<void> }> {
    // Committed at NORMAL, synced by syncLog off the event loop (decision 0031); the level
    // can only change outside a transaction.
    if (options.fullSync) writer.pragma("synchronous = NORMAL");
    try {
      writer.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(writeDb);
        writer.exec("COMMIT");
        const synced = options.fullSync ? options.syncLog() : Promise.resolve();
        synced.catch(() => {});
        return { result, synced };
      } catch (error) {
        if (writer.inTransaction) writer.exec("ROLLBACK");
        throw error;
      }
    } finally {
      if (options.fullSync) writer.pragma("synchronous = FULL");
    }
  }

  return {
    dialect: "sqlite",
    t: tables as unknown as Tables,
    db: readDb,
    read<T>(work: (q: Query) => Promise<T>): Promise<T> {
      // One at a time on the snapshot connection: the transaction stays open across
      // `work`'s awaits, and WAL pins its snapshot at its first read.
      const turn = snapshotQueue.then(async () => {
        snapshots.exec("BEGIN");
        try {
          return await work(snapshotDb);
        } finally {
          if (snapshots.inTransaction) snapshots.exec("COMMIT");
        }
      });
      snapshotQueue = turn.catch(() => {});
      return turn;
    },
    async transaction<T>(
      work: (tx: Query) => Promise<T>,
      whileSyncing?: (result: T, q: Query) => Promise<void>,
    ): Promise<T> {
      let synced = Promise.resolve();
      const turn = queue.then(async () => {
        // The sync starts at the commit; what runs meanwhile waits in the queue's turn.
        const done = await run(work);
        synced = done.synced;
        if (whileSyncing) await whileSyncing(done.result, writeDb);
        return done.result;
      });
      queue = turn.catch(() => {});
      const result = await turn;
      await synced;
      return result;
    },
    async lock() {},
    changedRows: (result) => (result as { changes: number }).changes,
    isUniqueViolation(error) {
      const code = driverError(error)?.code;
      return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
    },
    driver: { dialect: "sqlite", writer },
    async close() {
      if (reader.open) reader.close();
      if (snapshots.open) snapshots.close();
    },
  };
}
