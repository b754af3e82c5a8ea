import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import type { MeetingCommandName } from "../../app/contract/meetingProtocol.ts";
import { GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import type { SignedInPerson } from "../../server/auth/sessions.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { engineWithoutCaseServices } from "../support/engineAlone.ts";

// The live meeting engine on the Store (decision 0040): the same tests on SQLite and on
// PostgreSQL, for the commands that stay within the meeting (agenda, timer, hands,
// attendance). Those that reach the case services (decisions, grades, tasks, closing) are
// tested in the room's integration suites (test/integration/meeting*.test.ts) until the
// case services are on the Store.

async function seed(store: Store) {
  const { t } = store;
  const ids = { network: randomUUID(), other: randomUUID(), meeting: randomUUID(), otherMeeting: randomUUID() };
  const agency = { police: randomUUID(), theirs: randomUUID() };
  const people = { chair: randomUUID(), police: randomUUID(), outsider: randomUUID() };
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
      { id: agency.theirs, networkId: ids.other, name: "Police", sector: "police" },
    ]);
    const member = (personId: string, networkId: string, agencyId: string, role: "chair" | "member") => ({
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
        member(people.police, ids.network, agency.police, "member"),
        member(people.outsider, ids.other, agency.theirs, "chair"),
      ]);
    const meeting = (id: string, networkId: string, createdBy: string) => ({
      id,
      networkId,
      title: "Case conference",
      startsAt: new Date(),
      template: "standard" as const,
      language: "en" as const,
      createdBy,
      status: "running" as const,
      startedAt: new Date(),
      timerStartedAt: new Date(),
    });
    await tx
      .insert(t.meetings)
      .values([meeting(ids.meeting, ids.network, people.chair), meeting(ids.otherMeeting, ids.other, people.outsider)]);
    const seat = (meetingId: string, personId: string, agencyId: string) => ({
      meetingId,
      personId,
      agencyId,
      mandate: "decides",
      confidentialityVersion: 1,
      confidentialityAcceptedAt: new Date(),
    });
    await tx
      .insert(t.meetingParticipants)
      .values([
        seat(ids.meeting, people.chair, agency.police),
        seat(ids.meeting, people.police, agency.police),
        seat(ids.otherMeeting, people.outsider, agency.theirs),
      ]);
    await tx.insert(t.agendaItems).values(
      ["Opening", "Any other business"].map((title, position) => ({
        id: randomUUID(),
        meetingId: ids.meeting,
        position,
        section: position === 0 ? ("opening" as const) : ("aob" as const),
        reason: position === 0 ? ("opening" as const) : ("aob" as const),
        kind: "own" as const,
        title,
        plannedMinutes: 5,
      })),
    );
  });
  const person = (personId: string, networkId: string, role: "chair" | "member", agencyId: string) =>
    ({
      personId,
      isInstanceAdmin: false,
      memberships: { [networkId]: { role, agencyId, isAccountableOfficer: false } },
      sessionId: randomUUID(),
      name: personId,
      email: `${personId}@example.org`,
      language: null,
      idleEndsAt: new Date(Date.now() + 60_000),
      endsAt: new Date(Date.now() + 60_000),
    }) satisfies SignedInPerson;
  return {
    ...ids,
    chair: person(people.chair, ids.network, "chair", agency.police),
    police: person(people.police, ids.network, "member", agency.police),
    outsider: person(people.outsider, ids.other, "chair", agency.theirs),
  };
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

