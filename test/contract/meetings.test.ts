import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { createStanding } from "../../server/auth/standing.ts";
import type { InvitationPayload } from "../../server/mail/invitations.ts";
import { createOutbox } from "../../server/mail/outbox.ts";
import { createMeetings } from "../../server/meetings/meetings.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { seedSchedulingWorld, type SchedulingWorld } from "../support/schedulingWorld.ts";

// Scheduling meetings, guests, moving and cancelling them, on the Store (decision 0040):
// the same tests on SQLite and PostgreSQL. Their pages and mail: test/integration/
// meetingSchedule.test.ts, invitations.test.ts, meetingRoutesAttack.test.ts.

const origin = { origin: "https://casetable.example" };
const later = (days: number) => new Date(Date.now() + days * 86_400_000);

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

/** Everything a refused change must leave as it was. */
async function snapshot(store: Store) {
  const { t } = store;
  return {
    meetings: await store.db.select().from(t.meetings).orderBy(asc(t.meetings.id)),
    guests: await store.db.select().from(t.agendaItemGuests),
    participants: await store.db.select().from(t.meetingParticipants).orderBy(asc(t.meetingParticipants.personId)),
    deliveries: await store.db.select().from(t.deliveries),
    audit: await store.db.select().from(t.auditLog),
  };
}

