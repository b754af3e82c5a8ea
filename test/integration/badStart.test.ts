// Issue 10, rule 5: a bad database file stops the start with one readable message naming
// the path and the cause, no stack trace, and a non-zero exit. Each case runs the server
// as an operator would (`tsx server/index.ts`) in its own process.
import { mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { spawnServer } from "../support/serverProcess.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "casetable-start-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function refusedStart(databaseFile: string) {
  const server = spawnServer({
    DATABASE_URL: databaseFile,
    OUTBOX_DIR: join(dir, "outbox"),
    ARCHIVE_DIR: join(dir, "archive"),
  });
  const code = await server.exited;
  const stderr = server.stderr().trim();
  expect(code).not.toBe(0);
  expect(stderr.split("\n")).toHaveLength(1); // one message…
  expect(stderr).not.toMatch(/^\s+at /m); // …and no stack trace
  expect(stderr).toContain(databaseFile);
  expect(server.stdout() + stderr).not.toContain("/setup/");
  return stderr;
}

/** A real Casetable database of this version, closed cleanly. */
function casetableDatabase(file: string) {
  openDatabase(file).close();
}

describe("a bad database file stops the start", () => {
  it("refuses an empty (0-byte) file instead of starting a new installation", async () => {
    const file = join(dir, "casetable.db");
    writeFileSync(file, "");
    expect(await refusedStart(file)).toMatch(/empty file \(0 bytes\)/);
    expect(statSync(file).size).toBe(0);
  });

  it("refuses a file that is not a database", async () => {
    const file = join(dir, "casetable.db");
    writeFileSync(file, "Minutes of the meeting of 3 March…\n".repeat(200));
    expect(await refusedStart(file)).toMatch(/not a SQLite database/);
  });

  it("refuses a SQLite database that is not Casetable's", async () => {
    const file = join(dir, "other.db");
    const other = new Database(file);
    other.exec("create table recipes (name text)");
    other.close();
    expect(await refusedStart(file)).toMatch(/not a Casetable one/);
  });

  it("refuses a database with migrations this version does not know, and names them", async () => {
    const file = join(dir, "casetable.db");
    casetableDatabase(file);
    const newer = new Database(file);
    const when = Date.parse("2027-03-01T09:00:00Z");
    newer
      .prepare("insert into __drizzle_migrations (hash, created_at) values (?, ?)")
      .run("f00dfeedc0ffee" + "0".repeat(50), when);
    newer.close();
    const message = await refusedStart(file);
    expect(message).toMatch(/1 migration this version of Casetable does not know/);
    expect(message).toContain("2027-03-01T09:00:00.000Z (f00dfeedc0ff)");
    expect(message).toMatch(/knows up to 0\d{3}_\w+/);
  });

  it("refuses a database that fails its integrity check", async () => {
    const file = join(dir, "casetable.db");
    casetableDatabase(file);
    // Scribble over every page but the first, as a bad disk or a half-copied file would.
    const { size } = statSync(file);
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
    closeSync(fd);
    expect(await refusedStart(file)).toMatch(/integrity check|malformed/);
  });

  it("refuses a database it cannot create, naming the path and the cause", async () => {
    const notAFolder = join(dir, "a-file");
    writeFileSync(notAFolder, "x");
    const file = join(notAFolder, "casetable.db");
    expect(await refusedStart(file)).toMatch(/cannot be read: .*ENOTDIR/);
  });

  it("refuses a place where no file can be written", async () => {
    expect(await refusedStart("/proc/casetable.db")).toMatch(
      /cannot be opened: unable to open database file \(SQLITE_CANTOPEN\)/,
    );
  });

  it("refuses a folder where the database file should be", async () => {
    expect(await refusedStart(dir)).toMatch(/is not a file/);
  });

  it("still starts a new installation where no file exists yet", async () => {
    const server = spawnServer({
      DATABASE_URL: join(dir, "new", "casetable.db"),
      OUTBOX_DIR: join(dir, "outbox"),
      ARCHIVE_DIR: join(dir, "archive"),
    });
    await server.ready;
    await expect.poll(() => server.stderr()).toContain("/setup/");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
