import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { createOutbox } from "../../server/mail/outbox.ts";
import { createMinutes } from "../../server/minutes/minutes.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The minutes on the Store (decision 0040): the same tests on SQLite and on PostgreSQL.
// Their pages and mails: test/integration/minutes*.test.ts, distribution*.test.ts.

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function seed(store: Store) {
  const { t } = store;
  const ids = {
    network: randomUUID(),
    other: randomUUID(),
    meeting: randomUUID(),
    running: randomUUID(),
    otherMeeting: randomUUID(),
    item: randomUUID(),
    otherItem: randomUUID(),
  };
  const people = Object.fromEntries(
    ["chair", "coordinator", "police", "outsider"].map((n) => [n, randomUUID()]),
  ) as Record<"chair" | "coordinator" | "police" | "outsider", string>;
  const agency = { police: randomUUID(), school: randomUUID(), theirs: randomUUID() };
  const startsAt = new Date(Date.now() - 3 * 3600_000);
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values([
      { id: ids.network, name: "Riverside" },
      { id: ids.other, name: "Hillside" },
    ]);
    await tx
      .insert(t.persons)
      .values(
        Object.entries(people).map(([name, id]) => ({ id, name, email: `${name}@example.org`, passwordHash: "x" })),
      );
    await tx.insert(t.agencies).values([
      { id: agency.police, networkId: ids.network, name: "Police", sector: "police" },
      { id: agency.school, networkId: ids.network, name: "Albert School", sector: "education" },
      { id: agency.theirs, networkId: ids.other, name: "Police", sector: "police" },
    ]);
    const member = (
      personId: string,
      networkId: string,
      agencyId: string,
      role: "chair" | "coordinator" | "member",
    ) => ({
      id: randomUUID(),
      personId,
      networkId,
      agencyId,
      role,
      mandate: "decides" as const,
    });
    await tx
      .insert(t.memberships)
      .values([
        member(people.chair, ids.network, agency.police, "chair"),
        member(people.coordinator, ids.network, agency.school, "coordinator"),
        member(people.police, ids.network, agency.police, "member"),
        member(people.outsider, ids.other, agency.theirs, "coordinator"),
      ]);
    const meeting = (id: string, networkId: string, status: "ended" | "running", createdBy: string) => ({
      id,
      networkId,
      title: "Case conference",
      startsAt,
      template: "standard",
      language: "en" as const,
      status,
      startedAt: startsAt,
      endedAt: status === "ended" ? new Date(startsAt.getTime() + 3600_000) : null,
      createdBy,
    });
    await tx
      .insert(t.meetings)
      .values([
        meeting(ids.meeting, ids.network, "ended", people.chair),
        meeting(ids.running, ids.network, "running", people.chair),
        meeting(ids.otherMeeting, ids.other, "ended", people.outsider),
      ]);
    await tx.insert(t.meetingParticipants).values([
      { meetingId: ids.meeting, personId: people.chair, agencyId: agency.police, mandate: "decides" },
      { meetingId: ids.meeting, personId: people.coordinator, agencyId: agency.school, mandate: "decides" },
      { meetingId: ids.meeting, personId: people.police, agencyId: agency.police, mandate: "decides" },
    ]);
    const item = (id: string, meetingId: string) => ({
      id,
      meetingId,
      position: 0,
      section: "aob" as const,
      reason: "added" as const,
      kind: "aob" as const,
      title: "Any other business",
      plannedMinutes: 5,
    });
    await tx.insert(t.agendaItems).values([item(ids.item, ids.meeting), item(ids.otherItem, ids.otherMeeting)]);
  });
  return { ...ids, people };
}

/** The audit log as stored, checked link by link. */
async function chainOf(store: Store) {
  const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(prev);
    expect(hashEntry(row)).toBe(row.hash);
    prev = row.hash;
  }
  return rows;
}

