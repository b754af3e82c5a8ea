// Issue 17, rule 3: several Casetable nodes behind a load balancer (decision 0045).
//
// Two real server processes on different ports share one SQLite file (WAL) and one Redis:
// the database is shared as it would be on PostgreSQL, and everything a node keeps in its
// own memory or hears in its own process is what this test puts across nodes. People's
// screens are spread over both; the chair records on node A; then node B is SIGKILLed
// and its screens come back on node A and resync from their last number.
import type { Socket } from "socket.io-client";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingEvent, MeetingSnapshot, Reseated } from "../../app/contract/meetingProtocol.ts";
import { agendaItemDoc } from "../../app/contract/meetingProtocol.ts";
import type { SignalRegistered } from "../../app/contract/protocol.ts";
import { useTestServer } from "../support/harness.ts";
import { signedIn } from "../support/fixtures.ts";
import { connected, emit, meetingSocket, op } from "../support/meetings.ts";
import { noteEdit, notesText, roomWithNeedToKnow, within } from "../support/room.ts";
import { clearRedis, cutOfLog, nodesEnv, run, type Ack } from "../support/nodes.ts";
import { freePort, kill, spawnServer, type ServerProcess } from "../support/serverProcess.ts";

// Streams and channels of this run only: other test runs may share the machine's Redis.
const nodeEnv = nodesEnv();

const app = useTestServer();
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
let nodeA: string;
let nodeB: string;
let processB: ServerProcess;

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  await app.spawn(nodeEnv);
  nodeA = app.url;
  processB = spawnServer({ ...app.processEnv(), ...nodeEnv, PORT: String(await freePort()) });
  nodeB = await processB.ready;
}, 120_000);

afterAll(async () => {
  if (processB) await kill(processB);
  await clearRedis(nodeEnv.REDIS_PREFIX);
});

/** A person's screen on one node: it keeps every live event and re-seating, and its snapshot's number. */
interface Screen {
  s: Socket;
  meetingId: string;
  cookie: string;
  display: boolean;
  seq: number;
  events: MeetingEvent[];
  reseated: Reseated[];
}

async function seat(url: string, email: string, options: { display?: boolean } = {}): Promise<Screen> {
  const cookie = (await signedIn(url, email)).cookieHeader;
  const s = meetingSocket(url, cookie);
  await connected(s);
  const display = options.display ?? false;
  const sc: Screen = { s, meetingId: room.meetingId, cookie, display, seq: 0, events: [], reseated: [] };
  // As the client: an event its snapshot already holds is dropped (the accept's own event
  // can reach this node after the join that follows it has read the log).
  s.on("meeting:event", (e: MeetingEvent) => {
    if (e.seq > sc.seq) sc.events.push(e);
  });
  s.on("meeting:reseated", (r: Reseated) => sc.reseated.push(r));
  let joined = await emit<Ack<MeetingSnapshot>>(s, "meeting:join", { meetingId: room.meetingId, ...options });
  if (!joined.ok) throw new Error(`${email}: join refused: ${JSON.stringify(joined.error)}`);
  if (!display) {
    const version = joined.data!.meeting.confidentiality.version;
    await emit(s, "confidentiality:accept", { meetingId: room.meetingId, opId: op(), version });
    joined = await emit<Ack<MeetingSnapshot>>(s, "meeting:join", { meetingId: room.meetingId });
  }
  sc.seq = joined.data!.seq;
  sc.events.length = 0;
  sc.reseated.length = 0;
  return sc;
}

/**
 * Each live event says the one before it in this screen's cut, which is the one it holds:
 * no gap, no repeat, in order. The first follows the snapshot (whose number is the log's
 * head, maybe an event this screen does not see).
 */
function expectUnbroken(sc: Screen, from: number) {
  let last = from;
  for (const [i, e] of sc.events.entries()) {
    expect(e.seq).toBeGreaterThan(last);
    if (i === 0) expect(e.prevSeq).toBeLessThanOrEqual(last);
    else expect(e.prevSeq).toBe(last);
    last = e.seq;
  }
}

/**
 * With both nodes sending at once, a screen may hear a later event before an earlier one
 * from the other node. Each event must name as `prevSeq` the previous one of the screen's
 * cut of the log (`all`), whichever node sent which: a lower number would let a screen
 * that has not got that one yet apply this one over the gap. Read as the client reads
 * them (app/realtime/meetingSequence.ts): an event it applies must not skip one it may
 * see (a silent miss); one that does not follow makes it resync (allowed), and it hears
 * each event once.
 */
