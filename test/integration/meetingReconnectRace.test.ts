import type { Socket } from "socket.io-client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeetingClient } from "../../app/realtime/meetingClient.ts";
import { meetingSocket, prepareMeeting } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";

// The chair records as fast as acks come back, two at a time: past a screen's live limit, which this test is not about.
const app = useTestServer({ env: { LIVE_COMMAND_LIMIT: "100000" } });

const until = async (check: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Screens drop and rejoin again and again while the chair keeps recording: every screen
 * must end with every task the server has, none missed, none twice.
 */
describe("reconnecting while events are in flight", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
  });

  /** The project's own client over a real socket.io connection that reconnects by itself. */
  async function screen(email: string, through: (s: Socket) => Socket = (s) => s) {
    const socket = meetingSocket(app.url, (await app.signIn(email)).cookieHeader, { reconnection: true });
    sockets.push(socket);
    const client = new MeetingClient(through(socket), prepared.meetingId);
    await until(() => client.state.snapshot !== null, `${email} to join`);
    if (client.state.snapshot!.level === "lobby") {
      expect(
        (
          await client.send("confidentiality:accept", {
            version: client.state.snapshot!.meeting.confidentiality.version,
          })
        ).ok,
      ).toBe(true);
      // The accept itself moves the screen out of the lobby, before its answer. (A refresh
      // here would leave a join on its way, whose snapshot could arrive after the first
      // event a test loses and hold it: no gap, no resync.)
      await until(() => client.state.snapshot?.level === "full", `${email} to see the agenda`);
    }
    return { email, socket, client };
  }

  async function started(chair: MeetingClient) {
    if (chair.state.snapshot!.meeting.status === "scheduled")
      expect((await chair.send("meeting:start", {})).ok).toBe(true);
  }

  it("a screen that misses a live event notices at the next one and resyncs", async () => {
    const chair = await screen("chair@riverside.example");
    // The police screen's connection loses exactly one event on the way.
    let lose = false;
    let lost = 0;
    const resyncs: unknown[] = [];
    const lossy = (socket: Socket) =>
      ({
        get connected() {
          return socket.connected;
        },
        on: (name: string, listener: (...a: unknown[]) => void) =>
          socket.on(
            name,
            name !== "meeting:event" ? listener : (e: unknown) => (lose ? ((lose = false), lost++) : listener(e)),
          ),
        off: () => socket,
        emit: (name: string, ...rest: unknown[]) => {
          if (name === "meeting:resync") resyncs.push(rest[0]);
          return socket.emit(name, ...(rest as []));
        },
      }) as unknown as Socket;
    const police = (await screen("police@riverside.example", lossy)).client;
    await started(chair.client);
    resyncs.length = 0;
    const item = chair.client.state.snapshot!.agenda.find((i) => i.section === "closures")!;
    const owner = prepared.member("police@riverside.example");
    const add = (what: string) =>
      chair.client.send("task:add", { itemId: item.id, what, ownerAgencyId: owner.agencyId, dueOn: "2027-01-31" });

    lose = true;
    expect((await add("Lost on the way")).ok).toBe(true);
    await until(() => lost === 1, "the event to be lost");
    expect(police.state.snapshot!.tasks.some((t) => t.what === "Lost on the way")).toBe(false);
    const second = await add("Arrives, after a gap");
    await until(() => police.state.snapshot!.seq === (second.ok ? second.data.seq : -1), "police to catch up");
    expect(resyncs).toHaveLength(1);
    expect(police.state.snapshot!.tasks.map((t) => t.what)).toEqual(
      expect.arrayContaining(["Lost on the way", "Arrives, after a gap"]),
    );
  });

  it("misses nothing over 120 reconnects with the chair recording all along", async () => {
    const chair = await screen("chair@riverside.example");
    const watchers = await Promise.all(
      ["police@riverside.example", "health@riverside.example", "coordinator@riverside.example"].map((email) =>
        screen(email),
      ),
    );
    await started(chair.client);
    const item = chair.client.state.snapshot!.agenda.find((i) => i.section === "closures")!;
    const owner = prepared.member("police@riverside.example");

    const tasksBefore = chair.client.state.snapshot!.tasks.length;
    // The chair records a task after another, two at a time, for as long as screens keep dropping.
    let recording = true;
    let recorded = 0;
    const record = async (lane: number) => {
      for (let n = 0; recording; n++) {
        const ack = await chair.client.send("task:add", {
          itemId: item.id,
          what: `Follow-up ${lane}.${n}`,
          ownerAgencyId: owner.agencyId,
          dueOn: "2027-01-31",
        });
        expect(ack.ok).toBe(true);
        recorded++;
        await pause(10);
      }
    };
    const lanes = [record(1), record(2)];

    // Drops of the connection (the client reconnects by itself) and rejoins of a live socket.
    let reconnects = 0;
    for (let round = 0; round < 120; round++) {
      const w = watchers[round % watchers.length];
      if (round % 4 === 3) w.client.refresh();
      else {
        w.socket.io.engine.close();
        await until(() => w.client.state.status === "offline", `${w.email} to notice the drop`);
      }
      await until(() => w.client.state.status === "online", `${w.email} to come back`);
      reconnects++;
      await pause(round % 3 === 0 ? 0 : 15);
    }
    recording = false;
    await Promise.all(lanes);

    const { store } = app.services.database;
    const [{ seq: head }] = await store.db
      .select({ seq: store.t.meetings.lastSeq })
      .from(store.t.meetings)
      .where(eq(store.t.meetings.id, prepared.meetingId));
    const stored = (
      await store.db
        .select({ id: store.t.tasks.id })
        .from(store.t.tasks)
        .where(eq(store.t.tasks.meetingId, prepared.meetingId))
    )
      .map((t) => t.id)
      .sort();
    expect(reconnects).toBe(120);
    expect(recorded).toBeGreaterThan(100);
    expect(stored).toHaveLength(tasksBefore + recorded);
    for (const w of [chair, ...watchers]) {
      await until(() => w.client.state.snapshot!.seq === head, `${w.email} to reach ${head}`).catch(() => undefined);
      const seen = w.client.state.snapshot!.tasks.map((t) => t.id).sort();
      const missed = stored.filter((id) => !seen.includes(id));
      expect({
        who: w.email,
        seq: w.client.state.snapshot!.seq,
        missed: missed.length,
        extra: seen.length - (stored.length - missed.length),
      }).toEqual({ who: w.email, seq: head, missed: 0, extra: 0 });
    }
  }, 180_000);
});