describe.each(await dialectsUnderTest())("minutes on %s", (dialect) => {
  const store = useFreshStore(dialect);
  let archiveDir = "";
  afterEach(() => rmSync(archiveDir, { recursive: true, force: true }));

  /** The service as the server builds it; `spy` counts the transactions the unique index refused. */
  function service(s: Store = store()) {
    archiveDir = mkdtempSync(join(tmpdir(), "casetable-archive-"));
    return createMinutes({
      store: s,
      audit: createAuditChain(s),
      // Items' notes are read from the notes service; these meetings have none.
      notes: { readNotes: async () => ({ json: { type: "doc" }, text: "" }) },
      actionPlans: { latest: async () => null, version: async () => null, hasPlan: async () => false },
      // No case is discussed in these meetings.
      sharingBasis: { stateOf: () => Promise.reject(new Error("no case here")) },
      caseRegister: { restrictedCodes: async () => [] },
      outbox: createOutbox(s),
      worker: { register() {}, wake() {} },
      archiveDir,
    });
  }
  const archived = () => readdirSync(archiveDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());

  it("the network's minutes settings change once, audited; the same settings again change nothing", async () => {
    const s = await seed(store());
    const minutes = service();
    const chair = { personId: s.people.chair, ip: null };
    expect(await minutes.settings.get(s.network)).toEqual({ dueDays: 3, delivery: "attach" });
    expect(await minutes.settings.set(chair, s.network, { dueDays: 4, delivery: "link" })).toBe(true);
    expect(await minutes.settings.set(chair, s.network, { dueDays: 4, delivery: "link" })).toBe(false);
    expect(await minutes.settings.set(chair, randomUUID(), { dueDays: 4, delivery: "link" })).toBe(false);
    expect(await minutes.settings.get(s.network)).toEqual({ dueDays: 4, delivery: "link" });
    expect(await minutes.settings.get(s.other)).toEqual({ dueDays: 3, delivery: "attach" });
    expect((await chainOf(store())).map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      [
        "network.minutes_settings_changed",
        { before: { dueDays: 3, delivery: "attach" }, after: { dueDays: 4, delivery: "link" } },
      ],
    ]);
  });

  it("the coordinator's wording is stored as JSON, first draft kept; another meeting's item, a running meeting and bad words are refused, nothing changed", async () => {
    const s = await seed(store());
    const minutes = service();
    const { t } = store();
    const coordinator = { personId: s.people.coordinator, ip: null };
    const first = JSON.stringify(doc("First words."));
    expect(await minutes.saveWording(coordinator, s.meeting, s.otherItem, first)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await minutes.saveWording(coordinator, randomUUID(), s.item, first)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await minutes.saveWording(coordinator, s.running, s.item, first)).toEqual({
      ok: false,
      reason: "not_ended",
    });
    expect(await minutes.saveWording(coordinator, s.meeting, s.item, "{not json")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await store().db.select().from(t.minutesWording)).toEqual([]);
    expect(await store().db.select().from(t.auditLog)).toEqual([]);

    expect(await minutes.saveWording(coordinator, s.meeting, s.item, first)).toMatchObject({ ok: true });
    expect(
      await minutes.saveWording(coordinator, s.meeting, s.item, JSON.stringify(doc("Second words."))),
    ).toMatchObject({ ok: true });
    const [row] = await store().db.select().from(t.minutesWording);
    expect(row).toMatchObject({ itemId: s.item, doc: doc("Second words."), firstDraft: doc("First words.") });
    const drafts = await minutes.wording.drafts(s.meeting);
    expect(drafts.get(s.item)).toMatchObject({ doc: doc("Second words."), firstDraft: doc("First words.") });
    expect((await chainOf(store())).map((r) => [r.action, r.subjectId, JSON.parse(r.details)])).toEqual([
      ["minutes.wording_saved", s.meeting, { itemId: s.item }],
      ["minutes.wording_saved", s.meeting, { itemId: s.item }],
    ]);
  });

  it("approval is refused for a meeting that is not there or not ended, and a correction without its note; nothing changes", async () => {
    const s = await seed(store());
    const minutes = service();
    const chair = { personId: s.people.chair, ip: null };
    expect(await minutes.approve(chair, randomUUID())).toEqual({ ok: false, reason: "not_found" });
    expect(await minutes.approve(chair, s.running)).toEqual({ ok: false, reason: "not_ended" });
    await store().transaction((tx) =>
      tx.insert(store().t.minutesVersions).values({
        id: randomUUID(),
        meetingId: s.meeting,
        version: 1,
        model: { as: "approved" },
        pdfSha256: "0".repeat(64),
        pdfPath: `${s.network}/${s.meeting}/minutes-v1.pdf`,
        approvedBy: s.people.chair,
      }),
    );
    expect(await minutes.approve(chair, s.meeting, { changeNote: "  " })).toEqual({
      ok: false,
      reason: "change_note_required",
    });
    expect(await store().db.select().from(store().t.minutesVersions)).toHaveLength(1);
    expect(await store().db.select().from(store().t.auditLog)).toEqual([]);
    expect(await minutes.saveWording(chair, s.meeting, s.item, JSON.stringify(doc("Late.")))).toEqual({
      ok: false,
      reason: "approved",
    });
  });

  it("where each ended meeting's minutes stand against the deadline: due, drafted, overdue", async () => {
    const s = await seed(store());
    const minutes = service();
    const state = async (now: Date) =>
      (await minutes.deadlines.pending([s.network], now)).map((p) => [p.meetingId, p.state]);
    expect(await state(new Date())).toEqual([[s.meeting, "due"]]);
    await minutes.saveWording(
      { personId: s.people.coordinator, ip: null },
      s.meeting,
      s.item,
      JSON.stringify(doc("x")),
    );
    expect(await state(new Date())).toEqual([[s.meeting, "awaiting_approval"]]);
    expect(await state(new Date(Date.now() + 14 * 86400_000))).toEqual([[s.meeting, "approval_overdue"]]);
    expect(await minutes.deadlines.pending([], new Date())).toEqual([]);
  });

  it("approval freezes version 1: its model, its PDF in the archive with the SHA-256, its audit entry", async () => {
    const s = await seed(store());
    const minutes = service();
    const r = await minutes.approve({ personId: s.people.chair, ip: null }, s.meeting);
    if (!r.ok) throw new Error(r.reason);
    expect(r.version).toMatchObject({ version: 1, status: "approved", changeNote: null });
    const [file] = archived();
    expect(join(file!.parentPath, file!.name)).toBe(minutes.archive.fileOf(r.version.pdfPath));
    expect((await minutes.model(s.meeting, 1))!.document).toMatchObject({ version: 1, status: "approved" });
    expect(await minutes.archive.read(r.version.pdfPath, r.version.pdfSha256)).toMatchObject({ ok: true });
    expect((await chainOf(store())).map((row) => [row.action, JSON.parse(row.details)])).toEqual([
      ["minutes.approved", { version: 1, sha256: r.version.pdfSha256, changeNote: false }],
    ]);
    // Nothing changed since: no new version, and no file left behind.
    expect(await minutes.approve({ personId: s.people.chair, ip: null }, s.meeting, { changeNote: "Again" })).toEqual({
      ok: false,
      reason: "nothing_changed",
    });
    expect(archived()).toHaveLength(1);
  });

  it("corrections asked at once, on one node or several, make versions without gaps or duplicates; each loser is told and leaves no file", async () => {
    const s = await seed(store());
    // Every transaction of the service that fails counts here: the lock, not the unique
    // index, must be what decides which correction makes a version.
    let refusedByIndex = 0;
    const base = store();
    const spied: Store = {
      ...base,
      isUniqueViolation: (e) => {
        refusedByIndex++;
        return base.isUniqueViolation(e);
      },
    };
    const minutes = service(spied);
    const chair = { personId: s.people.chair, ip: null };
    expect(await minutes.approve(chair, s.meeting)).toMatchObject({ ok: true });
    const outcomes: string[] = [];
    for (const round of [1, 2, 3]) {
      // The record changes, then four corrections are asked at once.
      await base.transaction((tx) =>
        tx
          .update(base.t.meetings)
          .set({ place: `Room ${round}` })
          .where(eq(base.t.meetings.id, s.meeting)),
      );
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => minutes.approve(chair, s.meeting, { changeNote: `Room moved (${round}.${n})` })),
      );
      outcomes.push(...results.map((r) => (r.ok ? "ok" : r.reason)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    }
    expect(outcomes.filter((o) => o !== "ok").every((o) => o === "approved_meanwhile" || o === "nothing_changed")).toBe(
      true,
    );
    expect(refusedByIndex).toBe(0);
    const versions = await minutes.versions(s.meeting);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect((await minutes.model(s.meeting, 4))!.meeting.place).toBe("Room 3");
    // One file per version, the one its row names, as hashed; the losers' files are gone.
    expect(
      archived()
        .map((f) => join(f.parentPath, f.name))
        .sort(),
    ).toEqual(versions.map((v) => minutes.archive.fileOf(v.pdfPath)).sort());
    for (const v of versions) expect(await minutes.archive.read(v.pdfPath, v.pdfSha256)).toMatchObject({ ok: true });
    expect((await chainOf(store())).map((r) => [r.action, JSON.parse(r.details).version])).toEqual([
      ["minutes.approved", 1],
      ["minutes.corrected", 2],
      ["minutes.corrected", 3],
      ["minutes.corrected", 4],
    ]);
  });

  it("distribution records one pending delivery per invited person once, however many clicks; a delivery of another meeting is refused", async () => {
    const s = await seed(store());
    const minutes = service();
    const chair = { personId: s.people.chair, ip: null };
    const coordinator = { personId: s.people.coordinator, ip: null };
    expect(await minutes.approve(chair, s.meeting)).toMatchObject({ ok: true });
    const clicks = await Promise.all([1, 2, 3].map(() => minutes.distribute(coordinator, s.meeting)));
    expect(clicks.filter((r) => r.ok)).toHaveLength(1);
    expect(clicks.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "already_distributed" },
      { ok: false, reason: "already_distributed" },
    ]);
    const rows = await minutes.deliveries(s.meeting);
    expect(rows.map((r) => [r.name, r.d.kind, r.d.state, r.version])).toEqual([
      ["chair", "minutes", "pending", 1],
      ["coordinator", "minutes", "pending", 1],
      ["police", "minutes", "pending", 1],
    ]);
    expect((await minutes.versions(s.meeting)).map((v) => v.status)).toEqual(["distributed"]);
    expect(await minutes.retry(coordinator, s.otherMeeting, rows[0]!.d.id)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect((await chainOf(store())).map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ["minutes.approved", expect.objectContaining({ version: 1 })],
      ["minutes.distributed", { version: 1, mails: 3 }],
    ]);
  });
});