function expectNoSilentMiss(sc: Screen, from: number, expected: number[], all: number[]) {
  for (const e of sc.events) expect(e.prevSeq).toBe(Math.max(0, ...all.filter((seq) => seq < e.seq)));
  let held = from;
  for (const e of sc.events) {
    if (e.seq <= held) continue;
    if ((e.prevSeq ?? e.seq - 1) <= held) expect(expected.filter((seq) => seq > held && seq < e.seq)).toEqual([]);
    // Applied, or after a resync that brought the screen at least this far.
    held = e.seq;
  }
  const seqs = sc.events.map((e) => e.seq);
  expect(new Set(seqs).size).toBe(seqs.length);
  expect([...seqs].sort((a, b) => a - b)).toEqual(expected);
}

describe("two nodes, one database, one Redis", () => {
  it("every participant on node B hears each decision the chair records on node A once, in order, without gaps in their cut", async () => {
    const coordinator = await seat(nodeA, "coordinator@riverside.example");
    const screensB = {
      police: await seat(nodeB, "police@riverside.example"),
      social: await seat(nodeB, "social@riverside.example"),
      youth: await seat(nodeB, "youth@riverside.example"),
      display: await seat(nodeB, "coordinator@riverside.example", { display: true }),
    };
    const health = await seat(nodeA, "health@riverside.example");
    const from = new Map([...Object.values(screensB), health].map((sc) => [sc, sc.seq]));

    expect(await run(coordinator, "meeting:start")).toMatchObject({ ok: true });
    const items = [room.item.checkinA, room.item.checkinB, room.item.checkinA];
    const acked: number[] = [];
    for (let k = 0; k < 24; k++) {
      const ack = await run(coordinator, "decision:record", {
        itemId: items[k % items.length].id,
        outcome: "continue",
        rationale: `Decision ${k} on node A.`,
      });
      expect(ack).toMatchObject({ ok: true });
      acked.push(ack.data!.seq);
    }
    // A participant on node A records too: node B's screens hear both nodes.
    expect(await run(health, "hand:raise", {})).toMatchObject({ ok: true });

    for (const sc of [...Object.values(screensB), health]) {
      const expected = await cutOfLog(nodeA, sc, from.get(sc)!);
      expect(await within(3000, () => sc.events.length >= expected.length)).toBe(true);
      expect(sc.events.map((e) => e.seq)).toEqual(expected);
      expectUnbroken(sc, from.get(sc)!);
    }
    // Police sees check-in A's decisions, social services check-in B's, the guest only the item it is invited to.
    const decided = (sc: Screen) => sc.events.filter((e) => e.type === "decision:recorded").length;
    expect(decided(screensB.police)).toBeGreaterThan(0);
    expect(decided(screensB.social)).toBeGreaterThan(0);
    expect(decided(screensB.police)).toBeLessThan(acked.length);
    for (const sc of [coordinator, ...Object.values(screensB), health]) sc.s.disconnect();
  });

  it("with commands on both nodes at once, no screen applies an event that skips one it may see", async () => {
    const coordinator = await seat(nodeA, "coordinator@riverside.example");
    const police = await seat(nodeB, "police@riverside.example");
    const listeners = [
      await seat(nodeB, "social@riverside.example"),
      await seat(nodeB, "youth@riverside.example"),
      await seat(nodeA, "health@riverside.example"),
    ];
    const from = new Map(listeners.map((sc) => [sc, sc.seq]));
    // Started by the first test, unless this one runs alone.
    await run(coordinator, "meeting:start");
    await Promise.all([
      (async () => {
        for (let k = 0; k < 20; k++)
          expect(
            await run(coordinator, "decision:record", {
              itemId: k % 2 ? room.item.checkinA.id : room.item.checkinB.id,
              outcome: "continue",
              rationale: `At the same time as node B, ${k}.`,
            }),
          ).toMatchObject({ ok: true });
      })(),
      (async () => {
        for (let k = 0; k < 10; k++) {
          expect((await run(police, "hand:raise")).error).toBeUndefined();
          expect(
            (await run(police, "hand:lower", { personId: room.membershipOf("police@riverside.example").personId }))
              .error,
          ).toBeUndefined();
        }
      })(),
    ]);
    for (const sc of listeners) {
      const expected = await cutOfLog(nodeA, sc, from.get(sc)!);
      expect(await within(3000, () => sc.events.length >= expected.length)).toBe(true);
      expectNoSilentMiss(sc, from.get(sc)!, expected, await cutOfLog(nodeA, sc, 0));
    }
    for (const sc of [coordinator, police, ...listeners]) sc.s.disconnect();
  });

  it("a role changed through node A re-seats the person's screen on node B", async () => {
    const police = await seat(nodeB, "police@riverside.example");
    const admin = await signedIn(nodeA, "admin@riverside.example");
    const m = room.membershipOf("school@riverside.example");
    const school = await seat(nodeB, "school@riverside.example");
    const res = await admin.post(`/n/${room.net.networkId}/members/${m.id}`, {
      intent: "save",
      agencyId: m.agencyId,
      role: "guest",
      mandate: m.mandate,
    });
    expect(res.status).toBe(302);
    expect(await within(2000, () => school.reseated.length > 0)).toBe(true);
    expect(school.reseated[0]!.snapshot).toMatchObject({ level: "guest" });
    // Only the person whose standing changed.
    expect(police.reseated).toEqual([]);
    police.s.disconnect();
    school.s.disconnect();
  });

  it("accepting the statement through node A moves the person's screen on node B out of the lobby", async () => {
    const onB = meetingSocket(nodeB, (await signedIn(nodeB, "chair@riverside.example")).cookieHeader);
    const reseated: Reseated[] = [];
    onB.on("meeting:reseated", (r: Reseated) => reseated.push(r));
    await connected(onB);
    const lobby = await emit<Ack<MeetingSnapshot>>(onB, "meeting:join", { meetingId: room.meetingId });
    expect(lobby.data!.level).toBe("lobby");
    const onA = meetingSocket(nodeA, (await signedIn(nodeA, "chair@riverside.example")).cookieHeader);
    await connected(onA);
    await emit(onA, "meeting:join", { meetingId: room.meetingId });
    const version = lobby.data!.meeting.confidentiality.version;
    expect(await run({ s: onA, meetingId: room.meetingId }, "confidentiality:accept", { version })).toMatchObject({
      ok: true,
    });
    expect(await within(2000, () => reseated.length > 0)).toBe(true);
    expect(reseated[0]!.snapshot).toMatchObject({ level: "full" });
    onA.disconnect();
    onB.disconnect();
  });

  it("notes typed on node A reach a reader on node B, and node B serves them to someone who opens them after", async () => {
    const doc = agendaItemDoc(room.item.checkinA.id);
    const joinNotes = (s: Socket) =>
      emit<Ack<{ update: ArrayBuffer }>>(s, "notes:join", { doc, stateVector: Y.encodeStateVector(new Y.Doc()) });
    const writer = await seat(nodeA, "police@riverside.example");
    const reader = await seat(nodeB, "coordinator@riverside.example");
    // Node B reads the document now, so that a stale copy would be in its memory.
    expect(await joinNotes(reader.s)).toMatchObject({ ok: true });
    const heard: Uint8Array[] = [];
    reader.s.on("notes:updated", (u: { update: ArrayBuffer }) => heard.push(new Uint8Array(u.update)));
    expect(await joinNotes(writer.s)).toMatchObject({ ok: true });
    const update = noteEdit("Typed on node A.");
    expect(await emit(writer.s, "notes:update", { doc, update })).toMatchObject({ ok: true });
    expect(await within(2000, () => heard.length > 0)).toBe(true);
    expect(notesText(heard[0]!)).toContain("Typed on node A.");

    const later = await seat(nodeB, "chair@riverside.example");
    const opened = await joinNotes(later.s);
    expect(opened).toMatchObject({ ok: true });
    expect(notesText(opened.data!.update)).toContain("Typed on node A.");
    for (const sc of [writer, reader, later]) sc.s.disconnect();
  });

  it("a signal registered through node A reaches a coordinator online on node B", async () => {
    const coordinator = meetingSocket(nodeB, (await signedIn(nodeB, "coordinator@riverside.example")).cookieHeader);
    await connected(coordinator);
    const hears = new Promise<SignalRegistered>((resolve) => coordinator.once("signal:registered", resolve));
    const year = new Date().getFullYear();
    const res = await (
      await signedIn(nodeA, "police@riverside.example")
    ).post(`/n/${room.net.networkId}/signals/new`, {
      receivedAt: `${year}-01-15T09:30`,
      channel: "school",
      reporterName: "Mr Hendriks",
      reporterOrganisation: "Riverside North College",
      reporterContact: "+32 2 555 01 23",
      reporterWithheld: "on",
      concern: "A pupil said in class that 'people like them deserve what is coming'.",
      summary: "School reports a change in behaviour.",
      subjectName: "Nodes Example",
      subjectDateOfBirth: `${year - 15}-01-01`,
      subjectAddress: "1 Example Street, Riverside",
    });
    expect(res.status).toBe(302);
    const code = /\/cases\/(C-\d{4}-\d{4})/.exec(res.headers.get("location")!)![1];
    expect(await hears).toMatchObject({ networkId: room.net.networkId, code });
    coordinator.disconnect();
  });

  it("when node B is killed mid-meeting its screens come back on node A within 5 s and resync from their last number: nothing lost, nothing twice", async () => {
    const coordinator = await seat(nodeA, "coordinator@riverside.example");
    const onB = [await seat(nodeB, "police@riverside.example"), await seat(nodeB, "social@riverside.example")];
    const from = new Map(onB.map((sc) => [sc, sc.seq]));
    let recording = true;
    let recorded = 0;
    const chair = (async () => {
      for (let k = 0; recording; k++) {
        const ack = await run(coordinator, "decision:record", {
          itemId: k % 2 ? room.item.checkinA.id : room.item.checkinB.id,
          outcome: "continue",
          rationale: `Through the failover, ${k}.`,
        });
        expect(ack).toMatchObject({ ok: true });
        recorded++;
      }
    })();
    await within(5000, () => recorded >= 10);

    // Notes typed on node B up to the kill: every change it acknowledged was stored.
    const doc = agendaItemDoc(room.item.checkinA.id);
    const typist = onB[0]!.s;
    const fromScratch = { doc, stateVector: Y.encodeStateVector(new Y.Doc()) };
    expect(await emit(typist, "notes:join", fromScratch)).toMatchObject({ ok: true });
    const saved: string[] = [];
    const type = async (text: string) => {
      const ack = await emit<Ack<unknown>>(typist, "notes:update", { doc, update: noteEdit(text) });
      if (ack.ok) saved.push(text);
    };
    for (let k = 0; k < 5; k++) await type(`Saved before the kill, ${k}.`);
    for (let k = 0; k < 5; k++) void type(`Typed as the node dies, ${k}.`);

    const killedAt = Date.now();
    await kill(processB);
    const back = onB.map(async (sc) => {
      // As a client given both nodes' addresses: the dead one refuses, it goes to the other.
      await within(5000, () => !sc.s.connected);
      const held = sc.events.at(-1)?.seq ?? sc.seq;
      const s = meetingSocket(nodeA, sc.cookie);
      // As the client: an event it already holds is dropped.
      s.on("meeting:event", (e: MeetingEvent) => {
        if (e.seq > (sc.events.at(-1)?.seq ?? sc.seq)) sc.events.push(e);
      });
      await connected(s);
      expect(await emit(s, "meeting:join", { meetingId: room.meetingId })).toMatchObject({ ok: true });
      const resynced = await emit<Ack<{ kind: string; events: MeetingEvent[]; seq: number }>>(s, "meeting:resync", {
        meetingId: room.meetingId,
        afterSeq: held,
      });
      expect(resynced.data!.kind).toBe("events");
      // The resync's events join the screen's record as the client does: only those newer than it holds.
      const live = sc.events.filter((e) => e.seq > held);
      sc.events = sc.events.filter((e) => e.seq <= held);
      for (const e of [...resynced.data!.events, ...live].sort((a, b) => a.seq - b.seq))
        if (e.seq > (sc.events.at(-1)?.seq ?? sc.seq)) sc.events.push(e);
      sc.s = s;
      return Date.now() - killedAt;
    });
    const took = await Promise.all(back);
    for (const ms of took) expect(ms).toBeLessThan(5000);

    await within(5000, () => recorded >= 30);
    recording = false;
    await chair;
    for (const sc of onB) {
      const expected = await cutOfLog(nodeA, sc, from.get(sc)!);
      expect(await within(3000, () => (sc.events.at(-1)?.seq ?? 0) >= expected.at(-1)!)).toBe(true);
      const seqs = sc.events.map((e) => e.seq);
      expect(seqs).toEqual(expected);
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    const opened = await emit<Ack<{ update: ArrayBuffer }>>(coordinator.s, "notes:join", fromScratch);
    expect(saved.length).toBeGreaterThanOrEqual(5);
    for (const text of saved) expect(notesText(opened.data!.update)).toContain(text);
    for (const sc of [coordinator, ...onB]) sc.s.disconnect();
  });
});
