// Issue 10, rule 6: a backup taken while a meeting runs (real app.server, real screens
// writing) restores into an empty folder, checked, and a server started on it has the
// decisions acknowledged before the backup and serves the archived minutes.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { list } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingOps } from "../../db/schema/index.ts";
import type { MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { useTestServer } from "../support/harness.ts";
import { connected, emit, meetingSocket, op } from "../support/meetings.ts";
import { approvedMeeting } from "../support/minutes.ts";
import { sqliteOf } from "../support/server.ts";

const root = resolve(import.meta.dirname, "../..");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** `npm run backup -- OUT` / `npm run restore -- IN` as an operator runs them. */
function runScript(script: "backup" | "restore", arg: string, data: { db: string; archive: string; outbox: string }) {
  const child = spawn(resolve(root, "node_modules/.bin/tsx"), [`server/backup/${script}-cli.ts`, arg], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DATABASE_URL: data.db, ARCHIVE_DIR: data.archive, OUTBOX_DIR: data.outbox },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (err += b.toString()));
  return new Promise<{ code: number | null; out: string; err: string }>((done) =>
    child.once("exit", (code) => done({ code, out, err })),
  );
}

describe("backup during a running meeting, then restore", () => {
  // approvedMeeting seeds the network itself. The chair's screens record decisions as fast as
  // they can during the backup, beyond what the rate limit (its own test) lets one screen send.
  const app = useTestServer({ seed: false, env: { LIVE_COMMAND_LIMIT: "1000000" } });
  let held: Awaited<ReturnType<typeof approvedMeeting>>;
  let work: string;
  let minutesSha: string;
  let liveMeetingId: string;
  let ackedBeforeBackup: string[] = [];
  let backupFile: string;
  const target = () => ({
    db: join(work, "restored", "casetable.db"),
    archive: join(work, "restored", "archive"),
    outbox: join(work, "restored", "outbox"),
  });
  /** The operator's copy of the key file, kept apart from the backups (decision 0028). */
  const keyCopy = () => join(work, "key-copy", "casetable.key");

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "casetable-backup-"));
    held = await approvedMeeting(app.server);
    minutesSha = held.approved.pdfSha256;
    held.close();
    liveMeetingId = (await app.services.meetings.list(held.net.networkId)).find(
      (m) => m.title === "Next case conference",
    )!.id;
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("takes a consistent backup while the chair's screens keep recording decisions", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const screens: Socket[] = [];
    for (let i = 0; i < 2; i++) {
      const s = meetingSocket(app.url, chair.cookieHeader);
      await connected(s);
      await emit(s, "meeting:join", { meetingId: liveMeetingId });
      screens.push(s);
    }
    await emit(screens[0], "confidentiality:accept", { meetingId: liveMeetingId, opId: op(), version: 1 });
    expect((await emit(screens[0], "meeting:start", { meetingId: liveMeetingId, opId: op() })).ok).toBe(true);
    // A case item of the agenda as the chair's screen shows it.
    const { agenda } = (
      await emit<{ ok: true; data: MeetingSnapshot }>(screens[0], "meeting:join", { meetingId: liveMeetingId })
    ).data;
    const itemId = agenda.find((i) => i.caseCode !== null && !["signals", "closures"].includes(i.section))!.id;

    const acked: string[] = [];
    let stop = false;
    const writing = screens.map(async (s, n) => {
      for (let k = 0; !stop; k++) {
        const opId = op();
        const ack = await emit(s, "decision:record", {
          meetingId: liveMeetingId,
          opId,
          itemId,
          outcome: "continue",
          rationale: `screen ${n}, decision ${k}`,
        });
        if (!ack.ok) throw new Error(`decision refused: ${JSON.stringify(ack)}`);
        acked.push(opId);
      }
    });
    // The meeting is under way (decisions acknowledged, on a loaded machine too) before the backup starts.
    while (acked.length < 3) await new Promise((r) => setTimeout(r, 20));
    ackedBeforeBackup = [...acked];
    backupFile = join(work, "backups", "casetable.tar.gz");
    const backup = await runScript("backup", backupFile, {
      db: app.server.databaseFile,
      archive: join(app.server.dir, "archive"),
      outbox: join(app.server.dir, "outbox"),
    });
    const ackedDuringBackup = acked.length - ackedBeforeBackup.length;
    stop = true;
    await Promise.all(writing);
    screens.forEach((s) => s.disconnect());
    expect(backup).toMatchObject({ code: 0, err: "" });
    expect(backup.out).toMatch(/^Backup written to .*casetable\.tar\.gz/);
    // The key is not in the backup, and the command says which one it needs.
    expect(backup.out).toMatch(/sealed with key [0-9a-f]{8}, held in .*casetable\.key, which is NOT in the backup/);
    mkdirSync(join(work, "key-copy"));
    copyFileSync(join(app.server.dir, "casetable.key"), keyCopy());
    chmodSync(keyCopy(), 0o600);
    expect(ackedBeforeBackup.length).toBeGreaterThan(0);
    expect(ackedDuringBackup).toBeGreaterThan(0); // the meeting really went on while the backup ran

    const entries: string[] = [];
    await list({ file: backupFile, onReadEntry: (e) => entries.push(e.path) });
    expect(entries).toContain("manifest.json");
    expect(entries).toContain("casetable.db");
    expect(entries.some((e) => e.endsWith(".key"))).toBe(false);
    expect(entries.some((e) => e.startsWith("archive/") && e.endsWith(".pdf"))).toBe(true);
  }, 60_000);

  it("restores into an empty folder, checking every hash, the integrity and the audit chain; refuses a folder that is not empty", async () => {
    // The original is gone, as after a lost disk: nothing may be read from it any more.
    await app.server.stop();
    const first = await runScript("restore", backupFile, target());
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /files match their SHA-256 sums; the database passes its integrity check; the audit log is intact \(\d+ entries\); 1 archived minutes versions match/,
    );

    const again = await runScript("restore", backupFile, target());
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^Restore refused: The data folder .*restored is not empty/);
  }, 60_000);

  describe("a server on the restored folder", () => {
    const restored = useTestServer({
      seed: false,
      env: () => ({
        DATABASE_URL: target().db,
        ARCHIVE_DIR: target().archive,
        OUTBOX_DIR: target().outbox,
        CASETABLE_KEY_FILE: keyCopy(),
      }),
    });

    it("has every decision acknowledged before the backup, and serves the archived minutes", async () => {
      const present = sqliteOf(restored.services)
        .db.select({ opId: meetingOps.opId })
        .from(meetingOps)
        .where(and(eq(meetingOps.meetingId, liveMeetingId), inArray(meetingOps.opId, ackedBeforeBackup)))
        .all();
      expect(present).toHaveLength(ackedBeforeBackup.length);

      const chair = await restored.signIn("chair@riverside.example");
      const res = await chair.get(`/n/${held.net.networkId}/meetings/${held.meetingId}/minutes.pdf?version=1`);
      expect(res.status).toBe(200);
      expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(minutesSha);
    }, 60_000);
  });
});

