import type { Socket } from "socket.io-client";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canAccessNotesOf } from "../../server/meetings/notesAccess.ts";
import type { ItemDetailView, MeetingEvent, MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { connected, emit, meetingSocket, op, planWithPoliceAction, prepareMeeting } from "../support/meetings.ts";
import { caseCode, seededCase } from "../support/planForms.ts";
import { days } from "../../app/contract/time.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();
let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
let planned: { itemId: string; otherItemId: string };
const open: Socket[] = [];
const member = (email: string) => app.net.members.find((m) => m.email === email)!;

beforeAll(async () => {
  // Case 3 has a plan with the police on it: the police are involved, the school is not.
  await planWithPoliceAction(app.services, app.net);
  prepared = await prepareMeeting(app.services, app.net);
  const { store } = app.services.database;
  const items = await store.db
    .select()
    .from(store.t.agendaItems)
    .where(eq(store.t.agendaItems.meetingId, prepared.meetingId));
  const case3 = (await seededCase(app.services, app.net.networkId, 3)).id;
  const case4 = (await seededCase(app.services, app.net.networkId, 4)).id;
  planned = {
    itemId: items.find((i) => i.caseId === case3)!.id,
    otherItemId: items.find((i) => i.caseId === case4)!.id,
  };
  expect(
    await app.services.meetings.inviteGuest(
      { personId: null, ip: null },
      app.net.networkId,
      prepared.meetingId,
      planned.itemId,
      member("youth@riverside.example").personId,
    ),
  ).toBe(true);
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
});

async function join(email: string) {
  const s = meetingSocket(app.url, (await app.signIn(email)).cookieHeader);
  open.push(s);
  await connected(s);
  await emit(s, "meeting:join", { meetingId: prepared.meetingId });
  await emit(s, "confidentiality:accept", { meetingId: prepared.meetingId, opId: op(), version: 1 });
  const snap = await emit<{ ok: boolean; data: MeetingSnapshot }>(s, "meeting:join", { meetingId: prepared.meetingId });
  const events: MeetingEvent[] = [];
  s.on("meeting:event", (e: MeetingEvent) => events.push(e));
  return { s, snapshot: snap.data, events };
}
const cmd = (s: Socket, name: string, payload: Record<string, unknown> = {}) =>
  emit(s, name, { meetingId: prepared.meetingId, opId: op(), ...payload });

describe("who sees what in the meeting", () => {
  it("a guest sees only their own item, and hears only of it", async () => {
    const guest = await join("youth@riverside.example");
    expect(guest.snapshot.level).toBe("guest");
    const shown = guest.snapshot.agenda.filter((i) => i.caseCode !== null);
    expect(shown.map((i) => i.id)).toEqual([planned.itemId]);
    expect(guest.snapshot.agenda.find((i) => i.id === planned.otherItemId)).toMatchObject({
      hidden: true,
      title: "",
      summary: null,
    });
    expect(
      await emit(guest.s, "item:detail", { meetingId: prepared.meetingId, itemId: planned.otherItemId }),
    ).toMatchObject({ ok: false });

    const chair = await join("chair@riverside.example");
    await cmd(chair.s, "meeting:start");
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: planned.otherItemId,
        outcome: "escalate",
        rationale: "Not for the guest's ears.",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: planned.itemId,
        outcome: "adjust_plan",
        rationale: "The guest's item.",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await cmd(guest.s, "task:propose", {
        itemId: planned.otherItemId,
        what: "x",
        ownerAgencyId: member("youth@riverside.example").agencyId,
        dueOn: "2030-01-01",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await new Promise((r) => setTimeout(r, 200));
    const text = JSON.stringify(guest.events);
    expect(text).toContain("The guest's item.");
    expect(text).not.toContain("Not for the guest's ears.");
    const resync = await emit<{ ok: true; data: { events: MeetingEvent[] } }>(guest.s, "meeting:resync", {
      meetingId: prepared.meetingId,
      afterSeq: 0,
    });
    expect(JSON.stringify(resync.data.events)).not.toContain("Not for the guest's ears.");
  });

  it("a member of an uninvolved agency sees the code and the shared summary, not the plan; nobody gets an identity", async () => {
    const school = await join("school@riverside.example");
    const police = await join("police@riverside.example");
    const ofSchool = await emit<{ ok: true; data: ItemDetailView }>(school.s, "item:detail", {
      meetingId: prepared.meetingId,
      itemId: planned.itemId,
    });
    const ofPolice = await emit<{ ok: true; data: ItemDetailView }>(police.s, "item:detail", {
      meetingId: prepared.meetingId,
      itemId: planned.itemId,
    });
    expect(ofSchool.data).toMatchObject({ caseCode: caseCode(3), goals: [], openTasks: [] });
    expect(ofSchool.data.summary).toContain("Plan running");
    expect(ofPolice.data.goals.map((g) => g.what)).toEqual(["Back in vocational training"]);
    expect(ofPolice.data.openTasks.map((t) => t.what)).toContain("Intake talk");
    const closure = await emit<{ ok: true; data: ItemDetailView }>(school.s, "item:detail", {
      meetingId: prepared.meetingId,
      itemId: prepared.closingCode && school.snapshot.agenda.find((i) => i.section === "closures")!.id,
    });
    expect(closure.data.closure).toBeNull();
  });

  it("decides need to know for an item's notes", async () => {
    const canAccessNotes = canAccessNotesOf(app.services);
    const viewer = async (email: string) =>
      (await app.services.sessions.lookup((await app.signIn(email)).cookieHeader.split("=")[1]))!;
    const [chair, police, school, guest, health] = await Promise.all(
      ["chair", "police", "school", "youth", "health"].map((p) => viewer(`${p}@riverside.example`)),
    );
    expect(await canAccessNotes(chair, planned.itemId, "write")).toBe(true);
    expect(await canAccessNotes(police, planned.itemId, "write")).toBe(true);
    // An uninvolved agency sees the code and the shared summary: never the notes.
    expect(await canAccessNotes(school, planned.itemId, "read")).toBe(false);
    expect(await canAccessNotes(school, planned.itemId, "write")).toBe(false);
    expect(await canAccessNotes(police, planned.itemId, "read")).toBe(true);
    expect(await canAccessNotes(guest, planned.itemId, "write")).toBe(true);
    expect(await canAccessNotes(guest, planned.otherItemId, "read")).toBe(false);
    expect(await canAccessNotes(chair, planned.itemId, "read", { display: true })).toBe(false);
    // Health has not accepted the confidentiality statement of this meeting.
    expect(await canAccessNotes(health, planned.itemId, "read")).toBe(false);
    expect(await canAccessNotes(null, planned.itemId, "read")).toBe(false);
    expect(await canAccessNotes(chair, "no-such-item", "read")).toBe(false);
  });

  it("a signal added during the meeting is graded and routed to gather information; the task is the meeting's", async () => {
    const chair = await join("chair@riverside.example");
    const school = member("school@riverside.example");
    const another = await app.services.signals.register(
      { personId: school.personId, ip: null },
      {
        networkId: app.net.networkId,
        agencyId: school.agencyId,
        receivedAt: new Date(),
        channel: "school",
        reporter: { name: "A teacher", organisation: null, contact: null, withheld: false },
        concern: "Late signal.",
        summary: "Late signal.",
        subject: { name: "Another Fictional", dateOfBirth: null, address: null, contacts: null },
      },
    );
    // A source check is a phase of the signal item: no item of its own is added any more.
    expect(
      await cmd(chair.s, "agenda:add", {
        section: "reliability",
        title: `Source check ${another.code}`,
        minutes: 5,
        caseCode: another.code,
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    const added = await cmd(chair.s, "agenda:add", {
      section: "signals",
      title: `Signal ${another.code}`,
      minutes: 5,
      caseCode: another.code,
    });
    const item = (added.data!.data.agenda as { id: string; caseCode: string | null }[]).find(
      (i) => i.caseCode === another.code,
    )!;
    expect(
      await cmd(chair.s, "signal:grade", {
        itemId: item.id,
        isSecuritySignal: false,
        sourceGrade: "C",
        informationGrade: "3",
        gradingRationale: "Single teacher, not yet corroborated.",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: item.id,
        outcome: "gather_information",
        rationale: "Too little to go on.",
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    const routed = await cmd(chair.s, "decision:record", {
      itemId: item.id,
      outcome: "gather_information",
      rationale: "Too little to go on.",
      task: {
        what: "Talk to the form tutor",
        ownerAgencyId: school.agencyId,
        ownerPersonId: school.personId,
        dueOn: "2030-03-01",
      },
    });
    expect(routed).toMatchObject({ ok: true, data: { data: { decision: { outcome: "gather_information" } } } });
    const snap = await emit<{ ok: true; data: MeetingSnapshot }>(chair.s, "meeting:join", {
      meetingId: prepared.meetingId,
    });
    expect(snap.data.tasks.filter((t) => t.itemId === item.id).map((t) => t.what)).toEqual(["Talk to the form tutor"]);
  });

  it("closing: a new plan version with today's tasks and the next check-in; what was not reached comes back next time", async () => {
    const chair = await join("chair@riverside.example");
    const social = member("social@riverside.example");
    expect(
      await cmd(chair.s, "task:add", {
        itemId: planned.itemId,
        what: "Family meeting",
        ownerAgencyId: social.agencyId,
        ownerPersonId: social.personId,
        dueOn: "2030-02-01",
      }),
    ).toMatchObject({ ok: true });
    expect(await cmd(chair.s, "item:complete", { itemId: planned.itemId, outcome: "done" })).toMatchObject({
      ok: true,
    });
    expect(await cmd(chair.s, "meeting:end")).toMatchObject({ ok: true });
    const { store } = app.services.database;
    const { db, t } = store;
    const case3 = await seededCase(app.services, app.net.networkId, 3);
    const [latest] = await db
      .select()
      .from(t.planVersions)
      .where(eq(t.planVersions.caseId, case3.id))
      .orderBy(desc(t.planVersions.version))
      .limit(1);
    expect(latest.version).toBe(2);
    // The case file's history names the meeting where the case was discussed.
    const history = await app.services.caseFile.timeline(case3);
    expect(history.find((e) => e.kind === "meeting")?.facts).toMatchObject({ deferred: false });
    const { content } = latest;
    expect(content.actions.map((a) => a.what)).toEqual(["Intake talk", "Family meeting"]);
    const [theCase] = await db.select().from(t.cases).where(eq(t.cases.id, case3.id));
    expect(theCase.nextCheckInOn).toBe(content.nextCheckInOn);
    const pending = await db
      .select()
      .from(t.agendaItems)
      .where(and(eq(t.agendaItems.meetingId, prepared.meetingId), eq(t.agendaItems.status, "pending")));
    expect(pending.every((i) => i.caseId === null)).toBe(true);
    // Decided but never marked done: discussed, not deferred. Not reached at all: deferred.
    const [other] = await db.select().from(t.agendaItems).where(eq(t.agendaItems.id, planned.otherItemId));
    expect(other.status).toBe("done");
    const [untouched] = await db
      .select()
      .from(t.agendaItems)
      .where(and(eq(t.agendaItems.meetingId, prepared.meetingId), eq(t.agendaItems.reason, "new_signal")));
    expect(untouched.status).toBe("deferred");

    const next = await app.services.meetings.schedule(
      { personId: member("coordinator@riverside.example").personId, ip: null },
      app.net.networkId,
      { title: "Next", startsAt: new Date(Date.now() + days(28)), place: null, callLink: null },
    );
    const agenda = await db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, next.id));
    // The tasks left open come first, as one block after the opening, not as a case's own item.
    const block = agenda.filter((i) => i.reason === "open_tasks_last_meeting");
    expect(block).toMatchObject([{ section: "opening", position: 1, caseId: null }]);
    expect(agenda.some((i) => i.reason === "deferred")).toBe(true);
    // The signal not reached comes back once, its source check a phase of the item.
    expect(agenda.filter((i) => i.caseId === untouched.caseId)).toMatchObject([
      { section: "signals", reason: "deferred", signalId: untouched.signalId },
    ]);
  });
});
