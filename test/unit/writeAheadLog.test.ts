import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { emptyWriteAheadLog } from "../../server/retention/writeAheadLog.ts";

const dir = mkdtempSync(join(tmpdir(), "casetable-wal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const patience = { waitMs: 300, againEveryMs: 50 };

/** A database in WAL mode whose log holds a written row, and a second connection mid-read (a second node, a backup). */
function databaseWithReader(name: string) {
  const file = join(dir, name);
  const writer = new Database(file);
  writer.pragma("journal_mode = WAL");
  writer.pragma("busy_timeout = 20");
  writer.exec("create table t (v text); insert into t values ('before')");
  const reader = new Database(file, { readonly: true });
  reader.exec("begin");
  reader.prepare("select * from t").all();
  // Overwritten after the reader's snapshot: the reader keeps the log from being emptied.
  writer.exec("update t set v = 'erased-value'");
  const logBytes = () => statSync(`${file}-wal`).size;
  return { writer, reader, logBytes };
}

describe("emptying the write-ahead log after a purge or an erasure", () => {
  it("empties it at once when no one else reads it", async () => {
    const { writer, reader, logBytes } = databaseWithReader("alone.db");
    reader.exec("commit");
    expect(logBytes()).toBeGreaterThan(0);
    expect(await emptyWriteAheadLog(writer, patience)).toBe(true);
    expect(logBytes()).toBe(0);
    reader.close();
    writer.close();
  });

  it("waits for a reader that leaves within its patience", async () => {
    const { writer, reader, logBytes } = databaseWithReader("leaves.db");
    setTimeout(() => reader.exec("commit"), 100);
    expect(await emptyWriteAheadLog(writer, patience)).toBe(true);
    expect(logBytes()).toBe(0);
    reader.close();
    writer.close();
  });

  it("says so when a reader stays, and empties the log in the background once it leaves", async () => {
    const { writer, reader, logBytes } = databaseWithReader("stays.db");
    expect(await emptyWriteAheadLog(writer, patience)).toBe(false);
    // Not reported as emptied while the old values are still in the log.
    expect(logBytes()).toBeGreaterThan(0);
    reader.exec("commit");
    await expect.poll(logBytes, { timeout: 2_000, interval: 20 }).toBe(0);
    reader.close();
    writer.close();
  });
});
