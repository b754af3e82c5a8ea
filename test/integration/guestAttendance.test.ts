import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import {
  command,
  everything,
  resync,
  roomWithNeedToKnow,
  screen,
  settle,
  within,
  type Screen,
} from "../support/room.ts";

// Issue 13, rule 10 (decision 0042): a guest in the room is told of their own seat only.
// Over real sockets, on every path a screen gets the room's people by (the join's
// snapshot, the statement accepted, the start, attendance, raised hands, a re-seat, a
// resync from the first event), the guest's screen holds nobody else's name or email,
// before and after the statement; a member's screen holds everyone's.

const app = useTestServer({ seed: true });
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
const guestEmail = "youth@riverside.example";
const open: Screen[] = [];
let guestInLobby: Screen;
let guest: Screen;
let police: Screen;
let chair: Screen;

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  // The guest's screen waits in the lobby while the room fills and the meeting starts.
  guestInLobby = await screen(app.server, room.meetingId, guestEmail, { accept: false });
  chair = await screen(app.server, room.meetingId, "chair@riverside.example");
  police = await screen(app.server, room.meetingId, "police@riverside.example");
  open.push(guestInLobby, chair, police);
  expect((await command(chair, room.meetingId, "meeting:start")).ok).toBe(true);
  expect((await command(police, room.meetingId, "hand:raise")).ok).toBe(true);
  guest = await screen(app.server, room.meetingId, guestEmail);
  open.push(guest);
  expect((await command(guest, room.meetingId, "hand:raise")).ok).toBe(true);
  expect(
    (
      await command(chair, room.meetingId, "attendance:set", {
        personId: room.membershipOf("school@riverside.example").personId,
        attendance: "apologies",
      })
    ).ok,
  ).toBe(true);
  await within(2000, () => police.events.some((e) => e.type === "attendance:changed"));
  await settle();
});
afterAll(() => open.forEach((sc) => sc.s.disconnect()));

const others = () => app.net.members.filter((m) => m.email !== guestEmail);
const leaks = (told: string) => others().flatMap((m) => [m.name, m.email].filter((x) => told.includes(x)));

describe("a guest's view of attendance", () => {
  it("holds only their own seat and hand, on the join, every event and a resync from the start", async () => {
    const me = room.membershipOf(guestEmail);
    expect(guest.snapshot!.level).toBe("guest");
    expect(guest.snapshot!.participants.map((p) => p.personId)).toEqual([me.personId]);
    // Their screen was sent the start, the hands and the attendance, each with their seat alone.
    const types = new Set(guest.events.map((e) => e.type));
    expect(types).toContain("hands:changed");
    expect(types).toContain("attendance:changed");
    for (const e of guest.events) {
      if ("participants" in e.data) expect(e.data.participants.map((p) => p.personId)).toEqual([me.personId]);
      if ("hands" in e.data && e.data.hands) expect(e.data.hands.map((h) => h.personId)).toEqual([me.personId]);
    }
    const replay = await resync(guest, room.meetingId, 0);
    expect(replay.ok).toBe(true);
    expect(replay.data!.kind).toBe("events");
    const replayed = JSON.stringify(replay.data);
    expect(replayed).toContain("meeting:started");
    expect(replayed).toContain(me.name);
    expect(leaks(replayed)).toEqual([]);
    expect(leaks(everything(guest))).toEqual([]);
  });

  it("holds nobody's seat in the lobby, nor in the events it is sent there", () => {
    expect(guestInLobby.snapshot!.level).toBe("lobby");
    expect(guestInLobby.snapshot!.participants).toEqual([]);
    expect(guestInLobby.events.some((e) => e.type === "meeting:started")).toBe(true);
    expect(leaks(everything(guestInLobby))).toEqual([]);
  });

  it("leaves a member seeing everyone at the table, the guest too, and every raised hand", () => {
    const told = everything(police);
    for (const m of app.net.members.filter((x) => x.role !== "admin")) expect(told, m.email).toContain(m.name);
    const hands = police.events.filter((e) => e.type === "hands:changed").at(-1)!;
    expect(hands.type === "hands:changed" && hands.data.hands.length).toBe(2);
  });
});
