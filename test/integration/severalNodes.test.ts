// Issue 17, rule 5: three Casetable nodes behind a load balancer, one of them lost and
// restarted in the middle of a meeting (decision 0045).
//
// Three real server processes share one database and one Redis. Participants are spread
// over the nodes; the coordinator chairs on node A and records decisions without pause,
// while participants on B and C raise and lower hands. Node B is SIGKILLed: its screens
// come back on the other nodes and resync from the number they hold, a command it had not
// answered is sent again with the same operation id, and B is started again and takes
// new screens. After: every acknowledged command is in the log once, the log's numbers
// have no gap, every screen applied exactly its cut of the log, notes typed on all three
// nodes are merged, and `npm run audit:verify` finds the audit chain intact.
//
// The database is the harness's (SQLite by default; the same test on PostgreSQL once the
// harness runs the server there).
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agendaItemDoc } from "../../app/contract/meetingProtocol.ts";
import { useTestServer, type SpawnedNode } from "../support/harness.ts";
import { emit, op } from "../support/meetings.ts";
import { clearRedis, cutOfLog, moveScreen, nodesEnv, run, seat, type Ack, type Screen } from "../support/nodes.ts";
import { noteEdit, notesText, roomWithNeedToKnow, within } from "../support/room.ts";
import { kill } from "../support/serverProcess.ts";

const env = nodesEnv();
const app = useTestServer();
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
let nodeA: string;
let nodeB: SpawnedNode;
let nodeC: SpawnedNode;

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  await app.spawn({ ...env, NODE_NAME: "node-a" });
  nodeA = app.url;
  [nodeB, nodeC] = await Promise.all([
    app.spawnNode({ ...env, NODE_NAME: "node-b" }),
    app.spawnNode({ ...env, NODE_NAME: "node-c" }),
  ]);
}, 180_000);

afterAll(() => clearRedis(env.REDIS_PREFIX!));

/** An acknowledged command: what the log must hold once. */
interface Acked {
  opId: string;
  seq: number;
  /** A decision's mark, found once in its rationale. */
  mark?: string;
}

/**
 * A command as the client sends it across a failover: when its node dies before it
 * answers, it is sent again, with the same operation id, once the screen is on another node.
 */
async function runAcrossFailover(sc: Screen, name: string, payload: Record<string, unknown>): Promise<Acked> {
  const opId = op();
  for (;;) {
    const socket = sc.s;
    if (socket.connected) {
      let gone = () => {};
      const lost = new Promise<null>((done) => socket.once("disconnect", (gone = () => done(null))));
      const ack = await Promise.race([run(sc, name, payload, opId), lost]);
      socket.off("disconnect", gone);
      if (ack) {
        expect(ack).toMatchObject({ ok: true });
        return { opId, seq: ack.data!.seq };
      }
    }
    expect(await within(10_000, () => sc.s !== socket && sc.s.connected)).toBe(true);
  }
}

const joinNotes = (s: Socket, itemId: string) =>
  emit<Ack<{ update: ArrayBuffer }>>(s, "notes:join", {
    doc: agendaItemDoc(itemId),
    stateVector: Y.encodeStateVector(new Y.Doc()),
  });

async function typeNotes(sc: Screen, itemId: string, text: string) {
  expect(await joinNotes(sc.s, itemId)).toMatchObject({ ok: true });
  expect(await emit(sc.s, "notes:update", { doc: agendaItemDoc(itemId), update: noteEdit(text) })).toMatchObject({
    ok: true,
  });
}

