import type { Socket } from "socket.io-client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  MeetingEvent,
  MeetingEventOf,
  MeetingEventType,
  MeetingSnapshot,
} from "../../app/contract/meetingProtocol.ts";
import { connected, emit, meetingSocket, op, prepareMeeting } from "../support/meetings.ts";
import { seededCase } from "../support/planForms.ts";
import { useTestServer } from "../support/harness.ts";
import { redact } from "../../server/documents/redact.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { pdfText } from "../support/pdfTools.ts";

// The meeting's rhythm over real sockets: the last meeting's open actions come first as
// one block, reviewed through a command; the chair calls a round of views; participants
// raise hands the chair clears. Each is cut for who may see it, and refused to who may not.

const app = useTestServer();
const open: Socket[] = [];
let meetingId: string;
let taskId: string;
let closureItemId: string;
let signalItemId: string;
const member = (email: string) => app.net.members.find((m) => m.email === email)!;

interface Screen {
  s: Socket;
  snapshot: MeetingSnapshot;
  events: MeetingEvent[];
}
async function join(email: string, display = false): Promise<Screen> {
  const s = meetingSocket(app.url, (await app.signIn(email)).cookieHeader);
  open.push(s);
  await connected(s);
  if (!display) {
    await emit(s, "meeting:join", { meetingId });
    await emit(s, "confidentiality:accept", { meetingId, opId: op(), version: 1 });
  }
  const snap = await emit<{ ok: boolean; data: MeetingSnapshot }>(s, "meeting:join", { meetingId, display });
  const events: MeetingEvent[] = [];
  s.on("meeting:event", (e: MeetingEvent) => events.push(e));
  return { s, snapshot: snap.data, events };
}
const cmd = (s: Socket, name: string, payload: Record<string, unknown> = {}) =>
  emit(s, name, { meetingId, opId: op(), ...payload });
/** Waits until this screen has been sent an event of this type (the n-th one, counting from 1). */
const sent = async <T extends MeetingEventType>(screen: Screen, type: T, n = 1) => {
  await expect
    .poll(() => screen.events.filter((e) => e.type === type).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(n);
  return screen.events.filter((e) => e.type === type)[n - 1] as MeetingEventOf<T>;
};
const snapshotOf = async (screen: Screen, display = false) =>
  (await emit<{ ok: boolean; data: MeetingSnapshot }>(screen.s, "meeting:join", { meetingId, display })).data;

let chair: Screen, police: Screen, health: Screen, school: Screen, guest: Screen, display: Screen;

beforeAll(async () => {
  // The last meeting: a task for the police on case 5 (police and mental health involved).
  const last = await prepareMeeting(app.services, app.net);
  meetingId = last.meetingId;
  const c = await join("chair@riverside.example");
  expect(await cmd(c.s, "meeting:start")).toMatchObject({ ok: true });
  const case5 = await seededCase(app.services, app.net.networkId, 5);
  const { store } = app.services.database;
  const { t } = store;
  const lastClosure = (
    await store.db
      .select()
      .from(t.agendaItems)
      .where(and(eq(t.agendaItems.meetingId, meetingId), eq(t.agendaItems.caseId, case5.id)))
      .limit(1)
  )[0]!;
  const added = await cmd(c.s, "task:add", {
    itemId: lastClosure.id,
    what: "Ask the school for a progress report",
    ownerAgencyId: member("police@riverside.example").agencyId,
    dueOn: "2030-01-15",
  });
  expect(added).toMatchObject({ ok: true });
  taskId = (added.data.data.task as { id: string }).id;
  expect(await cmd(c.s, "meeting:end")).toMatchObject({ ok: true });
  c.s.disconnect();

  // This meeting.
  meetingId = (
    await app.services.meetings.schedule(
      { personId: member("coordinator@riverside.example").personId, ip: null },
      app.net.networkId,
      { title: "Next conference", startsAt: new Date(Date.now() + 60_000), place: null, callLink: null },
    )
  ).id;
  const items = await store.db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, meetingId));
  closureItemId = items.find((i) => i.caseId === case5.id)!.id;
  signalItemId = items.find((i) => i.section === "signals")!.id;
  expect(
    await app.services.meetings.inviteGuest(
      { personId: null, ip: null },
      app.net.networkId,
      meetingId,
      signalItemId,
      member("youth@riverside.example").personId,
    ),
  ).toBe(true);
  chair = await join("chair@riverside.example");
  police = await join("police@riverside.example");
  health = await join("health@riverside.example");
  school = await join("school@riverside.example");
  guest = await join("youth@riverside.example");
  display = await join("coordinator@riverside.example", true);
  expect(await cmd(chair.s, "meeting:start")).toMatchObject({ ok: true });
});
afterAll(() => open.forEach((s) => s.disconnect()));