describe("PostgreSQL in DATABASE_URL", () => {
  it("is refused by backup and restore, which copy the embedded SQLite database, naming PostgreSQL's own tools", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casetable-pgbackup-"));
    try {
      const data = {
        db: "postgres://casetable:secret@db.example/casetable",
        archive: join(dir, "archive"),
        outbox: join(dir, "outbox"),
      };
      const backup = await runScript("backup", join(dir, "out.tar.gz"), data);
      expect(backup.code).toBe(1);
      expect(backup.err).toContain("npm run backup copies the embedded SQLite database only");
      expect(backup.err).toContain("pg_dump");
      const restore = await runScript("restore", join(dir, "out.tar.gz"), data);
      expect(restore.code).toBe(1);
      expect(restore.err).toContain("Restore refused: DATABASE_URL names PostgreSQL");
      expect(`${backup.err}${restore.err}`).not.toContain("secret");
      expect(existsSync(join(dir, "out.tar.gz"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("a damaged backup is refused and nothing is restored", () => {
  it("refuses a file that is not a backup, naming it, and leaves the folder empty", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casetable-badbackup-"));
    try {
      const bogus = join(dir, "not-a-backup.tar.gz");
      writeFileSync(bogus, "minutes of a meeting\n");
      const result = await runScript("restore", bogus, {
        db: join(dir, "data", "casetable.db"),
        archive: join(dir, "data", "archive"),
        outbox: join(dir, "data", "outbox"),
      });
      expect(result.code).toBe(1);
      expect(result.err).toContain("not-a-backup.tar.gz");
      expect(existsSync(join(dir, "data", "casetable.db"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
