import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { asc } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Dialect } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH } from "../../server/audit/auditLog.ts";
import { dialectsUnderTest, useFreshDatabase } from "../support/dialects.ts";

// The audit chain on the Store (decision 0040): appends from many transactions at once make
// one chain, and its verification (`npm run audit:verify` too) finds a changed or removed
// entry, on SQLite and on PostgreSQL alike.

const root = resolve(import.meta.dirname, "../..");

/** `npm run audit:verify` on the database at `url`, without a key file: the chain alone. */
async function verifyCli(url: string): Promise<{ code: number; output: string }> {
  const { CASETABLE_KEY_FILE: _, ...env } = process.env;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/audit/verify-cli.ts"], {
      cwd: root,
      env: { ...env, DATABASE_URL: url, LANG: "en_GB.UTF-8" },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** What someone with the database in hand could do: switch the guards off and edit rows. */
async function tamper(dialect: Dialect, url: string, statement: string) {
  if (dialect === "sqlite") {
    const raw = new Database(url);
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    raw.exec(statement);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A change through the database's own door, guards on: refused. */
async function tryChange(dialect: Dialect, url: string, statement: string): Promise<string> {
  try {
    if (dialect === "sqlite") {
      const raw = new Database(url);
      try {
        raw.exec(statement);
      } finally {
        raw.close();
      }
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    }
    return "accepted";
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(await dialectsUnderTest())("the audit chain on %s", (dialect) => {
  const database = useFreshDatabase(dialect);
  const actor = { personId: "person-1", ip: null };

  async function burst(count: number) {
    const { store } = database();
    const chain = createAuditChain(store);
    await Promise.all(
      Array.from({ length: count }, (_, n) =>
        store.transaction((tx) => chain.append(tx, actor, { action: "test.entry", networkId: "n1", details: { n } })),
      ),
    );
    return chain;
  }

  it("appends made at once, each in its own transaction, make one unbroken chain that verifies", async () => {
    const chain = await burst(40);
    const { store, url } = database();
    const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => JSON.parse(r.details) as { n: number }).map((d) => d.n)).size).toBe(40);
    expect(await chain.verify()).toEqual({ intact: true, rows: 40, headId: 40, headHash: rows[39].hash });
    expect(await chain.hashOf(40)).toBe(rows[39].hash);
    expect(await chain.hashOf(41)).toBeNull();
    expect((await chain.listForNetwork("n1", { limit: 5 })).map((r) => r.id)).toEqual([40, 39, 38, 37, 36]);
    const cli = await verifyCli(url);
    expect(cli).toMatchObject({ code: 0 });
    expect(cli.output).toMatch(/Audit log intact: 40 entries checked/);
  });

  it("is append-only in the database itself", async () => {
    await burst(3);
    const { url } = database();
    expect(await tryChange(dialect, url, "UPDATE audit_log SET action = 'x' WHERE id = 2")).toMatch(/append-only/);
    expect(await tryChange(dialect, url, "DELETE FROM audit_log WHERE id = 2")).toMatch(/append-only/);
  });

  it("finds an edited entry, and npm run audit:verify names it and fails", async () => {
    const chain = await burst(10);
    const { url } = database();
    await tamper(dialect, url, `UPDATE audit_log SET details = '{"n":99}' WHERE id = 5`);
    expect(await chain.verify()).toMatchObject({ intact: false, brokenRowId: 5, problem: "content" });
    const cli = await verifyCli(url);
    expect(cli.code).not.toBe(0);
    expect(cli.output).toMatch(/BROKEN at entry #5/);
  });

  it("finds a removed entry at the entry after it", async () => {
    const chain = await burst(10);
    await tamper(dialect, database().url, "DELETE FROM audit_log WHERE id = 4");
    expect(await chain.verify()).toMatchObject({ intact: false, brokenRowId: 5, problem: "link" });
  });
});