describe("three nodes, one database, one Redis, one node killed and restarted", () => {
  it("every acknowledged command reaches every participant once, without gaps; screens are back within 5 s; notes merge; the audit chain holds", async () => {
    const { item } = room;
    const coordinator = await seat(nodeA, room.meetingId, "coordinator@riverside.example");
    const school = await seat(nodeA, room.meetingId, "school@riverside.example");
    const onB = {
      police: await seat(nodeB.url, room.meetingId, "police@riverside.example"),
      social: await seat(nodeB.url, room.meetingId, "social@riverside.example"),
      display: await seat(nodeB.url, room.meetingId, "coordinator@riverside.example", { display: true }),
    };
    const youth = await seat(nodeC.url, room.meetingId, "youth@riverside.example");
    const health = await seat(nodeC.url, room.meetingId, "health@riverside.example");
    const screens = [coordinator, school, ...Object.values(onB), youth, health];

    expect(await run(coordinator, "meeting:start")).toMatchObject({ ok: true });
    const acked: Acked[] = [];
    let going = true;
    // The coordinator records on node A one decision after another; participants on B and C
    // raise and lower hands. Paced, so that the whole log stays within one resync (500
    // events) and each screen's cut can be asked of a node at the end.
    const pace = () => new Promise((done) => setTimeout(done, 80));
    const items = [item.checkinA, item.checkinB];
    const chairing = (async () => {
      for (let k = 0; going; k++) {
        const [opId, mark] = [op(), `#${k}#`];
        const ack = await run(
          coordinator,
          "decision:record",
          {
            itemId: items[k % items.length]!.id,
            outcome: "continue",
            rationale: `Decision ${mark} across three nodes.`,
          },
          opId,
        );
        expect(ack).toMatchObject({ ok: true });
        acked.push({ opId, seq: ack.data!.seq, mark });
        await pace();
      }
    })();
    const hands = (sc: Screen, email: string) =>
      (async () => {
        const personId = room.membershipOf(email).personId;
        while (going) {
          acked.push(await runAcrossFailover(sc, "hand:raise", {}));
          await pace();
          acked.push(await runAcrossFailover(sc, "hand:lower", { personId }));
          await pace();
        }
      })();
    const raising = [hands(onB.police, "police@riverside.example"), hands(health, "health@riverside.example")];
    const decisions = () => acked.filter((a) => a.mark).length;
    expect(await within(20_000, () => decisions() >= 10)).toBe(true);
    await typeNotes(onB.police, item.closure.id, "Noted on node B before it died.");

    // Node B dies; its screens come back on A and C, as a client given every node's address.
    const killedAt = Date.now();
    await kill(nodeB.process);
    const moves = [
      [onB.police, nodeC.url],
      [onB.social, nodeA],
      [onB.display, nodeC.url],
    ] as const;
    const back = await Promise.all(
      moves.map(async ([sc, url]) => {
        expect(await within(5000, () => !sc.s.connected)).toBe(true);
        await moveScreen(sc, url);
        return Date.now() - killedAt;
      }),
    );
    for (const ms of back) expect(ms).toBeLessThan(5000);
    // Meanwhile notes are typed on A and C at once.
    await Promise.all([
      typeNotes(coordinator, item.closure.id, "Noted on node A while B was down."),
      typeNotes(health, item.closure.id, "Noted on node C while B was down."),
    ]);

    // Node B comes back (under its name) and takes a new screen, which hears what follows.
    await nodeB.restart();
    const late = await seat(nodeB.url, room.meetingId, "chair@riverside.example");
    screens.push(late);
    const decidedBefore = decisions();
    expect(await within(20_000, () => decisions() >= decidedBefore + 10)).toBe(true);
    going = false;
    await Promise.all([chairing, ...raising]);

    // The log: numbers 1..n without a gap, each acknowledged command in it once.
    const { store } = app.services.database;
    const { t } = store;
    const log = await store.db
      .select()
      .from(t.meetingEvents)
      .where(eq(t.meetingEvents.meetingId, room.meetingId))
      .orderBy(t.meetingEvents.seq);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const ops = await store.db.select().from(t.meetingOps).where(eq(t.meetingOps.meetingId, room.meetingId));
    for (const a of acked) {
      expect(log.some((e) => e.seq === a.seq)).toBe(true);
      expect(ops.filter((o) => o.opId === a.opId).map((o) => o.seq)).toEqual([a.seq]);
      if (a.mark) expect(log.filter((e) => JSON.stringify(e.payload).includes(a.mark!))).toHaveLength(1);
    }
    expect(new Set(acked.map((a) => a.seq)).size).toBe(acked.length);

    // Every screen applied exactly its cut of the log, each event once, in order.
    expect(log.length).toBeLessThanOrEqual(500);
    for (const sc of screens) {
      await within(3000, () => sc.held >= log.at(-1)!.seq);
      await sc.queue;
      const expected = await cutOfLog(nodeA, sc, sc.since);
      expect(sc.events.map((e) => e.seq)).toEqual(expected);
    }
    // The coordinator's screen saw every decision.
    expect(acked.filter((a) => a.mark).every((a) => coordinator.events.some((e) => e.seq === a.seq))).toBe(true);

    // Notes typed on all three nodes are one document, served alike by each.
    for (const url of [nodeA, nodeB.url, nodeC.url]) {
      const reader = await seat(url, room.meetingId, "coordinator@riverside.example");
      const opened = await joinNotes(reader.s, item.closure.id);
      expect(opened).toMatchObject({ ok: true });
      const text = notesText(opened.data!.update);
      for (const n of ["node B before it died", "node A while B was down", "node C while B was down"])
        expect(text).toContain(`Noted on ${n}.`);
      reader.s.disconnect();
    }
    for (const sc of screens) sc.s.disconnect();

    // The audit chain, written by three nodes (one killed midway), verifies as an operator checks it.
    // It exits 0; any other exit rejects with its message.
    await promisify(execFile)(process.execPath, ["--import", "tsx", "server/audit/verify-cli.ts"], {
      cwd: resolve(import.meta.dirname, "../.."),
      env: { PATH: process.env.PATH ?? "", ...app.processEnv() },
    });
  }, 180_000);
});
