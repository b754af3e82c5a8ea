import type { Socket } from "socket.io-client";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MeetingEvent, MeetingSnapshot, ParticipantView } from "../../app/contract/meetingProtocol.ts";
import { emit, joinMeeting, op, prepareMeeting } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";
import { holdReseatRead } from "../support/room.ts";

// Attendance follows presence: joining the running meeting marks a person present, their
// last screen going away records when they left, and the chair only corrects.

const app = useTestServer();
let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
const open: Socket[] = [];

beforeAll(async () => {
  prepared = await prepareMeeting(app.services, app.net);
});
afterEach(() => open.splice(0).forEach((s) => s.disconnect()));

/** A screen at the table: the statement accepted (the lobby is told of nobody's seat, decision 0042). */
async function join(email: string, display = false) {
  const { s, ack } = await joinMeeting(app.url, email, prepared.meetingId, display);
  open.push(s);
  expect(ack.ok).toBe(true);
  if (!display) {
    await cmd(s, "confidentiality:accept", { version: ack.data.meeting.confidentiality.version });
    expect(
      (await emit<{ data: MeetingSnapshot }>(s, "meeting:join", { meetingId: prepared.meetingId })).data.level,
    ).not.toBe("lobby");
  }
  return s;
}
const cmd = (s: Socket, name: string, payload: Record<string, unknown> = {}) =>
  emit(s, name, { meetingId: prepared.meetingId, opId: op(), ...payload });
const attendanceEvent = (s: Socket, test: (p: ParticipantView[]) => boolean) =>
  new Promise<ParticipantView[]>((resolve) =>
    s.on("meeting:event", (e: MeetingEvent) => {
      const people = "participants" in e.data ? e.data.participants : undefined;
      if (people && test(people)) resolve(people);
    }),
  );
const personId = (email: string) => prepared.member(email).personId;
const seatOf = (people: ParticipantView[], email: string) => people.find((p) => p.personId === personId(email))!;
async function participants() {
  const s = await join("chair@riverside.example");
  const snap = await emit<{ data: MeetingSnapshot }>(s, "meeting:join", { meetingId: prepared.meetingId });
  s.disconnect();
  return snap.data.participants;
}

