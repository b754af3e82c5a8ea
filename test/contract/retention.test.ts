import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { RETENTION_PERIODS, type RetentionSchedule } from "../../app/contract/retention.ts";
import { policy } from "../../server/auth/policy.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { createLog } from "../../server/log.ts";
import { createPurge } from "../../server/retention/purge.ts";
import { createRetentionSchedule } from "../../server/retention/schedule.ts";
import { chainOf, seedCase, seedNetworks, storedAbout, wordsOf } from "../support/caseContent.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The retention schedule and its purge on the Store (decisions 0033, 0040): the same tests
// on SQLite and PostgreSQL. The whole story with files, the database file's bytes and the
// pages: test/integration/retention.test.ts.

const defaults = Object.fromEntries(
  Object.entries(RETENTION_PERIODS).map(([k, p]) => [k, p.default]),
) as RetentionSchedule;

const yearsAfter = (at: Date, years: number, plusDays = 0) => {
  const d = new Date(at.getTime() + plusDays * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

const folders = mkdtempSync(join(tmpdir(), "casetable-retention-"));
afterAll(() => rmSync(folders, { recursive: true, force: true }));

describe.each(await dialectsUnderTest())("retention on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const services = () => {
    const audit = createAuditChain(store());
    const schedules = createRetentionSchedule({ store: store(), audit });
    const forgotten: string[] = [];
    const checkpoints: number[] = [];
    const purge = createPurge({
      store: store(),
      audit,
      schedules,
      archiveDir: join(folders, "archive"),
      outboxDir: join(folders, "outbox"),
      log: createLog("silent"),
      forgetNotes: (doc) => forgotten.push(doc),
      emptyWriteAheadLog: async () => checkpoints.push(1) > 0,
    });
    return { schedules, purge, forgotten, checkpoints };
  };

  it("reads and changes a network's schedule, audited with before and after; the other network keeps its own", async () => {
    const s = await seedNetworks(store());
    const { schedules } = services();
    expect(await schedules.get(s.network)).toEqual(defaults);
    const actor = { personId: s.people.officer, ip: "10.1.2.3" };
    const next = { ...defaults, identityYears: 3, mailDays: 14 };
    expect(await schedules.set(actor, s.network, next)).toBe(true);
    expect(await schedules.get(s.network)).toEqual(next);
    expect(await schedules.get(s.other)).toEqual(defaults);
    // The same again changes nothing and is not audited; an unknown network neither.
    expect(await schedules.set(actor, s.network, next)).toBe(false);
    expect(await schedules.set(actor, "no-such-network", next)).toBe(false);
    expect(await schedules.get("no-such-network")).toBeNull();
    const audit = await chainOf(store());
    expect(audit.map((e) => [e.action, e.networkId, JSON.parse(e.details)])).toEqual([
      ["network.retention_changed", s.network, { before: defaults, after: next }],
    ]);
  });

  it("lets only the network's own coordinator change it: another network's is refused", async () => {
    const s = await seedNetworks(store());
    const coordinatorOfOther = {
      personId: s.people.outsider,
      isInstanceAdmin: false,
      memberships: {
        [s.other]: { role: "coordinator" as const, agencyId: s.agency.theirs, isAccountableOfficer: false },
      },
    };
    expect(policy.can(coordinatorOfOther, "settings:manage", s.other)).toBe(true);
    expect(policy.can(coordinatorOfOther, "settings:manage", s.network)).toBe(false);
  });

  it("purges a closed case past its period: identity gone, words emptied, the event log's sequence kept, one audit entry", async () => {
    const s = await seedNetworks(store());
    const { purge, schedules, forgotten, checkpoints } = services();
    const ended = new Date("2020-02-01T00:00:00Z");
    const old = await seedCase(store(), s, { code: "C-2019-0001", stage: "closed", endedAt: ended });
    const restricted = await seedCase(store(), s, {
      code: "C-2019-0002",
      stage: "closed",
      endedAt: ended,
      restricted: true,
    });
    const recent = await seedCase(store(), s, {
      code: "C-2029-0003",
      stage: "closed",
      endedAt: yearsAfter(ended, 9),
    });
    const open = await seedCase(store(), s, { code: "C-2019-0004", stage: "active", endedAt: ended });
    const theirs = await seedCase(store(), s, {
      code: "C-2019-0005",
      stage: "closed",
      endedAt: ended,
      networkId: s.other,
    });
    const untouched = async () => Promise.all([recent, open].map((c) => storedAbout(store(), c.case, c.item)));
    const before = await untouched();
    const { t } = store();
    const sequence = () =>
      store().db.select({ seq: t.meetingEvents.seq }).from(t.meetingEvents).orderBy(t.meetingEvents.seq);
    const seqsBefore = await sequence();

    const at = yearsAfter(ended, 10, 1);
    expect((await schedules.preview(s.network, 0, at)).find((d) => d.kind === "case")).toMatchObject({
      count: 2,
      codes: [old.code, restricted.code],
    });
    const counts = await purge.run(at);
    expect(counts.get(s.network)).toMatchObject({ case: 2, identity: 0 });
    expect(counts.get(s.other)).toMatchObject({ case: 1 });

    // A restricted case is kept from use, not beyond its period: it goes as any other.
    for (const c of [old, restricted]) {
      const stored = await storedAbout(store(), c.case, c.item);
      for (const words of Object.values(c.words)) expect(stored).not.toContain(words);
      const [row] = await store().db.select().from(t.cases).where(eq(t.cases.id, c.case));
      expect(row).toMatchObject({ code: c.code, stage: "closed", summary: "" });
      expect(row.contentPurgedAt).toEqual(at);
      expect(row.identityPurgedAt).toEqual(at);
      expect(await store().db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, c.case))).toEqual([]);
      const [event] = await store().db.select().from(t.meetingEvents).where(eq(t.meetingEvents.itemId, c.item));
      expect(JSON.parse(event.payload)).toEqual({ outcome: "closed", rationale: "" });
    }
    expect(await sequence()).toEqual(seqsBefore);
    expect(forgotten.sort()).toEqual([`agenda-item:${old.item}`, `agenda-item:${restricted.item}`].sort());
    // Within its period, or still open: untouched.
    expect(await untouched()).toEqual(before);
    expect(await storedAbout(store(), theirs.case, theirs.item)).not.toContain(wordsOf(theirs.code).concern);

    const entries = (await chainOf(store())).filter((e) => e.action === "retention.purged");
    expect(entries.map((e) => [e.networkId, e.actorId, e.ip]).sort()).toEqual(
      [
        [s.network, null, null],
        [s.other, null, null],
      ].sort(),
    );
    const ours = entries.find((e) => e.networkId === s.network)!;
    expect(JSON.parse(ours.details).wholeCaseIds.sort()).toEqual([old.case, restricted.case].sort());
    for (const words of Object.values(old.words)) expect(ours.details).not.toContain(words);
    expect(checkpoints).toHaveLength(dialect === "sqlite" ? 1 : 0);

    // Nothing more is due: a second run changes nothing and writes no entry.
    expect((await purge.run(at)).get(s.network)).toMatchObject({ case: 0, identity: 0 });
    expect((await chainOf(store())).filter((e) => e.action === "retention.purged")).toHaveLength(2);
  });

  it("removes the identity alone after its period, and two purges at once remove it once, audited once", async () => {
    const s = await seedNetworks(store());
    const ended = new Date("2020-02-01T00:00:00Z");
    const c = await seedCase(store(), s, { code: "C-2019-0001", stage: "closed", endedAt: ended });
    const first = services();
    const second = services();
    const at = yearsAfter(ended, 2, 1);
    const [a, b] = await Promise.all([first.purge.run(at), second.purge.run(at)]);
    expect(a.get(s.network)!.identity + b.get(s.network)!.identity).toBe(1);
    const { t } = store();
    expect(await store().db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, c.case))).toEqual([]);
    const stored = await storedAbout(store(), c.case, c.item);
    expect(stored).not.toContain(c.words.name);
    expect(stored).not.toContain(c.words.reporter);
    // The words stay until the whole case's period.
    expect(stored).toContain(c.words.rationale);
    const [row] = await store().db.select().from(t.cases).where(eq(t.cases.id, c.case));
    expect(row.identityPurgedAt).toEqual(at);
    expect(row.contentPurgedAt).toBeNull();
    const entries = (await chainOf(store())).filter((e) => e.action === "retention.purged");
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].details)).toMatchObject({ identity: 1, caseIds: [c.case], wholeCaseIds: [] });
  });
});
