import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { asc, desc, getTableColumns, type Column } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServerDatabase } from "../../db/serverDatabase.ts";
import { rowCounts, tablesInCopyOrder } from "../../db/copy.ts";
import { openStore } from "../../db/openStore.ts";
import type { Store } from "../../db/store.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { loadConfig } from "../../server/config.ts";
import { defaultKeyFile, keyFileFor } from "../../server/crypto/keyFile.ts";
import { seedDemo } from "../../server/demo/seed.ts";
import { seedDemoHistory } from "../../server/demo/history.ts";
import { seedUpdates, seedWrittenDecision } from "../../server/demo/seedBetween.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { createLog } from "../../server/log.ts";
import { createServices } from "../../server/services.ts";
import { dialectsUnderTest, newPostgresDatabase } from "../support/dialects.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { dataIn, dropped } from "../support/server.ts";

// `npm run db:copy` (issue 17 rule 6, decision 0043): the demo data from SQLite to
// PostgreSQL and back to a new SQLite file, every row the same in all three.

const root = resolve(import.meta.dirname, "../..");

async function copy(from: string, to: string, env: Record<string, string> = {}) {
  const { CASETABLE_KEY_FILE: _, ...rest } = process.env;
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "server/backup/copy-cli.ts", "--from", from, "--to", to],
      { cwd: root, env: { ...rest, LANG: "en_GB.UTF-8", ...env } },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Every row of every table, in key order. */
async function everything(store: Store) {
  const all: Record<string, unknown[]> = {};
  for (const info of tablesInCopyOrder()) {
    const table = store.t[info.key] as unknown as PgTable;
    const columns = new Map(Object.values(getTableColumns(table)).map((c: Column) => [c.name, c]));
    all[info.name] = await store.db
      .select()
      .from(table)
      .orderBy(...info.orderBy.map((name) => asc(columns.get(name)!)));
  }
  return all;
}

const postgresReachable = (await dialectsUnderTest()).includes("postgresql");

describe.skipIf(!postgresReachable)("npm run db:copy", () => {
  let dir: string;
  let source: string;
  let postgres: { url: string; drop: () => Promise<void> };
  let back: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "casetable-copy-"));
    const config = loadConfig(dataIn(join(dir, "source")));
    source = config.databaseUrl;
    back = join(dir, "back", "casetable.db");
    const database = await openServerDatabase(source);
    const services = await createServices(database, {
      mail: config.mail,
      archiveDir: config.archiveDir,
      log: createLog("info", dropped),
      keyFile: keyFileFor(source, undefined),
    });
    const { networkId, readyMeetingId } = await seedDemo(services, PASSWORD);
    await seedDemoStory(services, networkId);
    await seedDemoHistory(services, networkId);
    await seedWrittenDecision(services, networkId);
    await seedUpdates(services, networkId, readyMeetingId);
    // What the demo does not hold: bytes, numbers past PostgreSQL's integer, SQLite's 0 moment.
    const { t } = database.store;
    const [person] = await database.store.db.select().from(t.persons).limit(1);
    await database.store.transaction(async (tx) => {
      await tx
        .insert(t.noteUpdates)
        .values({ doc: "scratch:copy", update: Buffer.from([0, 1, 2, 255]), at: new Date() });
      await tx.insert(t.passkeys).values({
        id: "passkey-1",
        personId: person.id,
        name: "Laptop",
        publicKey: Buffer.from("a public key"),
        counter: 2 ** 32 - 1,
        transports: ["usb", "nfc"],
      });
      await tx.insert(t.signInThrottle).values({ key: "failures:x", points: 2, expire: Date.now() + 60_000 });
      await tx.insert(t.sessions).values({
        id: "session-1",
        personId: person.id,
        expiresAt: new Date(Date.now() + 3_600_000),
        lastSeenAt: new Date(0),
      });
    });
    await database.close();
    postgres = await newPostgresDatabase();
  }, 180_000);

  afterAll(async () => {
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies SQLite to PostgreSQL and back to a new SQLite file: every row the same, the audit log intact in each", async () => {
    const there = await copy(source, postgres.url);
    expect(there.output).toMatch(
      /Copied .* Every table holds as many rows in both; the audit log on the target is intact/,
    );
    expect(there.output).toMatch(/was NOT copied: a PostgreSQL database has no folder beside it/);
    expect(there.code).toBe(0);

    const sourceKey = defaultKeyFile(source);
    const backAgain = await copy(postgres.url, back, { CASETABLE_KEY_FILE: sourceKey });
    expect(backAgain.output).toMatch(/Copied /);
    expect(backAgain.output).toMatch(/was copied to/);
    expect(backAgain.code).toBe(0);
    // The key file beside the new database, the same keys, readable by its owner only.
    const backKey = defaultKeyFile(back);
    expect(readFileSync(backKey, "utf8")).toBe(readFileSync(sourceKey, "utf8"));
    expect(statSync(backKey).mode & 0o077).toBe(0);

    const stores = [await openStore(source), await openStore(postgres.url), await openStore(back)];
    try {
      const [first, ...others] = await Promise.all(stores.map(everything));
      expect(first.audit_log.length).toBeGreaterThan(50);
      expect(first.cases.length).toBeGreaterThan(3);
      for (const other of others) {
        for (const table of Object.keys(first)) expect(other[table], table).toEqual(first[table]);
      }
      const chains = await Promise.all(stores.map((s) => createAuditChain(s).verify()));
      for (const chain of chains) expect(chain).toEqual(chains[0]);
      expect(chains[0]).toMatchObject({ intact: true, rows: first.audit_log.length });

      // The copies go on numbering after the copied ids.
      for (const store of stores.slice(1)) {
        const chain = createAuditChain(store);
        await store.transaction((tx) => chain.append(tx, { personId: null, ip: null }, { action: "test.after_copy" }));
        const [newest] = await store.db.select().from(store.t.auditLog).orderBy(desc(store.t.auditLog.id)).limit(1);
        expect(newest).toMatchObject({ id: first.audit_log.length + 1, action: "test.after_copy" });
        expect(await chain.verify()).toMatchObject({ intact: true });
      }
    } finally {
      for (const store of stores) await store.close();
    }

    // Casetable opens the copy with its key file: the sealed identities' keys are there.
    const config = loadConfig(dataIn(join(dir, "back")));
    const services = await createServices(await openServerDatabase(back), {
      mail: config.mail,
      archiveDir: config.archiveDir,
      log: createLog("info", dropped),
      keyFile: keyFileFor(back, undefined),
    });
    await services.database.close();
  }, 240_000);

  it("refuses a target that is not empty, and changes nothing", async () => {
    const target = await openStore(postgres.url);
    const before = await rowCounts(target);
    await target.close();
    const again = await copy(source, postgres.url);
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(
      /Copy refused, nothing was changed: the target .* is not empty \(its table \w+ holds rows\)/,
    );
    const after = await openStore(postgres.url);
    expect(await rowCounts(after)).toEqual(before);
    await after.close();
  }, 120_000);

  it("refuses a source that is not there, without making one", async () => {
    const missing = join(dir, "nowhere", "casetable.db");
    const result = await copy(missing, join(dir, "other", "casetable.db"));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Copy refused, nothing was changed: there is no database at/);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);
});
