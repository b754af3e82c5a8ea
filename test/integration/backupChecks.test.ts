// Issue 10, rule 6: what restore refuses (a changed archived PDF, a broken audit chain, a
// file the manifest does not match), and the scheduled backup (BACKUP_DIR, BACKUP_EVERY).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { create as createTar, extract } from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "../../server/backup/backup.ts";
import { MANIFEST, sha256OfFile, type Manifest } from "../../server/backup/manifest.ts";
import { restoreBackup } from "../../server/backup/restore.ts";
import { scheduleBackups } from "../../server/backup/schedule.ts";
import { loadConfig } from "../../server/config.ts";
import { approvedMeeting } from "../support/minutes.ts";
import { useTestServer } from "../support/harness.ts";
import { sqliteOf } from "../support/server.ts";

const app = useTestServer({ seed: false }); // approvedMeeting seeds the network itself
let work: string;
let good: string;
const sources = () => ({
  sqlite: sqliteOf(app.services).sqlite,
  archiveDir: join(app.server.dir, "archive"),
  outboxDir: join(app.server.dir, "outbox"),
});
const target = (name: string) => ({
  databasePath: join(work, name, "data", "casetable.db"),
  archiveDir: join(work, name, "data", "archive"),
  outboxDir: join(work, name, "data", "outbox"),
});

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "casetable-backupchecks-"));
  const held = await approvedMeeting(app.server);
  held.close();
  good = join(work, "good.tar.gz");
  await createBackup(sources(), good);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Unpacks the good backup, lets `change` alter it, and packs it again with a manifest matching the altered files. */
async function altered(name: string, change: (folder: string) => void): Promise<string> {
  const folder = join(work, `${name}-unpacked`);
  mkdirSync(folder);
  await extract({ file: good, cwd: folder });
  change(folder);
  const manifest = JSON.parse(readFileSync(join(folder, MANIFEST), "utf8")) as Manifest;
  for (const f of manifest.files) f.sha256 = await sha256OfFile(join(folder, f.path));
  writeFileSync(join(folder, MANIFEST), JSON.stringify(manifest));
  const out = join(work, `${name}.tar.gz`);
  await createTar({ gzip: true, file: out, cwd: folder }, [MANIFEST, ...manifest.files.map((f) => f.path)]);
  return out;
}

describe("restore refuses a backup that does not hold what it says", () => {
  it("restores the untouched backup", async () => {
    const restored = await restoreBackup(good, target("untouched"));
    expect(restored.minutesVersions).toBe(1);
    expect(restored.auditEntries).toBeGreaterThan(0);
  });

  it("refuses an archived PDF that differs from the SHA-256 stored with its version, and restores nothing", async () => {
    const file = await altered("pdf", (folder) => {
      const pdfDir = join(folder, "archive");
      const pdf = readdirSync(pdfDir, { recursive: true, encoding: "utf8" }).find((p) => p.endsWith(".pdf"))!;
      writeFileSync(join(pdfDir, pdf), Buffer.concat([readFileSync(join(pdfDir, pdf)), Buffer.from("% changed\n")]));
    });
    await expect(restoreBackup(file, target("pdf"))).rejects.toThrow(
      /Minutes version 1 .* does not match the SHA-256 stored with it/,
    );
    expect(readdirSync(join(work, "pdf", "data"))).toEqual([]);
  });

  it("refuses a database whose audit log was edited", async () => {
    const file = await altered("audit", (folder) => {
      const db = new Database(join(folder, "casetable.db"));
      db.exec("drop trigger audit_log_no_update");
      db.prepare(
        "update audit_log set action = 'nothing.happened' where id = (select min(id) + 1 from audit_log)",
      ).run();
      db.close();
    });
    await expect(restoreBackup(file, target("audit"))).rejects.toThrow(/audit log is broken at entry #\d+/);
  });

  it("refuses a file that does not match the manifest", async () => {
    const folder = join(work, "manifest-unpacked");
    mkdirSync(folder);
    await extract({ file: good, cwd: folder });
    mkdirSync(join(folder, "outbox"), { recursive: true });
    writeFileSync(join(folder, "outbox", "stray.eml"), "From: nobody\n");
    const stray = join(work, "stray.tar.gz");
    await createTar({ gzip: true, file: stray, cwd: folder }, readdirSync(folder));
    await expect(restoreBackup(stray, target("stray"))).rejects.toThrow(
      /files its manifest does not list: outbox\/stray\.eml/,
    );

    rmSync(join(folder, "outbox", "stray.eml"));
    writeFileSync(
      join(folder, "casetable.db"),
      Buffer.concat([readFileSync(join(folder, "casetable.db")), Buffer.alloc(4096)]),
    );
    const changed = join(work, "changed.tar.gz");
    await createTar({ gzip: true, file: changed, cwd: folder }, readdirSync(folder));
    await expect(restoreBackup(changed, target("changed"))).rejects.toThrow(
      /casetable\.db in the backup does not match its SHA-256 in the manifest/,
    );
  });
});

describe("scheduled backups", () => {
  it("are configured by BACKUP_DIR and BACKUP_EVERY together", () => {
    expect(loadConfig({ BACKUP_DIR: "/srv/backups", BACKUP_EVERY: "6h" }).backup).toEqual({
      dir: "/srv/backups",
      everyMs: 6 * 3_600_000,
    });
    expect(loadConfig({}).backup).toBeUndefined();
    expect(() => loadConfig({ BACKUP_DIR: "/srv/backups" })).toThrow(
      /BACKUP_EVERY: BACKUP_DIR and BACKUP_EVERY go together/,
    );
    expect(() => loadConfig({ BACKUP_DIR: "/srv/backups", BACKUP_EVERY: "often" })).toThrow(
      /BACKUP_EVERY: a period such as 30m, 6h or 1d/,
    );
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: "-1" })).toThrow(/SHUTDOWN_GRACE_MS/);
  });

  it("write restorable backups into BACKUP_DIR on schedule", async () => {
    const dir = join(work, "scheduled");
    const schedule = scheduleBackups(
      sqliteOf(app.services),
      { dir, everyMs: 300, archiveDir: sources().archiveDir, outboxDir: sources().outboxDir },
      app.services.log,
    );
    await expect
      .poll(
        () => {
          try {
            return readdirSync(dir).filter((f) => /^casetable-.*\.tar\.gz$/.test(f)).length;
          } catch {
            return 0;
          }
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(2);
    await schedule.stop();
    const first = readdirSync(dir)
      .filter((f) => f.endsWith(".tar.gz"))
      .sort()[0]!;
    expect((await restoreBackup(join(dir, first), target("scheduled"))).minutesVersions).toBe(1);
  });
});
