import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../db/openStore.ts";
import type { Store } from "../../db/store.ts";
import { KeyFileRefused, loadOrCreateKeyFile, newKey, readKeyFile, writeKeyFile } from "../../server/crypto/keyFile.ts";
import { createKeyring, isSealed, sealedKeyId } from "../../server/crypto/keyring.ts";
import { openKeyring } from "../../server/crypto/openKeyring.ts";
import { rotateKeys } from "../../server/crypto/rotateKeys.ts";
import { openValue, sealValue } from "../../server/crypto/sealedColumns.ts";
import { chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshDatabase } from "../support/dialects.ts";

// The key ring and the sealed columns on the Store (decision 0028, 0040): the start seals
// plaintext identities, keys:rotate re-seals them under a new key in small transactions,
// and the database opened again with its key file reads them all, on SQLite and PostgreSQL.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function keyFileIn() {
  const dir = mkdtempSync(join(tmpdir(), "casetable-keyring-"));
  dirs.push(dir);
  return join(dir, "casetable.key");
}

/** Three cases whose subjects, and a signal whose reporter, were written in plaintext (before sealing existed). */
async function seedPlaintext(store: Store) {
  const { t } = store;
  const s = await seedNetworks(store);
  const cases = ["case-1", "case-2", "case-3"];
  await store.transaction(async (tx) => {
    await tx.insert(t.cases).values(
      cases.map((id, i) => ({
        id,
        networkId: s.network,
        code: `C-2020-000${i + 1}`,
        stage: "signal" as const,
        summary: "",
      })),
    );
    await tx.insert(t.caseSubjects).values(
      cases.map((caseId, i) => ({
        caseId,
        name: `Subject ${i + 1}`,
        dateOfBirth: i === 0 ? "1990-01-02" : null,
        address: null,
      })),
    );
    await tx.insert(t.signals).values({
      id: "signal-1",
      networkId: s.network,
      caseId: "case-1",
      receivedAt: new Date(),
      channel: "police",
      reporterName: "Quentin Reporter",
      concern: "x",
    });
  });
  return s;
}

async function subjects(store: Store) {
  const { t } = store;
  return store.db.select().from(t.caseSubjects).orderBy(asc(t.caseSubjects.caseId));
}