describe("the last meeting's open actions", () => {
  it("come first, as one block after the opening, and only to those who see their case in full", async () => {
    const agenda = chair.snapshot.agenda;
    expect(agenda.slice(0, 2).map((i) => [i.section, i.reason, i.caseCode])).toEqual([
      ["opening", "opening", null],
      ["opening", "open_tasks_last_meeting", null],
    ]);
    // The block is the one place the action comes up: no check-in item only for it.
    expect(agenda.filter((i) => i.reason === "open_tasks_last_meeting")).toHaveLength(1);
    for (const screen of [chair, police, health])
      expect(screen.snapshot.actions).toMatchObject([
        { taskId, what: "Ask the school for a progress report", review: null },
      ]);
    for (const screen of [school, guest, display]) expect(screen.snapshot.actions).toEqual([]);
  });

  it("are reviewed by the chair through a command: done, circumstances changed or not done by the agency", async () => {
    const { store } = app.services.database;
    const { t } = store;
    const statusOf = async () => (await store.db.select().from(t.tasks).where(eq(t.tasks.id, taskId)).limit(1))[0]!;
    // A member, the guest and an unknown task: refused, nothing written.
    expect(await cmd(police.s, "action:review", { taskId, outcome: "done" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await cmd(guest.s, "action:review", { taskId, outcome: "done" })).toMatchObject({ ok: false });
    expect(await cmd(chair.s, "action:review", { taskId: "no-such-task", outcome: "done" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await cmd(chair.s, "action:review", { taskId, outcome: "forgotten" })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await statusOf()).toMatchObject({ status: "planned", stopReason: null });
    expect(await store.db.select().from(t.actionReviews)).toEqual([]);

    expect(await cmd(chair.s, "action:review", { taskId, outcome: "agency_not_done" })).toMatchObject({ ok: true });
    expect(await statusOf()).toMatchObject({ status: "stopped", stopReason: "agency_not_done" });
    const reviewed = await sent(police, "action:reviewed");
    expect(reviewed.data.action).toMatchObject({ taskId, review: "agency_not_done" });
    await sent(health, "action:reviewed");
    // Found done after all: the review changes, once per meeting.
    expect(await cmd(chair.s, "action:review", { taskId, outcome: "done" })).toMatchObject({ ok: true });
    expect(await statusOf()).toMatchObject({ status: "done", stopReason: null });
    expect(await store.db.select().from(t.actionReviews)).toMatchObject([{ taskId, outcome: "done" }]);
    // A later frame event reaches everyone: by then the review would have, had it been sent.
    expect(await cmd(school.s, "hand:raise")).toMatchObject({ ok: true });
    for (const screen of [school, guest, display]) {
      await sent(screen, "hands:changed");
      expect(screen.events.filter((e) => e.type === "action:reviewed")).toEqual([]);
    }
    expect(await cmd(school.s, "hand:lower", { personId: member("school@riverside.example").personId })).toMatchObject({
      ok: true,
    });
    // A reviewed action stays in the block, with its review, for whoever joins now.
    expect((await snapshotOf(police)).actions).toMatchObject([{ taskId, review: "done" }]);
    expect((await snapshotOf(school)).actions).toEqual([]);
  });
});

describe("a round of views", () => {
  it("gives the word to each involved agency at the table in turn, shown to every screen that may know of it", async () => {
    for (const screen of [police, health])
      expect(
        await cmd(screen.s, "attendance:set", {
          personId:
            screen === police
              ? member("police@riverside.example").personId
              : member("health@riverside.example").personId,
          attendance: "on_screen",
        }),
      ).toMatchObject({ ok: true });
    // Only on the item being discussed, only by the chair.
    expect(await cmd(chair.s, "round:call", { itemId: closureItemId })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await cmd(chair.s, "item:open", { to: { itemId: closureItemId } })).toMatchObject({ ok: true });
    expect(await cmd(police.s, "round:call", { itemId: closureItemId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await cmd(chair.s, "round:next")).toMatchObject({ ok: false, error: { code: "conflict" } });
    const { store } = app.services.database;
    const [stillNone] = await store.db.select().from(store.t.meetings).where(eq(store.t.meetings.id, meetingId));
    expect(stillNone.round).toBeNull();

    expect(await cmd(chair.s, "round:call", { itemId: closureItemId })).toMatchObject({ ok: true });
    const called = await sent(health, "round:changed");
    expect(called.data.round).toMatchObject({ itemId: closureItemId, size: 2, turn: 0 });
    expect(called.data.round!.agencies.map((a) => a.agencyId).sort()).toEqual(
      [member("police@riverside.example").agencyId, member("health@riverside.example").agencyId].sort(),
    );
    // At the table (by summary) the school hears who speaks; the display only how far the round is.
    expect((await sent(school, "round:changed")).data.round!.agencies).toHaveLength(2);
    expect((await sent(display, "round:changed")).data.round).toMatchObject({ agencies: [], size: 2, turn: 0 });

    expect(await cmd(chair.s, "round:next")).toMatchObject({ ok: true });
    expect((await sent(police, "round:changed", 2)).data.round).toMatchObject({ turn: 1 });
    expect((await snapshotOf(display, true)).round).toMatchObject({ agencies: [], turn: 1 });
    expect((await snapshotOf(guest)).round).toBeNull();
    expect(await cmd(chair.s, "round:next")).toMatchObject({ ok: true });
    expect((await sent(police, "round:changed", 3)).data.round).toBeNull();
    // The guest of another item never heard of this round.
    await sent(guest, "item:opened");
    expect(guest.events.filter((e) => e.type === "round:changed")).toEqual([]);
  });

  it("ends when the chair moves on", async () => {
    expect(await cmd(chair.s, "round:call", { itemId: closureItemId })).toMatchObject({ ok: true });
    expect(await cmd(chair.s, "item:open", { to: "next" })).toMatchObject({ ok: true });
    expect((await snapshotOf(police)).round).toBeNull();
  });
});

describe("raised hands", () => {
  it("queue in the order raised; each lowers their own, the chair clears anyone's", async () => {
    const { store } = app.services.database;
    const { t } = store;
    const before = police.events.filter((e) => e.type === "hands:changed").length;
    expect(await cmd(health.s, "hand:raise")).toMatchObject({ ok: true });
    expect(await cmd(guest.s, "hand:raise")).toMatchObject({ ok: true });
    expect(await cmd(health.s, "hand:raise")).toMatchObject({ ok: false, error: { code: "conflict" } });
    const queued = await sent(police, "hands:changed", before + 2);
    expect(queued.data.hands.map((h) => h.name)).toEqual([
      member("health@riverside.example").name,
      member("youth@riverside.example").name,
    ]);
    // The guest is told of their own hand only, the display of none (decision 0042).
    expect((await snapshotOf(guest)).hands.map((h) => h.name)).toEqual([member("youth@riverside.example").name]);
    expect((await snapshotOf(display, true)).hands).toEqual([]);
    // Someone else's hand is the chair's to clear.
    expect(await cmd(school.s, "hand:lower", { personId: member("health@riverside.example").personId })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await store.db.select().from(t.raisedHands).where(eq(t.raisedHands.meetingId, meetingId))).toHaveLength(2);
    expect(await cmd(chair.s, "hand:lower", { personId: member("health@riverside.example").personId })).toMatchObject({
      ok: true,
    });
    expect((await snapshotOf(school)).hands.map((h) => h.name)).toEqual([member("youth@riverside.example").name]);
  });

  it("lowers the hand of someone who leaves the meeting", async () => {
    const youth = member("youth@riverside.example");
    expect(await cmd(guest.s, "attendance:set", { personId: youth.personId, attendance: "on_screen" })).toMatchObject({
      ok: true,
    });
    const seen = police.events.filter((e) => e.type === "attendance:changed").length;
    expect(await cmd(guest.s, "attendance:leave")).toMatchObject({ ok: true });
    const left = await sent(police, "attendance:changed", seen + 1);
    expect(left.data.hands).toEqual([]);
    expect((await snapshotOf(school)).hands).toEqual([]);
  });

  it("and nothing of the rhythm is taken once the meeting has ended", async () => {
    expect(await cmd(chair.s, "meeting:end")).toMatchObject({ ok: true });
    const { store } = app.services.database;
    const { t } = store;
    expect(await store.db.select().from(t.raisedHands).where(eq(t.raisedHands.meetingId, meetingId))).toEqual([]);
    expect(await cmd(school.s, "hand:raise")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await cmd(chair.s, "action:review", { taskId, outcome: "circumstances_changed" })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await cmd(chair.s, "round:call", { itemId: closureItemId })).toMatchObject({ ok: false });
    expect((await store.db.select().from(t.tasks).where(eq(t.tasks.id, taskId)).limit(1))[0]!.status).toBe("done");
  });

  it("the minutes say what the table found of each open action, to those who see its case", async () => {
    const minutes = (await app.services.minutes.model(meetingId))!;
    const block = minutes.items.find((i) => i.titleKind === "open_tasks" && i.actionReviews.length > 0)!;
    expect(block.actionReviews).toMatchObject([
      { what: "Ask the school for a progress report", agencyName: expect.any(String), review: "done" },
    ]);
    const addressees = await app.services.minutes.addressees(meetingId);
    const copyFor = (email: string) =>
      redact(
        minutes,
        addressees.find((a) => a.email === email)!,
      );
    const reviewsIn = (copy: ReturnType<typeof redact>) => copy.items.flatMap((i) => i.actionReviews);
    expect(reviewsIn(copyFor("police@riverside.example"))).toHaveLength(1);
    expect(reviewsIn(copyFor("health@riverside.example"))).toHaveLength(1);
    expect(reviewsIn(copyFor("school@riverside.example"))).toEqual([]);
    expect(reviewsIn(copyFor("youth@riverside.example"))).toEqual([]);
    const pdf = await renderMinutesPdf(minutes);
    expect(pdfText(pdf).replace(/\s+/g, " ")).toContain("Open actions from the last meeting, as found at this one");
  });
});