describe("attendance from presence", () => {
  it("marks nobody present before the start; the start marks those there, leaving records the time", async () => {
    const chair = await join("chair@riverside.example");
    const police = await join("police@riverside.example");
    // Choosing before the start says how, not that they came.
    expect(
      await cmd(police, "attendance:set", { personId: personId("police@riverside.example"), attendance: "in_room" }),
    ).toMatchObject({ ok: true });
    expect(seatOf(await participants(), "police@riverside.example")).toMatchObject({
      attendance: "in_room",
      joinedAt: null,
    });
    // A screen that closes before the start is not a leaving.
    const health = await join("health@riverside.example");
    health.disconnect();

    const started = attendanceEvent(chair, (p) => seatOf(p, "police@riverside.example").joinedAt !== null);
    const before = Date.now();
    expect(await cmd(chair, "meeting:start")).toMatchObject({ ok: true });
    expect(seatOf(await started, "police@riverside.example")).toMatchObject({ attendance: "in_room", leftAt: null });

    // The social worker's screen joins the running meeting and says so (the room page does this by itself).
    const social = await join("social@riverside.example");
    await cmd(social, "attendance:set", { personId: personId("social@riverside.example"), attendance: "on_screen" });
    const arrived = seatOf(await participants(), "social@riverside.example");
    expect(arrived).toMatchObject({ attendance: "on_screen", leftAt: null, corrected: false });
    expect(arrived.joinedAt).toBeGreaterThanOrEqual(before);

    // Two screens: closing one is not leaving; closing the last is.
    const second = await join("social@riverside.example");
    second.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    expect(seatOf(await participants(), "social@riverside.example").leftAt).toBeNull();
    const gone = attendanceEvent(chair, (p) => seatOf(p, "social@riverside.example").leftAt !== null);
    social.disconnect();
    const left = seatOf(await gone, "social@riverside.example");
    expect(left.attendance).toBe("on_screen");
    expect(left.leftAt).toBeGreaterThanOrEqual(arrived.joinedAt!);
    expect(seatOf(await participants(), "health@riverside.example")).toMatchObject({ joinedAt: null, leftAt: null });

    // Coming back clears the leaving and keeps the first arrival.
    const back = await join("social@riverside.example");
    await cmd(back, "attendance:set", { personId: personId("social@riverside.example"), attendance: "on_screen" });
    expect(seatOf(await participants(), "social@riverside.example")).toMatchObject({
      joinedAt: arrived.joinedAt,
      leftAt: null,
    });
  });

  it("lets only the chair correct someone else, and marks the correction", async () => {
    const chair = await join("chair@riverside.example");
    const police = await join("police@riverside.example");
    expect(
      await cmd(police, "attendance:set", { personId: personId("school@riverside.example"), attendance: "in_room" }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      await cmd(chair, "attendance:set", { personId: personId("school@riverside.example"), attendance: "in_room" }),
    ).toMatchObject({ ok: true });
    const school = seatOf(await participants(), "school@riverside.example");
    expect(school).toMatchObject({ attendance: "in_room", corrected: true, leftAt: null });
    expect(school.joinedAt).not.toBeNull();
    await cmd(chair, "attendance:set", { personId: personId("school@riverside.example"), attendance: "apologies" });
    expect(seatOf(await participants(), "school@riverside.example")).toMatchObject({
      attendance: "apologies",
      joinedAt: null,
    });
    expect(await cmd(chair, "attendance:set", { personId: "nobody", attendance: "in_room" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("records a guest leaving, so they do not stay on screen, and never counts the display", async () => {
    const snap = await participants();
    const guestItem = (
      await emit<{ data: MeetingSnapshot }>(await join("chair@riverside.example"), "meeting:join", {
        meetingId: prepared.meetingId,
      })
    ).data.agenda.find((i) => i.section === "checkins")!;
    const youth = prepared.member("youth@riverside.example");
    await app.services.meetings.inviteGuest(
      { personId: null, ip: null },
      app.net.networkId,
      prepared.meetingId,
      guestItem.id,
      youth.personId,
    );
    expect(snap.some((p) => p.personId === youth.personId)).toBe(false);
    const chair = await join("chair@riverside.example");
    const guest = await join("youth@riverside.example");
    await cmd(guest, "attendance:set", { personId: youth.personId, attendance: "on_screen" });
    expect(seatOf(await participants(), "youth@riverside.example")).toMatchObject({
      attendance: "on_screen",
      leftAt: null,
    });
    const gone = attendanceEvent(chair, (p) => seatOf(p, "youth@riverside.example").leftAt !== null);
    guest.disconnect();
    expect((await gone).length).toBeGreaterThan(0);

    const display = await join("coordinator@riverside.example", true);
    display.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    expect(seatOf(await participants(), "coordinator@riverside.example").joinedAt).toBeNull();
  });

  it("records a leaving while a change of standing moves the person's display: the display is not them", async () => {
    const chair = await join("chair@riverside.example");
    const coordinator = await join("coordinator@riverside.example");
    await cmd(coordinator, "attendance:set", {
      personId: personId("coordinator@riverside.example"),
      attendance: "on_screen",
    });
    const display = await join("coordinator@riverside.example", true);
    // The new seats' records are held back: both screens are out of their audience rooms meanwhile.
    const hold = holdReseatRead(app.services.meetingEngine, "before");
    try {
      app.services.standing.changed({
        kind: "person",
        networkId: app.net.networkId,
        personId: personId("coordinator@riverside.example"),
      });
      await expect.poll(() => hold.reads()).toBe(2);
      const gone = attendanceEvent(chair, (p) => seatOf(p, "coordinator@riverside.example").leftAt !== null);
      coordinator.disconnect();
      expect((await gone).length).toBeGreaterThan(0);
    } finally {
      hold.release();
      hold.restore();
    }
    display.disconnect();
  });
});
