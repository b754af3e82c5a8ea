import type Database from "better-sqlite3";

/**
 * SQLite keeps what a purge or an erasure overwrote in its write-ahead log until a
 * checkpoint (decision 0033); this empties it. A checkpoint cannot run while the write
 * connection is inside a transaction, and a Store transaction stays open across its awaits
 * (decision 0040), so it waits for the connection to be between transactions first: a
 * Store transaction awaits only the database, so that is at most a turn of the event loop.
 */
export async function emptyWriteAheadLog(sqlite: Database.Database): Promise<void> {
  while (sqlite.inTransaction) await new Promise((next) => setImmediate(next));
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
}