describe.each(await dialectsUnderTest())("the live meeting engine on %s", (dialect) => {
  const store = useFreshStore(dialect);
  // The case services are not reached by these commands (see the top of this file).
  const engine = () => engineWithoutCaseServices(store());
  const events = async (meetingId: string) =>
    store()
      .db.select()
      .from(store().t.meetingEvents)
      .where(eq(store().t.meetingEvents.meetingId, meetingId))
      .orderBy(asc(store().t.meetingEvents.seq));

  it("a burst of commands from two engines on one store: consecutive numbers, no gaps, no duplicates, one audit chain", async () => {
    const s = await seed(store());
    const [a, b] = [engine(), engine()];
    const commands: [SignedInPerson, MeetingCommandName, Record<string, unknown>][] = [
      ...Array.from(
        { length: 8 },
        (_, i) =>
          [s.chair, "agenda:add", { section: "aob", title: `Item ${i}`, minutes: 5 }] as [
            SignedInPerson,
            MeetingCommandName,
            Record<string, unknown>,
          ],
      ),
      [s.chair, "timer:pause", {}],
      [s.police, "hand:raise", {}],
      [s.chair, "hand:raise", {}],
      [s.chair, "item:open", { to: "next" }],
    ];
    const acks = await Promise.all(
      commands.map(([who, name, payload], i) =>
        (i % 2 ? a : b).execute(who, null, name, { meetingId: s.meeting, opId: randomUUID(), ...payload }),
      ),
    );
    for (const { ack } of acks) expect(ack).toMatchObject({ ok: true });
    const seqs = acks.map(({ ack }) => (ack.ok ? ack.data.seq : 0)).sort((x, y) => x - y);
    expect(seqs).toEqual(commands.map((_, i) => i + 1));
    expect((await events(s.meeting)).map((e) => e.seq)).toEqual(seqs);
    const [meeting] = await store().db.select().from(store().t.meetings).where(eq(store().t.meetings.id, s.meeting));
    expect(meeting!.lastSeq).toBe(commands.length);
    expect((await a.views.itemViews(store().db, s.meeting)).map((i) => i.title)).toHaveLength(10);
    expect(await a.views.handViews(store().db, { id: s.meeting, networkId: s.network })).toHaveLength(2);
    const audit = await chainOf(store());
    expect(audit).toHaveLength(commands.length);
    expect(audit.map((r) => JSON.parse(r.details).seq).sort((x, y) => x - y)).toEqual(seqs);
  });

  it("a retried operation is answered as the first time and applied once", async () => {
    const s = await seed(store());
    const [a, b] = [engine(), engine()];
    const payload = { meetingId: s.meeting, opId: randomUUID(), section: "aob", title: "Once", minutes: 5 };
    const [first, again] = await Promise.all([
      a.execute(s.chair, null, "agenda:add", payload),
      b.execute(s.chair, null, "agenda:add", payload),
    ]);
    expect(again.ack).toEqual(first.ack);
    expect(await events(s.meeting)).toHaveLength(1);
    expect(await chainOf(store())).toHaveLength(1);
  });

  it("an ended meeting refuses, and nothing changes", async () => {
    const s = await seed(store());
    const a = engine();
    expect(
      (await a.execute(s.chair, null, "meeting:end", { meetingId: s.meeting, opId: randomUUID() })).ack,
    ).toMatchObject({ ok: true });
    const before = await events(s.meeting);
    for (const [name, payload] of [
      ["agenda:add", { section: "aob", title: "Late", minutes: 5 }],
      ["timer:start", {}],
      ["hand:raise", {}],
    ] as const) {
      const { ack, event } = await a.execute(s.chair, null, name, {
        meetingId: s.meeting,
        opId: randomUUID(),
        ...payload,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: "conflict", reason: "meeting_ended" } });
      expect(event).toBeNull();
    }
    expect(await events(s.meeting)).toEqual(before);
    expect(await chainOf(store())).toHaveLength(1);
  });

  it("another network's meeting is refused as not found, and nothing changes", async () => {
    const s = await seed(store());
    const a = engine();
    const { t } = store();
    const [before] = await store().db.select().from(t.meetings).where(eq(t.meetings.id, s.meeting));
    const { ack } = await a.execute(s.outsider, null, "agenda:add", {
      meetingId: s.meeting,
      opId: randomUUID(),
      section: "aob",
      title: "Theirs",
      minutes: 5,
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "not_found" } });
    const [after] = await store().db.select().from(t.meetings).where(eq(t.meetings.id, s.meeting));
    expect(after).toEqual(before);
    expect(await events(s.meeting)).toEqual([]);
    expect(await store().db.select().from(t.meetingOps)).toEqual([]);
    expect(await store().db.select().from(t.auditLog)).toEqual([]);
  });

  it("a member may not run the meeting: refused, audited as a refused right, nothing else written", async () => {
    const s = await seed(store());
    const { ack } = await engine().execute(s.police, "10.0.0.1", "timer:pause", {
      meetingId: s.meeting,
      opId: randomUUID(),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await events(s.meeting)).toEqual([]);
    expect((await chainOf(store())).map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ["access.refused", { right: "timer:pause" }],
    ]);
  });
});