describe.each(await dialectsUnderTest())("key ring and sealed columns on %s", (dialect) => {
  const database = useFreshDatabase(dialect);

  it("seals at start once, rotates in batches (resumable after a crash), and the reopened database reads every identity", async () => {
    const store = database().store;
    const { t } = store;
    await seedPlaintext(store);
    const file = keyFileIn();

    const keyring = await openKeyring(store, file);
    const first = keyring.activeKeyId();
    const sealed = await subjects(store);
    expect(sealed.every((r) => isSealed(r.name) && sealedKeyId(r.name) === first)).toBe(true);
    expect(isSealed(sealed[0].dateOfBirth!)).toBe(true);
    expect(sealed[1].dateOfBirth).toBeNull();
    expect(sealed.map((r) => openValue(keyring, t.caseSubjects.name, r.caseId, r.name))).toEqual([
      "Subject 1",
      "Subject 2",
      "Subject 3",
    ]);
    const [signal] = await store.db.select().from(t.signals).where(eq(t.signals.id, "signal-1"));
    expect(openValue(keyring, t.signals.reporterName, "signal-1", signal.reporterName)).toBe("Quentin Reporter");

    // A second start seals nothing again.
    await openKeyring(store, file);
    expect(await subjects(store)).toEqual(sealed);

    // keys:rotate stopped after its second batch (batches of one row)...
    await expect(
      rotateKeys(store, file, {
        batchSize: 1,
        afterBatch: (n) => {
          if (n >= 2) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const midway = readKeyFile(file);
    expect(midway.keys.map((k) => k.id).sort()).toEqual([first, midway.active].sort());
    const mixed = await subjects(store);
    expect(new Set(mixed.map((r) => sealedKeyId(r.name)))).toEqual(new Set([first, midway.active]));
    // ...and run again: it finishes the same rotation and keeps only the new key.
    const rotation = await rotateKeys(store, file, { batchSize: 1 });
    expect(rotation).toMatchObject({ from: [first], to: midway.active });
    expect(readKeyFile(file).keys.map((k) => k.id)).toEqual([midway.active]);

    const url = database().url;
    await store.close();
    const reopened = await openStore(url);
    try {
      const again = await openKeyring(reopened, file);
      const rows = await subjects(reopened);
      expect(rows.every((r) => sealedKeyId(r.name) === midway.active)).toBe(true);
      expect(rows.map((r) => openValue(again, t.caseSubjects.name, r.caseId, r.name))).toEqual([
        "Subject 1",
        "Subject 2",
        "Subject 3",
      ]);
      expect(openValue(again, t.caseSubjects.dateOfBirth, "case-1", rows[0].dateOfBirth)).toBe("1990-01-02");
      // Both re-sealings are in the one audit chain, without any identity in them.
      const audit = await chainOf(reopened);
      expect(audit.map((e) => e.action)).toEqual(["identities.sealed", "keys.rotated"]);
      expect(audit.map((e) => e.details).join()).not.toMatch(/Subject|Quentin/);
    } finally {
      await reopened.close();
    }
  });

  it("refuses to start without the key file, or with another database's, and changes nothing", async () => {
    const store = database().store;
    await seedPlaintext(store);
    const file = keyFileIn();
    await openKeyring(store, file);
    const before = await subjects(store);

    rmSync(file);
    await expect(openKeyring(store, file)).rejects.toThrow(
      /key file .* is missing, but the database holds identities sealed with key/,
    );
    // No new key was made: it would leave the identities unreadable for good.
    expect(existsSync(file)).toBe(false);

    // Another database's key file: refused at start, and a rotation with it re-seals nothing.
    const other = keyFileIn();
    loadOrCreateKeyFile(other, () => []);
    await expect(openKeyring(store, other)).rejects.toThrow(/does not hold key .*, which sealed identities/);
    await expect(rotateKeys(store, other)).rejects.toBeInstanceOf(KeyFileRefused);
    expect(await subjects(store)).toEqual(before);
  });

  it.runIf(dialect === "postgresql")(
    "a value the running server changes while keys:rotate re-seals its batch keeps the server's value",
    async () => {
      const store = database().store;
      const { t } = store;
      await seedPlaintext(store);
      const file = keyFileIn();
      await openKeyring(store, file);
      // A rotation under way: the new key is in the file, and the server follows the file.
      const content = readKeyFile(file);
      const key = newKey();
      writeKeyFile(file, { ...content, active: key.id, keys: [...content.keys, key] });
      // The server changes case-2's subject in a transaction of its own, not committed yet...
      const server = new pg.Client({ connectionString: database().url });
      await server.connect();
      try {
        const newName = "Subject 2, corrected";
        await server.query("BEGIN");
        await server.query("UPDATE case_subjects SET name = $1 WHERE case_id = 'case-2'", [
          sealValue(createKeyring(file), t.caseSubjects.name, "case-2", newName),
        ]);
        // ...while keys:rotate has read the batch's old values and waits for that row.
        const rotation = rotateKeys(store, file);
        await expect.poll(() => waitingForALock(store)).toBe(true);
        await server.query("COMMIT");
        // case-1, case-3 and the reporter; not case-2, which the server's value holds.
        expect(await rotation).toMatchObject({ to: key.id, resealed: 3 });
        const [row] = await store.db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, "case-2"));
        expect(openValue(createKeyring(file), t.caseSubjects.name, "case-2", row.name)).toBe(newName);
      } finally {
        await server.end();
      }
    },
  );
});

/** Whether a connection to this database waits for a row another transaction holds. */
async function waitingForALock(store: Store): Promise<boolean> {
  const { rows } = (await store.db.execute(
    sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as unknown as { rows: { n: number }[] };
  return rows[0].n > 0;
}
