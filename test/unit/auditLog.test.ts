import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { createAuditChain, hashEntry, type AuditChain } from "../../server/audit/auditLog.ts";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");

let dir: string;
let file: string;
let handle: DatabaseHandle;
/** The chain, on the Store of the file. */
let chain: AuditChain;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "casetable-audit-"));
  file = join(dir, "audit.db");
  handle = openDatabase(file);
  chain = createAuditChain(handle.store);
  for (let i = 1; i <= 5; i++) {
    await handle.store.transaction((tx) =>
      chain.append(
        tx,
        { personId: `person-${i}`, ip: "10.0.0.1" },
        { action: "test.entry", networkId: "n1", details: { n: i } },
      ),
    );
  }
});

afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What someone with the file in hand could do: drop the guards and edit rows. */
function tamper(sql: string) {
  handle.close();
  const raw = new Database(file);
  raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  raw.exec(sql);
  raw.close();
  handle = openDatabase(file);
  chain = createAuditChain(handle.store);
}

async function verifyCli(): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run("npx", ["tsx", "server/audit/verify-cli.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: file },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe("audit log", () => {
  it("chains every entry to the one before", async () => {
    const rows = await chain.listForNetwork("n1", {});
    expect(rows).toHaveLength(5);
    const ascending = [...rows].reverse();
    for (let i = 1; i < ascending.length; i++) expect(ascending[i].prevHash).toBe(ascending[i - 1].hash);
    expect(await chain.verify()).toMatchObject({ intact: true, rows: 5 });
  });

  it("is append-only in the database itself", () => {
    const raw = new Database(file);
    expect(() => raw.exec("UPDATE audit_log SET action = 'x' WHERE id = 2")).toThrow(/append-only/);
    expect(() => raw.exec("DELETE FROM audit_log WHERE id = 2")).toThrow(/append-only/);
    raw.close();
  });

  it("shows an edited entry, naming the first broken row", async () => {
    tamper(`UPDATE audit_log SET details = '{"n":99}' WHERE id = 3`);
    const result = await chain.verify();
    expect(result).toMatchObject({ intact: false, brokenRowId: 3 });
  });

  it("shows a deleted entry at the row after it", async () => {
    tamper("DELETE FROM audit_log WHERE id = 2");
    expect(await chain.verify()).toMatchObject({ intact: false, brokenRowId: 3 });
  });

  it("shows an entry edited with its own hash recomputed, at the next row", async () => {
    // Recompute row 2's hash over forged content, as a careful forger would.
    const [row] = (await chain.listForNetwork("n1", {})).filter((r) => r.id === 2);
    const forgedHash = hashEntry({ ...row, action: "forged" });
    tamper(`UPDATE audit_log SET action = 'forged', hash = '${forgedHash}' WHERE id = 2`);
    expect(await chain.verify()).toMatchObject({ intact: false, brokenRowId: 3 });
  });

  it("npm run audit:verify exits 0 when intact and non-zero with the broken row when not", async () => {
    handle.close();
    const ok = await verifyCli();
    expect(ok.code).toBe(0);
    expect(ok.output).toMatch(/intact: 5 entries/);
    handle = openDatabase(file);
    tamper(`UPDATE audit_log SET ip = '203.0.113.9' WHERE id = 4`);
    handle.close();
    const broken = await verifyCli();
    expect(broken.code).not.toBe(0);
    expect(broken.output).toMatch(/BROKEN at entry #4/);
    handle = openDatabase(file);
  });
});

describe("an address cleared after its retention (decision 0029)", () => {
  it("leaves the chain verifiable, and the database allows that change only", async () => {
    const keyed = createAuditChain(handle.store, (purpose, value) => `${purpose}:${value}`.padEnd(64, "0"));
    await handle.store.transaction((tx) =>
      keyed.append(tx, { personId: "p", ip: "192.0.2.44" }, { action: "test.entry", details: { n: 6 } }),
    );
    const row = handle.sqlite.prepare("SELECT id, ip, ip_hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as {
      id: number;
      ip: string;
      ip_hash: string;
    };
    expect(row.ip).toBe("192.0.2.44");
    expect(row.ip_hash).toMatch(/^audit-address:192\.0\.2\.44/);
    handle.sqlite.prepare("UPDATE audit_log SET ip = NULL WHERE id = ?").run(row.id);
    expect(await chain.verify()).toMatchObject({ intact: true, rows: 6 });
    // Anything else is still refused, as is clearing an older entry's address (its chain covers the address).
    expect(() => handle.sqlite.prepare("UPDATE audit_log SET details = '{}' WHERE id = ?").run(row.id)).toThrow(
      /append-only/,
    );
    expect(() => handle.sqlite.prepare("UPDATE audit_log SET ip = NULL WHERE id = 1").run()).toThrow(/append-only/);
  });
});
