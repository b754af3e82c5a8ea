import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createCaseExport } from "../../server/access/caseExport.ts";
import { createAccessRequests } from "../../server/access/accessRequests.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { policy } from "../../server/auth/policy.ts";
import { itemNotesDoc } from "../../server/retention/caseContent.ts";
import type { StandingChange } from "../../server/auth/standing.ts";
import { createKeyring } from "../../server/crypto/keyring.ts";
import { loadOrCreateKeyFile } from "../../server/crypto/keyFile.ts";
import type { NewDelivery } from "../../server/mail/outbox.ts";
import { chainOf, seedCase, seedNetworks, storedAbout, type Seeded } from "../support/caseContent.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// A data subject's requests on the Store (decisions 0038, 0040): the same tests on SQLite
// and PostgreSQL. The mails asked for are recorded here (the outbox has its own suite); the
// real mail and the pages (who may ask and confirm, the ZIP): test/integration/
// accessRequests.test.ts and accessRequestMail.test.ts.

const keyFile = join(mkdtempSync(join(tmpdir(), "casetable-access-")), "casetable.key");
afterAll(() => rmSync(keyFile, { force: true }));

describe.each(await dialectsUnderTest())("access requests on %s", (dialect) => {
  const store = useFreshStore(dialect);

  const exportOn = (st: Store) =>
    createCaseExport({
      store: st,
      keyring: createKeyring(
        keyFile,
        loadOrCreateKeyFile(keyFile, () => []),
      ),
      // The notes are kept apart (Yjs); here each item's are said by its document's name.
      readNotes: async (doc) => ({ text: `notes of ${doc}` }),
    });

  function service() {
    const mails: NewDelivery[] = [];
    const changes: StandingChange[] = [];
    const requests = createAccessRequests({
      store: store(),
      audit: createAuditChain(store()),
      standing: { changed: (c) => void changes.push(c) },
      caseExport: exportOn(store()),
      forgetNotes: () => {},
      outbox: { enqueue: async (_tx, rows) => (mails.push(...rows), []), announce: () => {} },
      worker: { wake: () => {} },
      emptyWriteAheadLog: async () => true,
    });
    return { requests, mails, changes };
  }

  async function seeded() {
    const s = await seedNetworks(store());
    const c = await seedCase(store(), s, { code: "C-2026-0001", stage: "active", endedAt: new Date() });
    const [row] = await store().db.select().from(store().t.cases).where(eq(store().t.cases.id, c.case));
    return { s, c, row };
  }

  const as = (s: Seeded, who: keyof Seeded["people"]) => ({ personId: s.people[who], ip: null });
  const viewerOf = (s: Seeded, who: "coordinator" | "officer", isAccountableOfficer = who === "officer") => ({
    personId: s.people[who],
    isInstanceAdmin: false,
    memberships: {
      [s.network]: {
        role: who === "officer" ? ("chair" as const) : ("coordinator" as const),
        agencyId: s.agency.police,
        isAccountableOfficer,
      },
    },
  });
  const auditActions = async (st: Store) => (await chainOf(st)).map((e) => e.action);

  it("is asked by the coordinator, mailed to the other officers, confirmed by another officer, then exported", async () => {
    const { s, c, row } = await seeded();
    const { requests, mails } = service();
    const asked = await requests.ask(as(s, "coordinator"), row, "export", "https://casetable.example");
    expect(asked.ok).toBe(true);
    const id = asked.ok ? asked.id : "";
    expect(mails.map((m) => [m.recipientPersonId, m.kind])).toEqual([[s.people.officer, "access_request"]]);
    expect(JSON.stringify(mails)).not.toContain(c.words.name);
    const request = (await requests.get(s.network, id))!;
    expect(request).toMatchObject({ status: "open", kind: "export", requestedBy: s.people.coordinator });
    expect(await requests.exportAvailable(request)).toBe(false);
    // The same kind again while it is open is refused.
    expect(await requests.ask(as(s, "coordinator"), row, "export", "https://casetable.example")).toEqual({
      ok: false,
      reason: "open_already",
    });

    // Four eyes: the asker may not settle their own request, even holding the officer's task.
    expect(policy.canSettleAccessRequest(viewerOf(s, "coordinator", true), s.network, request)).toBe(false);
    expect(policy.canSettleAccessRequest(viewerOf(s, "officer"), s.network, request)).toBe(true);
    expect(await requests.settle(as(s, "officer"), request, "confirm")).toEqual({ ok: true });
    expect(await requests.settle(as(s, "officer"), request, "confirm")).toEqual({
      ok: false,
      reason: "settled_already",
    });
    const confirmed = (await requests.get(s.network, id))!;
    expect(confirmed).toMatchObject({ status: "confirmed", settledBy: s.people.officer });
    expect(await requests.exportAvailable(confirmed)).toBe(true);
    expect((await requests.list(s.network)).map((r) => [r.code, r.requestedByName, r.settledByName])).toEqual([
      [c.code, "coordinator", "officer"],
    ]);

    const { filename, zip } = await requests.export(as(s, "coordinator"), confirmed);
    expect(filename).toBe(`access-${c.code}.zip`);
    expect(Buffer.from(zip).toString("latin1")).toContain("data.json");
    expect(await auditActions(store())).toEqual([
      "access_request.asked",
      "access_request.confirmed",
      "access_request.exported",
    ]);
  });

  it("gathers the case's own data for the export, its identity and words, and nothing of another case", async () => {
    const { s, c } = await seeded();
    const other = await seedCase(store(), s, { code: "C-2026-0002", stage: "active", endedAt: new Date() });
    const held = await exportOn(store()).gather(c.case);
    expect(held).toMatchObject({ network: "Riverside", case: { code: c.code, summary: c.words.summary } });
    expect(held.identity?.name).toBe(c.words.name);
    expect(held.decisions.map((d) => d.rationale)).toEqual([c.words.rationale]);
    expect(held.tasks.map((k) => k.what)).toEqual([c.words.task]);
    expect(held.meetings.map((m) => [m.item.title, m.notes])).toEqual([[c.code, `notes of ${itemNotesDoc(c.item)}`]]);
    const text = JSON.stringify(held);
    for (const words of Object.values(other.words)) expect(text).not.toContain(words);
    // A reporter is another person: their name is not the subject's to have.
    expect(text).not.toContain(c.words.reporter);
  });

  it("reads on one snapshot: a change that commits while it gathers is in none of it", async () => {
    const { c } = await seeded();
    const st = store();
    const { t } = st;
    // One change of two tables: the case's summary (its first read) and a fade-out check (one of its last).
    const change = () =>
      st.transaction(async (tx) => {
        await tx.update(t.cases).set({ summary: "SUMMARY-CHANGED-MEANWHILE" }).where(eq(t.cases.id, c.case));
        await tx
          .insert(t.monitoringChecks)
          .values({ id: randomUUID(), caseId: c.case, dueOn: "2031-01-01", note: "CHECK-ADDED-MEANWHILE" });
      });
    // The export's reads, with the change committed before its second query runs.
    let queries = 0;
    let changed: Promise<void> | null = null;
    const pausing = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key) {
          const value: unknown = Reflect.get(target, key, target);
          if (typeof value !== "function") return value;
          if (key === "then")
            return (ok: unknown, fail: unknown) =>
              (++queries === 2 ? (changed ??= change()) : Promise.resolve()).then(() => value.call(target, ok, fail));
          return (...args: unknown[]) => {
            const made: unknown = value.apply(target, args);
            return made && typeof made === "object" ? pausing(made) : made;
          };
        },
      });
    const held = await exportOn({ ...st, read: (work) => st.read((q) => work(pausing(q))) }).gather(c.case);
    expect(changed).not.toBeNull();
    expect(queries).toBeGreaterThan(10);
    expect(held.case.summary).toBe(c.words.summary);
    expect(held.fadeOutChecks.map((k) => k.note)).not.toContain("CHECK-ADDED-MEANWHILE");
    // Committed all along: the next export has all of it.
    const after = await exportOn(st).gather(c.case);
    expect(after.case.summary).toBe("SUMMARY-CHANGED-MEANWHILE");
    expect(after.fadeOutChecks.map((k) => k.note)).toContain("CHECK-ADDED-MEANWHILE");
  });

  it("finds nothing from another network, and changes nothing there", async () => {
    const { s, row } = await seeded();
    const { requests } = service();
    const asked = await requests.ask(as(s, "coordinator"), row, "erase", "https://casetable.example");
    const id = asked.ok ? asked.id : "";
    expect(await requests.get(s.other, id)).toBeNull();
    expect(await requests.list(s.other)).toEqual([]);
    expect((await requests.get(s.network, id))!.status).toBe("open");
    // The outsider, accountable officer of the other network, may not settle it.
    const outsider = {
      personId: s.people.outsider,
      isInstanceAdmin: false,
      memberships: { [s.other]: { role: "chair" as const, agencyId: s.agency.theirs, isAccountableOfficer: true } },
    };
    expect(policy.canSettleAccessRequest(outsider, s.other, (await requests.get(s.network, id))!)).toBe(false);
    expect(await auditActions(store())).toEqual(["access_request.asked"]);
  });

  it("restricts and lifts on confirmation, declines and withdraws without change, each audited", async () => {
    const { s, row } = await seeded();
    const { requests, changes } = service();
    const { t } = store();
    const restrictedAt = async () =>
      (await store().db.select().from(t.cases).where(eq(t.cases.id, row.id)))[0].restrictedAt;
    const ask = async (kind: "restrict" | "lift") => {
      const asked = await requests.ask(as(s, "coordinator"), row, kind, "https://casetable.example");
      return (await requests.get(s.network, asked.ok ? asked.id : ""))!;
    };
    const declined = await ask("restrict");
    expect(await requests.settle(as(s, "officer"), declined, "decline")).toEqual({ ok: true });
    expect(await restrictedAt()).toBeNull();
    const withdrawn = await ask("restrict");
    expect(await requests.withdraw(as(s, "coordinator"), withdrawn)).toEqual({ ok: true });
    expect(await requests.settle(as(s, "officer"), withdrawn, "confirm")).toEqual({
      ok: false,
      reason: "settled_already",
    });
    expect(await restrictedAt()).toBeNull();
    expect(changes).toEqual([]);

    const at = new Date("2026-06-01T10:00:00Z");
    expect(await requests.settle(as(s, "officer"), await ask("restrict"), "confirm", at)).toEqual({ ok: true });
    expect(await restrictedAt()).toEqual(at);
    expect(await requests.ask(as(s, "coordinator"), row, "restrict", "https://x")).toEqual({
      ok: false,
      reason: "restricted_already",
    });
    expect(await requests.settle(as(s, "officer"), await ask("lift"), "confirm")).toEqual({ ok: true });
    expect(await restrictedAt()).toBeNull();
    expect(changes).toHaveLength(2);
    expect(await auditActions(store())).toEqual([
      "access_request.asked",
      "access_request.declined",
      "access_request.asked",
      "access_request.withdrawn",
      "access_request.asked",
      "access_request.confirmed",
      "case.restricted",
      "access_request.asked",
      "access_request.confirmed",
      "case.restriction_lifted",
    ]);
  });

  it("erases on confirmation: identity and words gone, audited with counts only; nothing more can be asked", async () => {
    const { s, c, row } = await seeded();
    const { requests } = service();
    const asked = await requests.ask(as(s, "coordinator"), row, "erase", "https://casetable.example");
    const request = (await requests.get(s.network, asked.ok ? asked.id : ""))!;
    expect(await requests.settle(as(s, "officer"), request, "confirm")).toEqual({ ok: true });
    const stored = await storedAbout(store(), c.case, c.item);
    for (const words of Object.values(c.words)) expect(stored).not.toContain(words);
    expect(await requests.ask(as(s, "coordinator"), row, "export", "https://x")).toEqual({
      ok: false,
      reason: "erased",
    });
    const entries = await chainOf(store());
    expect(entries.map((e) => e.action)).toEqual(["access_request.asked", "access_request.confirmed", "case.erased"]);
    expect(JSON.parse(entries[2].details)).toMatchObject({ decisions: 1, planVersions: 1, tasks: 1, notes: 1 });
    for (const words of Object.values(c.words)) expect(JSON.stringify(entries)).not.toContain(words);
  });
});
