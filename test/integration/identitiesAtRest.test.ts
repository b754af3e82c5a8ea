// Rule 8 of issue 13: identities sealed at rest under a key outside the database (decision 0028).
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { caseSubjects, signals } from "../../db/schema/index.ts";
import { openServerDatabase } from "../../db/serverDatabase.ts";
import { readKeyFile } from "../../server/crypto/keyFile.ts";
import { rotateKeys } from "../../server/crypto/rotateKeys.ts";
import { openValue } from "../../server/crypto/sealedColumns.ts";
import { seedDemo } from "../../server/demo/seed.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { createLog } from "../../server/log.ts";
import { createServices } from "../../server/services.ts";
import { dropped, sqliteOf } from "../support/server.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "casetable-keys-"));
  dirs.push(dir);
  return dir;
}
const options = (dir: string) => ({
  mail: { smtpUrl: undefined, from: "t@localhost", outboxDir: join(dir, "outbox") },
  archiveDir: join(dir, "archive"),
  log: createLog("info", dropped),
});

async function start(dir: string) {
  const database = await openServerDatabase(join(dir, "casetable.db"));
  try {
    const services = await createServices(database, { ...options(dir), keyFile: join(dir, "casetable.key") });
    return { database: sqliteOf(services), services };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Every identity of the demo's cases (subjects, and the one reporter from outside). */
const DEMO_IDENTITIES = [
  "Mateusz Wróbel",
  "Mateusz",
  "Wróbel",
  "Dimitris Alexiou",
  "Alexiou",
  "Jonas Åberg",
  "Åberg",
  "Lukas Novák",
  "Sofía Martínez",
  "Martínez",
  "Anna Kowalska",
  "2010-03-14",
  "2004-07-30",
  "2001-11-02",
  "1999-05-21",
  "2006-09-09",
  "2007-01-12",
  "Inês Carvalho",
  "Carvalho",
  "youth-north.example",
];

function bytesOf(file: string): Buffer {
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

describe("identities at rest", () => {
  it("the demo's database file and its write-ahead log hold no identity of its cases; the key file is the owner's only", async () => {
    const dir = tempDir();
    const { database, services } = await start(dir);
    const { networkId } = await seedDemo(services, "a demo password that is long");
    await seedDemoStory(services, networkId);
    // Read while open (the WAL still holds the recent pages) and after closing.
    const whileOpen = Buffer.concat([bytesOf(database.path), bytesOf(`${database.path}-wal`)]);
    // The register still opens them for those who may see them.
    const mateuszRow = database.db
      .select()
      .from(caseSubjects)
      .all()
      .find((r) => openValue(services.keyring, caseSubjects.name, r.caseId, r.name) === "Mateusz Wróbel")!;
    const theCase = (await services.caseRegister.get(mateuszRow.caseId))!;
    const mateusz = await services.caseRegister.viewIdentity({ personId: null, ip: null }, theCase);
    expect(mateusz?.name).toBe("Mateusz Wróbel");
    database.close();
    const afterClose = Buffer.concat([bytesOf(database.path), bytesOf(`${database.path}-wal`)]);
    for (const identity of DEMO_IDENTITIES) {
      expect(whileOpen.includes(Buffer.from(identity, "utf8")), identity).toBe(false);
      expect(afterClose.includes(Buffer.from(identity, "utf8")), identity).toBe(false);
    }
    const keyFile = join(dir, "casetable.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it("seals the plaintext rows of an older database at start, once, and they stay readable", async () => {
    const dir = tempDir();
    // An older Casetable (no key file yet) wrote identities in plaintext, as here.
    openDatabase(join(dir, "casetable.db")).close();
    expect(existsSync(join(dir, "casetable.key"))).toBe(false);
    const raw = new Database(join(dir, "casetable.db"));
    raw.prepare("INSERT INTO networks (id, name) VALUES ('n1', 'Old Network')").run();
    const net = { id: "n1" };
    raw
      .prepare("INSERT INTO cases (id, network_id, code, stage, summary) VALUES ('c1', ?, 'C-2020-0001', 'signal', '')")
      .run(net.id);
    raw
      .prepare(
        "INSERT INTO case_subjects (case_id, name, date_of_birth, address) VALUES ('c1', 'Zoltan Plainname', '1990-01-02', NULL)",
      )
      .run();
    raw
      .prepare(
        "INSERT INTO signals (id, network_id, case_id, received_at, channel, reporter_name, reporter_contact, concern) VALUES ('s1', ?, 'c1', 0, 'police', 'Quentin Reporter', 'q@example.org', 'x')",
      )
      .run(net.id);
    raw.close();

    const second = await start(dir);
    const stored = () =>
      second.database.sqlite
        .prepare("SELECT name, date_of_birth, address FROM case_subjects WHERE case_id = 'c1'")
        .get() as {
        name: string;
        date_of_birth: string;
        address: null;
      };
    const sealedOnce = stored();
    expect(sealedOnce.name).toMatch(/^enc:v1:/);
    expect(sealedOnce.date_of_birth).toMatch(/^enc:v1:/);
    expect(sealedOnce.address).toBeNull();
    const signal = second.database.sqlite
      .prepare("SELECT reporter_name, reporter_contact FROM signals WHERE id = 's1'")
      .get() as {
      reporter_name: string;
      reporter_contact: string;
    };
    expect(signal.reporter_name).toMatch(/^enc:v1:/);
    expect(openValue(second.services.keyring, signals.reporterName, "s1", signal.reporter_name)).toBe(
      "Quentin Reporter",
    );
    second.database.close();
    const file = readFileSync(join(dir, "casetable.db"));
    expect(file.includes(Buffer.from("Zoltan Plainname"))).toBe(false);
    expect(file.includes(Buffer.from("Quentin Reporter"))).toBe(false);

    // A second start seals nothing again: the same sealed value stays.
    const third = await start(dir);
    const again = third.database.sqlite.prepare("SELECT name FROM case_subjects WHERE case_id = 'c1'").get() as {
      name: string;
    };
    expect(again.name).toBe(sealedOnce.name);
    third.database.close();
  });

  it("refuses to start without the key file when sealed identities exist, or with a key file others can read", async () => {
    const dir = tempDir();
    const first = await start(dir);
    const { networkId } = await seedDemo(first.services, "a demo password that is long");
    await seedDemoStory(first.services, networkId);
    first.database.close();
    const keyFile = join(dir, "casetable.key");

    chmodSync(keyFile, 0o644);
    await expect(start(dir)).rejects.toThrow(/can be read by others \(permissions 0644\).*chmod 600/);
    chmodSync(keyFile, 0o600);

    const kept = readFileSync(keyFile);
    rmSync(keyFile);
    await expect(start(dir)).rejects.toThrow(
      /key file .* is missing, but the database holds identities sealed with key/,
    );
    // It did not make a new key (which would leave the identities unreadable for good).
    expect(existsSync(keyFile)).toBe(false);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(keyFile, kept, { mode: 0o600 });
    const back = await start(dir);
    back.database.close();
  });

  it("keys:rotate re-seals every row under a new key; stopped in the middle and run again, every row stays readable", async () => {
    const dir = tempDir();
    const first = await start(dir);
    const { networkId } = await seedDemo(first.services, "a demo password that is long");
    await seedDemoStory(first.services, networkId);
    const keyFile = join(dir, "casetable.key");
    const oldKey = readKeyFile(keyFile).active;
    const identities = () =>
      first.database.db
        .select()
        .from(caseSubjects)
        .all()
        .map((r) => openValue(first.services.keyring, caseSubjects.name, r.caseId, r.name))
        .sort();
    const before = identities();
    expect(before).toContain("Mateusz Wróbel");

    // A crash after the second batch (batches of one row).
    await expect(
      rotateKeys(first.database.store, keyFile, {
        batchSize: 1,
        afterBatch: (n) => {
          if (n >= 2) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const midway = readKeyFile(keyFile);
    expect(midway.keys.map((k) => k.id)).toContain(oldKey);
    expect(midway.keys).toHaveLength(2);
    expect(identities()).toEqual(before);
    // The running server follows the key file: what it seals now uses the new key.
    const newKey = midway.active;
    expect(newKey).not.toBe(oldKey);
    first.database.close();

    // Run again (the command, as an operator would): it finishes the same rotation.
    const run = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/crypto/rotate-cli.ts"], {
      env: { ...process.env, DATABASE_URL: join(dir, "casetable.db"), CASETABLE_KEY_FILE: keyFile },
    });
    expect(run.stdout).toMatch(new RegExp(`under key ${newKey}; key ${oldKey} removed`));
    const after = readKeyFile(keyFile);
    expect(after.keys.map((k) => k.id)).toEqual([newKey]);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const reopened = await start(dir);
    const rows = reopened.database.db.select().from(caseSubjects).all();
    expect(rows.every((r) => r.name.startsWith(`enc:v1:${newKey}:`))).toBe(true);
    expect(rows.map((r) => openValue(reopened.services.keyring, caseSubjects.name, r.caseId, r.name)).sort()).toEqual(
      before,
    );
    const reporters = reopened.database.db.select().from(signals).all();
    expect(reporters.every((r) => r.reporterName === null || r.reporterName.startsWith(`enc:v1:${newKey}:`))).toBe(
      true,
    );
    reopened.database.close();
  });
});
