import type Database from "better-sqlite3";

/** How long a purge or an erasure waits for other connections to leave the log, and how often it is tried after that. */
const PATIENCE = { waitMs: 5_000, againEveryMs: 5_000 };

const waitFor = (ms: number) => new Promise((next) => setTimeout(next, ms));

/**
 * One attempt: SQLite answers `busy` (instead of failing) when another connection (a second
 * node or a backup on the same file, a reader mid-transaction) still reads from the log;
 * the log is then not emptied, and what was overwritten stays in it.
 */
function truncate(sqlite: Database.Database): boolean {
  try {
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result.busy === 0;
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) return false;
    throw error;
  }
}

/**
 * SQLite keeps what a purge or an erasure overwrote in its write-ahead log until a
 * checkpoint (decision 0033); this empties it. A checkpoint cannot run while the write
 * connection is inside a transaction, and a Store transaction stays open across its awaits
 * (decision 0040), so it waits for the connection to be between transactions first: a
 * Store transaction awaits only the database, so that is at most a turn of the event loop.
 *
 * While another connection still reads from the log it tries again for a few seconds; if
 * that connection stays, the answer is `false` and the log keeps being tried in the
 * background until it is empty (or the database closes), so the erased values do not stay.
 */
export async function emptyWriteAheadLog(sqlite: Database.Database, patience = PATIENCE): Promise<boolean> {
  const attempt = async () => {
    while (sqlite.inTransaction) await new Promise((next) => setImmediate(next));
    return truncate(sqlite);
  };
  const giveUpAt = Date.now() + patience.waitMs;
  for (;;) {
    if (!sqlite.open) return false;
    if (await attempt()) return true;
    if (Date.now() >= giveUpAt) break;
    await waitFor(100);
  }
  const again = setInterval(() => {
    if (!sqlite.open) return clearInterval(again);
    // A failure here has no one to answer to: the next round tries again.
    attempt().then(
      (emptied) => emptied && clearInterval(again),
      () => {},
    );
  }, patience.againEveryMs);
  again.unref();
  return false;
}