describe.each(await dialectsUnderTest())("meeting scheduling on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const service = () => {
    const outbox = createOutbox(store());
    const woken: number[] = [];
    const meetings = createMeetings({
      store: store(),
      audit: createAuditChain(store()),
      standing: createStanding(),
      mail: { outbox, worker: { wake: () => woken.push(1) } },
    });
    return { meetings, outbox, woken };
  };
  const invitations = async (meetingId: string) =>
    (
      await store()
        .db.select()
        .from(store().t.deliveries)
        .where(eq(store().t.deliveries.meetingId, meetingId))
        .orderBy(asc(store().t.deliveries.createdAt), asc(store().t.deliveries.email))
    ).map((d) => ({ email: d.email, ...(d.payload as InvitationPayload) }));

  it("schedules a meeting with its agenda from the cases, invites the members and writes each one's invitation", async () => {
    const w = await seedSchedulingWorld(store());
    const { meetings, woken } = service();
    const coordinator = { personId: w.person.coordinator, ip: null };
    const { id } = await meetings.schedule(coordinator, w.net.riverside, {
      title: "Monthly case conference",
      startsAt: later(14),
      place: "Town hall",
      callLink: null,
      invitations: origin,
    });
    const meeting = (await meetings.get(w.net.riverside, id))!;
    expect(meeting).toMatchObject({ status: "scheduled", invitationSequence: 0, language: "en", place: "Town hall" });
    expect(await meetings.get(w.net.hillside, id)).toBeNull();
    const items = await store()
      .db.select()
      .from(store().t.agendaItems)
      .where(eq(store().t.agendaItems.meetingId, id))
      .orderBy(asc(store().t.agendaItems.position));
    expect(items.map((i) => i.position)).toEqual(items.map((_, n) => n));
    // The Riverside case's check-in is due: it is on the agenda; Hillside's case is not.
    expect(items.filter((i) => i.caseId !== null).map((i) => i.caseId)).toContain(w.caseId);
    expect(items.some((i) => i.caseId === w.otherCaseId)).toBe(false);
    const sent = await invitations(id);
    expect(sent.map((s) => s.email)).toEqual(
      ["chair", "coordinator", "health", "police", "school"].map((n) => `${n}@example.org`),
    );
    expect(sent.every((s) => s.change === "invited" && s.method === "REQUEST" && s.sequence === 0)).toBe(true);
    expect(sent[0]!.answerUrl).toBe(`${origin.origin}/n/${w.net.riverside}/meetings/${id}/answer`);
    expect(woken).toHaveLength(1);
    expect((await chainOf(store())).map((r) => [r.action, r.subjectId, JSON.parse(r.details)])).toEqual([
      ["meeting.scheduled", id, { startsAt: meeting.startsAt.toISOString(), items: items.length, invitees: 5 }],
    ]);
    // Only the chosen members (with the chair and the coordinator) when some are chosen.
    const small = await meetings.schedule(coordinator, w.net.riverside, {
      title: "Small",
      startsAt: later(15),
      place: null,
      callLink: null,
      inviteePersonIds: [w.person.health],
    });
    const invited = await store()
      .db.select()
      .from(store().t.meetingParticipants)
      .where(eq(store().t.meetingParticipants.meetingId, small.id));
    expect(invited.map((p) => p.personId).toSorted()).toEqual(
      [w.person.chair, w.person.coordinator, w.person.health].toSorted(),
    );
    expect(await invitations(small.id)).toEqual([]);
  });

  it("invites a guest for one item of a meeting to come; another network's meeting, item or person, or a cancelled meeting, changes nothing", async () => {
    const w = await seedSchedulingWorld(store());
    const { meetings } = service();
    const { t } = store();
    const coordinator = { personId: w.person.coordinator, ip: null };
    // The school's member is made a guest of the check-in only: first drop them from the meeting.
    await store().transaction((tx) =>
      tx.delete(t.meetingParticipants).where(eq(t.meetingParticipants.personId, w.person.school)),
    );
    await store().transaction((tx) =>
      tx.update(t.memberships).set({ role: "guest" }).where(eq(t.memberships.personId, w.person.school)),
    );
    const before = await snapshot(store());
    const invite = (networkId: string, meetingId: string, itemId: string, personId: string) =>
      meetings.inviteGuest(coordinator, networkId, meetingId, itemId, personId, origin);
    expect(await invite(w.net.hillside, w.meeting.next, w.item.checkIn, w.person.school)).toBe(false);
    expect(await invite(w.net.riverside, w.meeting.theirs, w.item.theirs, w.person.school)).toBe(false);
    expect(await invite(w.net.riverside, w.meeting.next, w.item.theirs, w.person.school)).toBe(false);
    expect(await invite(w.net.riverside, w.meeting.next, w.item.checkIn, w.person.outsider)).toBe(false);
    expect(await invite(w.net.hillside, w.meeting.theirs, w.item.theirs, w.person.school)).toBe(false);
    expect(await snapshot(store())).toEqual(before);

    expect(await invite(w.net.riverside, w.meeting.next, w.item.checkIn, w.person.school)).toBe(true);
    expect(await meetings.guestsOf(w.meeting.next)).toEqual([{ itemId: w.item.checkIn, personId: w.person.school }]);
    expect(await meetings.guestLanding(w.net.riverside, w.person.school)).toBe(w.meeting.next);
    const [invitation] = await invitations(w.meeting.next);
    expect(invitation).toMatchObject({ email: "school@example.org", change: "invited", guestSlot: true });
    // Their slot is the check-in's ten minutes after the opening's ten.
    expect(new Date(invitation!.startsAt).getTime()).toBe(w.inAWeek.getTime() + 10 * 60_000);

    await store().transaction((tx) =>
      tx.update(t.meetings).set({ status: "cancelled" }).where(eq(t.meetings.id, w.meeting.next)),
    );
    const cancelled = await snapshot(store());
    expect(await invite(w.net.riverside, w.meeting.next, w.item.opening, w.person.school)).toBe(false);
    expect(await snapshot(store())).toEqual(cancelled);
  });

  it("moves and cancels a meeting to come, each change with its own SEQUENCE; refused changes change nothing", async () => {
    const w = await seedSchedulingWorld(store());
    const { meetings } = service();
    const coordinator = { personId: w.person.coordinator, ip: null };
    const change = (startsAt: Date, place: string | null = null) => ({
      title: "Case conference",
      startsAt,
      place,
      callLink: null,
    });
    const before = await snapshot(store());
    expect(await meetings.reschedule(coordinator, w.net.hillside, w.meeting.next, change(later(9)), origin)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await meetings.cancel(coordinator, w.net.riverside, w.meeting.theirs, origin)).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await meetings.reschedule(coordinator, w.net.riverside, w.meeting.next, change(later(-1)), origin)).toEqual({
      ok: false,
      reason: "past",
    });
    expect(await meetings.reschedule(coordinator, w.net.riverside, w.meeting.next, change(w.inAWeek), origin)).toEqual({
      ok: false,
      reason: "unchanged",
    });
    expect(await snapshot(store())).toEqual(before);

    // Two moves at once: both go through, each with its own number.
    const moves = await Promise.all([
      meetings.reschedule(coordinator, w.net.riverside, w.meeting.next, change(later(8), "Room 1"), origin),
      meetings.reschedule(coordinator, w.net.riverside, w.meeting.next, change(later(9), "Room 2"), origin),
    ]);
    expect(moves).toEqual([
      { ok: true, invitations: 5 },
      { ok: true, invitations: 5 },
    ]);
    const cancelled = await meetings.cancel(coordinator, w.net.riverside, w.meeting.next, origin);
    expect(cancelled).toEqual({ ok: true, invitations: 5 });
    const sent = await invitations(w.meeting.next);
    expect(sent.map((s) => s.sequence).toSorted()).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(sent.filter((s) => s.sequence === 3).every((s) => s.method === "CANCEL" && s.change === "cancelled")).toBe(
      true,
    );
    expect((await meetings.get(w.net.riverside, w.meeting.next))!).toMatchObject({
      status: "cancelled",
      invitationSequence: 3,
    });

    // A cancelled meeting is neither moved nor cancelled again.
    const after = await snapshot(store());
    expect(await meetings.reschedule(coordinator, w.net.riverside, w.meeting.next, change(later(10)), origin)).toEqual({
      ok: false,
      reason: "not_scheduled",
    });
    expect(await meetings.cancel(coordinator, w.net.riverside, w.meeting.next, origin)).toEqual({
      ok: false,
      reason: "not_scheduled",
    });
    expect(await snapshot(store())).toEqual(after);
    expect((await chainOf(store())).map((r) => r.action)).toEqual([
      "meeting.rescheduled",
      "meeting.rescheduled",
      "meeting.cancelled",
    ]);
  });

  it("sends a failed invitation again once, and only one of this meeting of this network", async () => {
    const w: SchedulingWorld = await seedSchedulingWorld(store());
    const { meetings } = service();
    const { t } = store();
    const coordinator = { personId: w.person.coordinator, ip: null };
    await meetings.reschedule(
      coordinator,
      w.net.riverside,
      w.meeting.next,
      { title: "Moved", startsAt: later(8), place: null, callLink: null },
      origin,
    );
    const [mail] = await meetings.invitationsSent(w.net.riverside, w.meeting.next);
    expect(await meetings.invitationsSent(w.net.hillside, w.meeting.next)).toEqual([]);
    // Still pending: nothing to send again.
    expect(await meetings.sendInvitationAgain(coordinator, w.net.riverside, w.meeting.next, mail!.id)).toBe(false);
    await store().transaction((tx) =>
      tx.update(t.deliveries).set({ state: "failed", reason: "421" }).where(eq(t.deliveries.id, mail!.id)),
    );
    expect(await meetings.sendInvitationAgain(coordinator, w.net.hillside, w.meeting.next, mail!.id)).toBe(false);
    expect(await meetings.sendInvitationAgain(coordinator, w.net.riverside, w.meeting.theirs, mail!.id)).toBe(false);
    const again = await Promise.all([
      meetings.sendInvitationAgain(coordinator, w.net.riverside, w.meeting.next, mail!.id),
      meetings.sendInvitationAgain(coordinator, w.net.riverside, w.meeting.next, mail!.id),
    ]);
    expect(again.toSorted()).toEqual([false, true]);
    expect(
      (await meetings.invitationsSent(w.net.riverside, w.meeting.next)).find((m) => m.id === mail!.id),
    ).toMatchObject({ state: "pending" });
    expect((await chainOf(store())).map((r) => r.action)).toEqual([
      "meeting.rescheduled",
      "meeting.invitation_sent_again",
    ]);
  });
});
