// Rule 9 of issue 13: an audit log without case content, anchored by a keyed checkpoint outside the database (decision 0029).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { caseSubjects, decisions, decisionViews, signals, tasks } from "../../db/schema/index.ts";
import { openReporter } from "../../server/cases/signals.ts";
import { openValue } from "../../server/crypto/sealedColumns.ts";
import { fullMeeting } from "../support/fullMeeting.ts";
import { startTestServer, type TestServer, sqliteOf } from "../support/server.ts";

async function verifyCli(server: TestServer) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/audit/verify-cli.ts"], {
      env: { ...process.env, DATABASE_URL: server.databaseFile },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, out: e.stderr };
  }
}

describe("the audit log after a whole meeting", () => {
  it("holds ids and field names, not the case's words; a failed sign-in is not kept as typed; refusals are on record", async () => {
    const server = await startTestServer();
    try {
      await fullMeeting(server);
      const { db } = sqliteOf(server.services);
      const keyring = server.services.keyring;
      // A failed sign-in with an address that is nobody's, and one with a wrong password.
      await server.services.accounts.signIn("someone.typed@example.org", "wrong password here", {
        ip: "192.0.2.7",
        userAgent: "test",
      });
      await server.services.accounts.signIn("police@riverside.example", "wrong password here", {
        ip: "192.0.2.7",
        userAgent: "test",
      });

      const texts = [
        ...db.select({ t: decisions.rationale }).from(decisions).all(),
        ...db.select({ t: decisionViews.comment }).from(decisionViews).all(),
        ...db.select({ t: tasks.what }).from(tasks).all(),
        ...db
          .select()
          .from(signals)
          .all()
          .flatMap((s) => {
            const r = openReporter(keyring, s);
            return [{ t: s.concern }, { t: r.reporterName }, { t: r.reporterContact }];
          }),
        ...db
          .select()
          .from(caseSubjects)
          .all()
          .map((r) => ({ t: openValue(keyring, caseSubjects.name, r.caseId, r.name) })),
        { t: "someone.typed@example.org" },
        { t: "police@riverside.example" },
      ]
        .map((r) => r.t)
        .filter((t): t is string => typeof t === "string" && t.length >= 6);
      expect(texts.length).toBeGreaterThan(10);
      const audit = sqliteOf(server.services).sqlite.prepare("SELECT action, details FROM audit_log").all() as {
        action: string;
        details: string;
      }[];
      expect(audit.length).toBeGreaterThan(20);
      const dump = JSON.stringify(audit);
      for (const text of texts) expect(dump.includes(text), text).toBe(false);
      const failed = audit.filter((a) => a.action === "auth.sign_in_failed").map((a) => JSON.parse(a.details));
      expect(failed).toHaveLength(2);
      for (const f of failed) expect(f.emailHash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await server.stop();
    }
  }, 180_000);
});

describe("the checkpoint outside the database", () => {
  it("is written at start and at stop; verify names a missing tail after the newest entries are deleted, and a forged checkpoint", async () => {
    const server = await startTestServer();
    const { dir } = server;
    try {
      for (let i = 0; i < 4; i++)
        await server.services.accounts.signIn(`nobody${i}@example.org`, "wrong password here", {
          ip: "192.0.2.8",
          userAgent: "test",
        });
      await server.close();
      const checkpointFile = join(dir, "casetable.audit-checkpoint");
      const checkpoint = JSON.parse(readFileSync(checkpointFile, "utf8")) as { entries: number };
      expect(checkpoint.entries).toBeGreaterThanOrEqual(4);

      const intact = await verifyCli(server);
      expect(intact).toMatchObject({ code: 0 });
      expect(intact.out).toMatch(
        new RegExp(`Audit log intact: ${checkpoint.entries} entries checked; it reaches the checkpoint`),
      );

      // Someone with the file in hand drops the triggers and deletes the newest three entries.
      const raw = new Database(server.databaseFile);
      raw.exec("DROP TRIGGER audit_log_no_delete");
      raw.exec("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 3)");
      raw.close();
      const truncated = await verifyCli(server);
      expect(truncated.code).toBe(1);
      expect(truncated.out).toMatch(/Audit log TRUNCATED: the last 3 entries are missing/);

      // A checkpoint rewritten to match the shorter log, without the key file, is not believed.
      const forged = { ...checkpoint, entries: checkpoint.entries - 3 };
      writeFileSync(checkpointFile, JSON.stringify(forged));
      const refused = await verifyCli(server);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/checkpoint .* cannot be trusted: its seal does not match/);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
