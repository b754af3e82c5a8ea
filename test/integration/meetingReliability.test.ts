import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";
import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeetingClient } from "../../app/realtime/meetingClient.ts";
import { useTestServer } from "../support/harness.ts";
import { meetingSocket, prepareMeeting } from "../support/meetings.ts";
import { kill, type ServerProcess } from "../support/serverProcess.ts";

const until = async (check: () => boolean, what: string, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe("a meeting survives dropped connections and a killed server", () => {
  // Seeded through the services in this process, then served from a process of its own (to SIGKILL it).
  const app = useTestServer();
  let child: ServerProcess;
  let meetingId: string;
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    meetingId = prepared.meetingId;
    child = await app.spawn();
  }, 60_000);

  afterAll(() => sockets.forEach((s) => s.disconnect()));

  async function clientFor(email: string) {
    const cookie = (await app.signIn(email)).cookieHeader;
    const socket = meetingSocket(app.url, cookie, { reconnection: true });
    sockets.push(socket);
    const client = new MeetingClient(socket, meetingId);
    await until(() => client.state.snapshot !== null, `${email} to join`);
    await client.send("confidentiality:accept", { version: client.state.snapshot!.meeting.confidentiality.version });
    client.refresh();
    await until(() => client.state.snapshot?.level === "full", `${email} to see the agenda`);
    return { socket, client };
  }

  /** The meeting's stored events (as a resync from 0 reads them) and the op ids it took. */
  const eventsInDb = async () => ({
    events: await app.services.meetingEngine.eventsAfter(meetingId, 0),
    ops: await app.services.database.store.db
      .select()
      .from(app.services.database.store.t.meetingOps)
      .where(eq(app.services.database.store.t.meetingOps.meetingId, meetingId)),
  });

  it("keeps a dropped participant's input pending and sends it once on return, even when the first ack was lost", async () => {
    const chair = await clientFor("chair@riverside.example");
    const police = await clientFor("police@riverside.example");
    expect((await chair.client.send("meeting:start", {})).ok).toBe(true);

    // Offline: the command waits, shown as pending.
    police.socket.disconnect();
    await until(() => police.client.state.status === "offline", "police offline");
    const personId = prepared.member("police@riverside.example").personId;
    const sent = police.client.send("attendance:set", { personId, attendance: "on_screen" });
    expect(police.client.state.pending.map((p) => p.name)).toEqual(["attendance:set"]);
    police.socket.connect();
    expect((await sent).ok).toBe(true);
    expect(police.client.state.pending).toEqual([]);

    // The server applied it but the answer was lost on the way: the replay is answered, not applied again.
    const before = (await eventsInDb()).events.length;
    const original = police.socket.emit.bind(police.socket);
    let dropped = false;
    (police.socket as unknown as { emit: (...a: unknown[]) => unknown }).emit = (
      name: unknown,
      payload: unknown,
      ack: unknown,
    ) => {
      if (name === "view:give" || name === "attendance:set") {
        if (!dropped) {
          dropped = true;
          // Delivered to the server; the connection drops before the ack comes back.
          return original(name as never, payload as never, (() => police.socket.io.engine.close()) as never);
        }
      }
      return original(name as never, payload as never, ack as never);
    };
    const second = police.client.send("attendance:set", { personId, attendance: "in_room" });
    const ack = await second;
    expect(ack.ok).toBe(true);
    expect(dropped).toBe(true);
    const after = await eventsInDb();
    // The dropped connection was police's only screen: presence records them leaving (one
    // event of its own). Besides that, the command was applied once, not again on replay.
    const added = after.events.slice(before);
    const leaving = (e: MeetingEvent) =>
      e.type === "attendance:changed" && e.data.participants.some((p) => p.personId === personId && p.leftAt !== null);
    expect(added.filter((e) => !leaving(e))).toHaveLength(1);
    expect(added.filter(leaving).length).toBeLessThanOrEqual(1);
    expect(new Set(after.ops.map((o) => o.opId)).size).toBe(after.ops.length);
    await until(
      () => chair.client.state.snapshot!.participants.find((p) => p.personId === personId)?.attendance === "in_room",
      "the chair to see it",
    );
  }, 60_000);

  it("SIGKILL mid-meeting: every client reconnects by itself, nothing acked is lost or duplicated", async () => {
    const chair = await clientFor("chair@riverside.example");
    const police = await clientFor("police@riverside.example");
    const health = await clientFor("health@riverside.example");
    const acked: number[] = [];
    for (const to of ["next", "next"] as const) {
      const a = await chair.client.send("item:open", { to });
      expect(a.ok).toBe(true);
      if (a.ok) acked.push(a.data.seq);
    }
    await kill(child);
    await until(
      () => [chair, police, health].every((c) => c.client.state.status === "offline"),
      "every client to notice",
    );
    // Typed while the server is down.
    const pending = chair.client.send("timer:pause", {});
    expect(chair.client.state.pending).toHaveLength(1);
    await app.spawn();
    const ack = await pending;
    expect(ack.ok).toBe(true);
    await until(
      () =>
        [chair, police, health].every(
          (c) => c.client.state.status === "online" && c.client.state.snapshot!.seq === (ack.ok ? ack.data.seq : -1),
        ),
      "every client to catch up",
    );
    const { events } = await eventsInDb();
    for (const seq of acked) expect(events.some((e) => e.seq === seq)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === "timer:paused")).toHaveLength(1);
    const states = [chair, police, health].map((c) => c.client.state.snapshot!.meeting);
    expect(states.every((m) => m.currentItemId === states[0].currentItemId && m.timer.startedAt === null)).toBe(true);
  }, 90_000);
});
