// `npm run bench` (add `-- --quick` for a short run, `-- --check` to exit non-zero when a
// figure misses its aim, `-- --seconds=N` for a shorter scale run, `-- --only=fanout` for
// section 1 alone, `-- --rounds=N` for its number of decisions, `-- --nodes 2` for section 1
// and then section 6 alone). Not part of `npm test`.
// 1. 50 participants in one meeting: the chair's decision:record → all 50 have it,
//    p50/p99, beside a bare socket.io broadcast of the same payload in the same run, and
//    beside the floor under a durable decision: a chair's message to a bare server that
//    writes and fdatasyncs a decision's log bytes, then broadcasts.
// 2. 20 meetings × 25 participants, each chair recording one decision a second.
// 3. The cost of an ack on disk: decision:record with SQLite at synchronous=FULL (what
//    the server runs) beside NORMAL, alternating in one run.
// 4. One node, 100 meetings × 25 participants (2,500 screens in two client processes),
//    each chair a decision a second, notes typed in 10 meetings (issue 16, rule 4).
// 5. The room page: server render with 30 agenda items, and its first-load JavaScript
//    (gzip) from the build's manifest (issue 16, rule 5).
// 6. With `--nodes 2`: two server processes on one database and one Redis (decision 0045),
//    the chair on node A; the decision fan-out to 50 participants all on A beside 25 on A
//    and 25 on B, alternating in one run (issue 17, rule 7).
// The aims are issue 16's (and issue 9's ceiling for the 50-participant ratio).
import "./production.ts";
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fdatasync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pino } from "pino";
import { createClient } from "redis";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { eq } from "drizzle-orm";
import { cases } from "../../db/schema/index.ts";
import { startCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";
import { ensureBuild } from "../../server/ensureBuild.ts";
import { createLog } from "../../server/log.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { createMeetingEngine } from "../../server/meetings/engine.ts";
import type { MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { seedNetwork, signedIn } from "../support/fixtures.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { spawnServer } from "../support/serverProcess.ts";
import { days } from "../../app/contract/time.ts";
import { LANGUAGES } from "../../app/contract/vocabulary.ts";
import { roomFirstLoad } from "./roomBundle.ts";
import type { ScalePlan, ScaleResult } from "./scaleClients.ts";
import { sqliteOf } from "../support/server.ts";

const quick = process.argv.includes("--quick");
const check = process.argv.includes("--check");
const secondsArg = process.argv.find((a) => a.startsWith("--seconds="));
const roundsArg = process.argv.find((a) => a.startsWith("--rounds="));
const onlyFanout = process.argv.includes("--only=fanout");
const nodesAt = process.argv.findIndex((a) => a === "--nodes" || a.startsWith("--nodes="));
const nodes = nodesAt < 0 ? 1 : Number(process.argv[nodesAt].split("=")[1] ?? process.argv[nodesAt + 1]);
if (nodes !== 1 && nodes !== 2) throw new Error("--nodes is 1 or 2");
const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const more = (x: number) => `${x < 0 ? "−" : "+"}${ms(Math.abs(x))}`;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Every figure with an aim, printed together at the end (and checked with --check). */
const figures: { name: string; value: string; aim: string; met: boolean }[] = [];
/** Figures printed beside the aims for what they explain, never checked. */
const beside: string[] = [];
function aim(name: string, value: number, unit: string, limit: number, below = true) {
  const shown = (x: number) => `${x.toFixed(unit === "×" ? 2 : unit === "" ? 0 : 1)}${unit === "" ? "" : ` ${unit}`}`;
  figures.push({
    name,
    value: shown(value),
    aim: `${below ? "≤" : "≥"} ${shown(limit)}`,
    met: below ? value <= limit : value >= limit,
  });
}

// Section 1 alone needs the build only for signing in (the room runs from the sources):
// a build that is there is used as it is, so two checkouts can be measured side by side.
if ((!onlyFanout && nodes === 1) || !existsSync(resolve(import.meta.dirname, "../../build/server/index.js")))
  ensureBuild();
const dir = mkdtempSync(join(tmpdir(), "casetable-bench-"));
// The server logs as in production (info), into a file: the cost is measured, the report stays readable.
// The chair records a decision as fast as acks come back, faster than any person clicks: the
// live command limit (a guard against a flooding screen) is raised so it measures the room.
const config = loadConfig({
  PORT: "0",
  HOST: "127.0.0.1",
  DATABASE_URL: join(dir, "bench.db"),
  LIVE_COMMAND_LIMIT: "1000000",
});
const app = await startCasetable(config, {
  log: createLog(config.logLevel, pino.destination(join(dir, "server.log"))),
});
const net = await seedNetwork(app.services);
const prepared = await prepareMeeting(app.services, net);
// An engine of its own, with no broadcast listening: the cost measured is the command's alone.
const engine = createMeetingEngine({
  ...app.services,
  store: app.services.database.store,
  audit: createAuditChain(app.services.database.store),
});
// Need to know: every participant's agency is involved in every case, so all of them get each decision.
const everyAgency = [...new Set(net.members.filter((m) => m.role === "member").map((m) => m.agencyId))];
for (const c of sqliteOf(app.services)
  .db.select({ id: cases.id })
  .from(cases)
  .where(eq(cases.networkId, net.networkId))
  .all()) {
  await app.services.caseRegister.setInvolvedAgencies(
    { personId: null, ip: null },
    (await app.services.caseRegister.get(c.id))!,
    everyAgency,
  );
}

// Sockets of the members (several sockets per person: a meeting's participants).
const emails = [
  "police@riverside.example",
  "social@riverside.example",
  "health@riverside.example",
  "school@riverside.example",
  "coordinator@riverside.example",
];
const cookies = await Promise.all(emails.map(async (e) => (await signedIn(app.url, e)).cookieHeader));
const chairCookie = (await signedIn(app.url, "chair@riverside.example")).cookieHeader;
const people = await Promise.all([...cookies, chairCookie].map((c) => app.services.sessions.lookup(c.split("=")[1])));

async function acceptAll(meetingId: string) {
  for (const p of people)
    await engine.execute(p!, null, "confidentiality:accept", { meetingId, opId: randomUUID(), version: 1 });
}

async function chairSocket(meetingId: string, url = app.url) {
  const s = connect(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie: chairCookie },
    transports: ["websocket"],
    reconnection: false,
  });
  await new Promise<void>((r) => s.once("connect", () => r()));
  const joined = await new Promise<{ ok: boolean; data: MeetingSnapshot }>((r) =>
    s.emit("meeting:join", { meetingId }, r),
  );
  return { s, snapshot: joined.data };
}
/** A command and its answer; no answer within 10 s (a lost connection) is an error, not a hang. */
const emit = (s: Socket, name: string, payload: unknown) =>
  new Promise<{ ok: boolean; data?: { seq: number; data: Record<string, unknown> } }>((r) =>
    s
      .timeout(10_000)
      .emit(name, payload, (error: Error | null, answer: { ok: boolean }) => r(error ? { ok: false } : answer)),
  );

function participants(plan: { url: string; bareUrl: string; seats: { meetingId: string; cookie: string }[] }): Promise<{
  child: ChildProcess;
  waitFor: (marker: string) => Promise<{ last: number; all: number[] }>;
  done: Map<string, { last: number; all: number[] }>;
}> {
  const child = fork(resolve(import.meta.dirname, "participants.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const done = new Map<string, { last: number; all: number[] }>();
  const waiting = new Map<string, (v: { last: number; all: number[] }) => void>();
  return new Promise((ready, fail) => {
    child.on("message", (m: { type: string; marker: string; last: number; all: number[] }) => {
      if (m.type === "ready")
        ready({
          child,
          done,
          waitFor: (marker) =>
            done.has(marker) ? Promise.resolve(done.get(marker)!) : new Promise((r) => waiting.set(marker, r)),
        });
      if (m.type === "done") {
        done.set(m.marker, m);
        waiting.get(m.marker)?.(m);
      }
    });
    child.once("exit", (code) => code && fail(new Error(`participants exited with ${code}`)));
    child.send(plan);
  });
}

// ---- 1. one meeting, 50 participants ----
// The bare server's screens sit in one room; its own "chair" (below) is not one of them.
const bareHttp = createServer();
const bare = new Server(bareHttp);
await new Promise<void>((r) => bareHttp.listen(0, "127.0.0.1", r));
const bareUrl = `http://127.0.0.1:${(bareHttp.address() as AddressInfo).port}`;

await acceptAll(prepared.meetingId);
const chair = await chairSocket(prepared.meetingId);
await emit(chair.s, "meeting:start", { meetingId: prepared.meetingId, opId: randomUUID() });
const checkIn = chair.snapshot.agenda.find((i) => i.section === "checkins")!.id;
const recordDecision = (rationale: string) =>
  emit(chair.s, "decision:record", {
    meetingId: prepared.meetingId,
    opId: randomUUID(),
    itemId: checkIn,
    outcome: "continue",
    rationale,
  });

// What one decision's commit writes to the log: frames counted from an emptied log (each
// frame a page and its 24-byte header), then the log filled again to the size where
// SQLite wraps around it, as in the timed rounds (overwritten, not grown).
const writer = sqliteOf(app.services).sqlite;
const pageSize = writer.pragma("page_size", { simple: true }) as number;
writer.pragma("wal_checkpoint(TRUNCATE)");
const COUNTED = 10;
for (let i = 0; i < COUNTED; i++) await recordDecision(`count-${i}`);
const [{ log: framesWritten }] = writer.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
const walBytesPerDecision = Math.round((framesWritten / COUNTED) * (pageSize + 24));
const walCeiling = (writer.pragma("wal_autocheckpoint", { simple: true }) as number) * (pageSize + 24);
for (let i = 0; i < Math.ceil(walCeiling / walBytesPerDecision) + 10; i++) await recordDecision(`fill-${i}`);

/**
 * The floor under a durable decision, measured beside it: a bare socket.io server that, on
 * the chair's message, writes what a decision's commit writes to its log (into a file of
 * the log's size, overwriting, as the log does), fdatasyncs it in libuv's pool as the
 * Store does (db/client.ts, groupSync), then broadcasts. Nothing of Casetable's: no
 * validation, no transaction, no cut.
 */
const floorFile = join(dir, "floor-log");
const floorFd = openSync(floorFile, "w");
writeSync(floorFd, Buffer.alloc(walCeiling, 1));
await new Promise<void>((r, fail) => fdatasync(floorFd, (e) => (e ? fail(e) : r())));
const logBytes = Buffer.alloc(walBytesPerDecision, 7);
let floorAt = 0;
const floorSyncs: number[] = [];
const floorSync = () =>
  new Promise<void>((r, fail) => {
    // Written in the thread, as SQLite's commit writes its log; synced in libuv's pool.
    const s0 = now();
    writeSync(floorFd, logBytes, 0, logBytes.length, floorAt);
    floorAt = (floorAt + logBytes.length) % (walCeiling - logBytes.length);
    fdatasync(floorFd, (e) => {
      if (e) return fail(e);
      floorSyncs.push(now() - s0);
      r();
    });
  });
bare.on("connection", (socket) => {
  if (socket.handshake.auth.floor !== true) return void socket.join("screens");
  socket.on("decision", async (payload: unknown) => {
    await floorSync();
    bare.to("screens").emit("bench", payload);
  });
});
const floorChair = connect(bareUrl, { auth: { floor: true }, transports: ["websocket"], reconnection: false });
await new Promise<void>((r) => floorChair.once("connect", () => r()));
const N = 50;
const one = await participants({
  url: app.url,
  bareUrl,
  seats: Array.from({ length: N }, (_, i) => ({ meetingId: prepared.meetingId, cookie: cookies[i % cookies.length] })),
});
const rounds = roundsArg ? Number(roundsArg.split("=")[1]) : quick ? 60 : 300;
const casetable: number[] = [];
const bareTimes: number[] = [];
const floorTimes: number[] = [];
let lastEvent: Record<string, unknown> | null = null;
for (let i = 0; i < rounds + 10; i++) {
  const marker = `bench-${i}-${randomUUID()}`;
  const t0 = now();
  const arrived = one.waitFor(marker);
  const ack = await recordDecision(marker);
  if (!ack.ok) throw new Error(`decision refused: ${JSON.stringify(ack)}`);
  lastEvent = ack.data!.data;
  const { last } = await arrived;
  if (i >= 10) casetable.push(last - t0); // the first rounds warm up
  // The same payload through a bare socket.io broadcast.
  const payload = (rationale: string) => ({
    meetingId: prepared.meetingId,
    seq: i,
    type: "decision:recorded",
    itemId: checkIn,
    at: Date.now(),
    data: { ...lastEvent, decision: { ...(lastEvent!.decision as object), rationale } },
  });
  const bareMarker = `bare-${i}-${randomUUID()}`;
  const bareArrived = one.waitFor(bareMarker);
  const b0 = now();
  bare.to("screens").emit("bench", payload(bareMarker));
  const bareLast = (await bareArrived).last;
  if (i >= 10) bareTimes.push(bareLast - b0);
  // And from a chair's screen through the floor: its log write synced, then the broadcast.
  const floorMarker = `floor-${i}-${randomUUID()}`;
  const floorArrived = one.waitFor(floorMarker);
  const f0 = now();
  floorChair.emit("decision", payload(floorMarker));
  const floorLast = (await floorArrived).last;
  if (i >= 10) floorTimes.push(floorLast - f0);
}
one.child.send({ type: "stop" });
floorChair.disconnect();
closeSync(floorFd);
const syncTimes = floorSyncs.slice(10);
console.log(`\n1. One meeting, ${N} participants (socket.io clients in a separate process), ${rounds} decisions`);
console.log(`   decision:record → all ${N} have it:  p50 ${ms(pct(casetable, 50))}  p99 ${ms(pct(casetable, 99))}`);
console.log(`   bare socket.io broadcast, same payload: p50 ${ms(pct(bareTimes, 50))}  p99 ${ms(pct(bareTimes, 99))}`);
const p99Ratio = pct(casetable, 99) / pct(bareTimes, 99);
const p50Ratio = pct(casetable, 50) / pct(bareTimes, 50);
console.log(
  `   ratio p99: ${p99Ratio.toFixed(2)}×  p50: ${p50Ratio.toFixed(2)}×   (includes validation, authorisation, the SQLite transaction with its fsync, the event log and per-audience cutting)`,
);
console.log(
  `   the floor, a chair's message → ${walBytesPerDecision.toLocaleString("en")} bytes written and fdatasynced (a decision's log write) → bare broadcast: p50 ${ms(pct(floorTimes, 50))}  p99 ${ms(pct(floorTimes, 99))}`,
);
console.log(
  `     of which the write and fdatasync alone: p50 ${ms(pct(syncTimes, 50))}  p99 ${ms(pct(syncTimes, 99))}`,
);
console.log(
  `   above the floor: p50 ${more(pct(casetable, 50) - pct(floorTimes, 50))}  p99 ${more(pct(casetable, 99) - pct(floorTimes, 99))}; decision ÷ floor p50 ${(pct(casetable, 50) / pct(floorTimes, 50)).toFixed(2)}×  p99 ${(pct(casetable, 99) / pct(floorTimes, 99)).toFixed(2)}×; floor ÷ bare p50 ${(pct(floorTimes, 50) / pct(bareTimes, 50)).toFixed(2)}×  p99 ${(pct(floorTimes, 99) / pct(bareTimes, 99)).toFixed(2)}×`,
);
aim("decision → 50 participants, p99 ÷ bare broadcast p99 (issue 9)", p99Ratio, "×", 2.4);
aim("decision → 50 participants, p99 ÷ bare broadcast p99", p99Ratio, "×", 1.5);
aim("decision → 50 participants, p50 ÷ bare broadcast p50", p50Ratio, "×", 2);
beside.push(
  `decision → 50 participants ÷ the floor (bare broadcast after a synced log write): p50 ${(pct(casetable, 50) / pct(floorTimes, 50)).toFixed(2)}×  p99 ${(pct(casetable, 99) / pct(floorTimes, 99)).toFixed(2)}×; the floor ÷ bare broadcast: p50 ${(pct(floorTimes, 50) / pct(bareTimes, 50)).toFixed(2)}×  p99 ${(pct(floorTimes, 99) / pct(bareTimes, 99)).toFixed(2)}×`,
);
chair.s.disconnect();
await bare.close();
if (nodes === 2) await twoNodes({ p50: pct(casetable, 50), p99: pct(casetable, 99) });
if (onlyFanout || nodes === 2) await finish();

// ---- 2. 20 meetings × 25 participants, one decision a second each ----
const MEETINGS = 20;
const PER = 25;
const seconds = quick ? 10 : 60;
const coordinator = net.members.find((m) => m.role === "coordinator")!;
const meetingIds: string[] = [];
for (let i = 0; i < MEETINGS; i++) {
  const { id } = await app.services.meetings.schedule({ personId: coordinator.personId, ip: null }, net.networkId, {
    title: `Bench ${i}`,
    startsAt: new Date(Date.now() + days(i + 1)),
    place: null,
    callLink: null,
  });
  await acceptAll(id);
  meetingIds.push(id);
}
for (const id of meetingIds)
  await engine.execute(people.at(-1)!, null, "meeting:start", { meetingId: id, opId: randomUUID() });
const many = await participants({
  url: app.url,
  bareUrl: "",
  seats: meetingIds.flatMap((meetingId) =>
    Array.from({ length: PER }, (_, i) => ({ meetingId, cookie: cookies[i % cookies.length] })),
  ),
});
// The chairs' screens connect last: a screen idle while 500 others join may miss the server's pings on a loaded machine.
const chairs = await Promise.all(meetingIds.map((id) => chairSocket(id)));
const deliveries: number[] = [];
let errors = 0;
let missing = 0;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const started = now();
await Promise.all(
  chairs.map(async (c, m) => {
    const item = c.snapshot.agenda.find(
      (i) => i.caseCode !== null && i.section !== "signals" && i.section !== "closures",
    )!;
    for (let k = 0; k < seconds; k++) {
      const due = started + k * 1000 + (m * 1000) / MEETINGS;
      await new Promise((r) => setTimeout(r, Math.max(0, due - now())));
      const marker = `m${m}-${k}-${randomUUID()}`;
      const t0 = now();
      const arrived = Promise.race([many.waitFor(marker), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      const ack = await emit(c.s, "decision:record", {
        meetingId: meetingIds[m],
        opId: randomUUID(),
        itemId: item.id,
        outcome: "continue",
        rationale: marker,
      });
      if (!ack.ok) errors++;
      const got = await arrived;
      if (!got) missing++;
      else deliveries.push(...got.all.map((t) => t - t0));
    }
  }),
);
clearInterval(sampler);
many.child.send({ type: "stop" });
console.log(`\n2. ${MEETINGS} meetings × ${PER} participants, each chair one decision a second for ${seconds} s`);
console.log(
  `   deliveries ${deliveries.length} (expected ${MEETINGS * PER * seconds})  p50 ${ms(pct(deliveries, 50))}  p99 ${ms(pct(deliveries, 99))}`,
);
console.log(`   errors ${errors}, decisions not delivered to every participant within 5 s: ${missing}`);
aim(`${MEETINGS} meetings × ${PER} participants, delivery p99`, pct(deliveries, 99), "ms", 50);
console.log(
  `   server process RSS peak ${(peakRss / 1024 / 1024).toFixed(0)} MB (the chairs' 20 client sockets run in it too)`,
);
chairs.forEach((c) => c.s.disconnect());

// ---- 3. FULL vs NORMAL ----
async function chairEngine(synchronous: "FULL" | "NORMAL") {
  const running = await startCasetable(
    loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: join(dir, `sync-${synchronous}.db`) }),
    { synchronous, log: createLog("info", pino.destination(join(dir, "server.log"))) },
  );
  const meeting = await prepareMeeting(running.services, await seedNetwork(running.services));
  const chairPerson = (await running.services.sessions.lookup(
    (await signedIn(running.url, "chair@riverside.example")).cookieHeader.split("=")[1],
  ))!;
  const { store } = running.services.database;
  const run = createMeetingEngine({
    ...running.services,
    store,
    audit: createAuditChain(store),
  });
  const id = meeting.meetingId;
  await run.execute(chairPerson, null, "confidentiality:accept", { meetingId: id, opId: randomUUID(), version: 1 });
  await run.execute(chairPerson, null, "meeting:start", { meetingId: id, opId: randomUUID() });
  const itemId = (await run.views.fullSnapshot(store.db, id))!.agenda.find((i) => i.section === "checkins")!.id;
  const record = () =>
    run.execute(chairPerson, null, "decision:record", {
      meetingId: id,
      opId: randomUUID(),
      itemId,
      outcome: "continue",
      rationale: "bench",
    });
  return { running, times: [] as number[], record };
}
const syncRounds = quick ? 200 : 1000;
const modes = { FULL: await chairEngine("FULL"), NORMAL: await chairEngine("NORMAL") };
for (let i = 0; i < syncRounds; i++) {
  for (const m of Object.values(modes)) {
    const t0 = now();
    const { ack } = await m.record();
    if (!ack.ok) throw new Error(`decision refused: ${JSON.stringify(ack)}`);
    m.times.push(now() - t0);
  }
}
console.log(
  `\n3. An ack on disk: decision:record in the engine (transaction and commit), ${syncRounds} each, alternating`,
);
console.log(
  `   FULL: committed at NORMAL, the log synced off the event loop before the answer (the Store's way): p50 ${ms(pct(modes.FULL.times, 50))}  p99 ${ms(pct(modes.FULL.times, 99))}`,
);
console.log(
  `   synchronous=NORMAL p50 ${ms(pct(modes.NORMAL.times, 50))}  p99 ${ms(pct(modes.NORMAL.times, 99))}   (an acknowledged decision may be lost in a power cut)`,
);
await Promise.all(Object.values(modes).map((m) => m.running.close()));

// ---- 4. One node: 100 meetings × 25 participants, notes typed in 10 of them ----
const SCALE_MEETINGS = 100;
const SCALE_PER = 25;
const TYPED = 10;
const scaleSeconds = secondsArg ? Number(secondsArg.split("=")[1]) : quick ? 10 : 60;
const scaleIds: string[] = [];
for (let i = 0; i < SCALE_MEETINGS; i++) {
  const { id } = await app.services.meetings.schedule({ personId: coordinator.personId, ip: null }, net.networkId, {
    title: `Evening ${i}`,
    startsAt: new Date(Date.now() + days(MEETINGS + i + 1)),
    place: null,
    callLink: null,
  });
  await acceptAll(id);
  await engine.execute(people.at(-1)!, null, "meeting:start", { meetingId: id, opId: randomUUID() });
  scaleIds.push(id);
}
const plans: ScalePlan[] = [0, 1].map((half) => ({
  url: app.url,
  seconds: scaleSeconds,
  meetings: scaleIds
    .filter((_, i) => i % 2 === half)
    .map((meetingId, i) => ({
      meetingId,
      chairCookie,
      seatCookies: Array.from({ length: SCALE_PER }, (_, k) => cookies[k % cookies.length]),
      typistCookie: i < TYPED / 2 ? cookies[i % cookies.length] : null,
    })),
}));
const scaleChildren = plans.map((plan) => {
  const child = fork(resolve(import.meta.dirname, "scaleClients.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const ready = new Promise<void>((r) => child.once("message", () => r()));
  const result = ready.then(() => new Promise<ScaleResult>((r) => child.once("message", (m: ScaleResult) => r(m))));
  child.send(plan);
  return { child, ready, result };
});
await Promise.all(scaleChildren.map((c) => c.ready));
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let scaleRss = 0;
const rssSampler = setInterval(() => (scaleRss = Math.max(scaleRss, process.memoryUsage().rss)), 250);
const startAt = now() + 500;
loopDelay.enable();
scaleChildren.forEach((c) => c.child.send({ startAt }));
const results = await Promise.all(scaleChildren.map((c) => c.result));
loopDelay.disable();
clearInterval(rssSampler);
const scale = {
  deliveries: results.flatMap((r) => r.deliveries),
  errors: results.reduce((n, r) => n + r.errors, 0),
  missing: results.reduce((n, r) => n + r.missing, 0),
  decisions: results.reduce((n, r) => n + r.decisions, 0),
  notesChanges: results.reduce((n, r) => n + r.notesChanges, 0),
};
const loopP99 = loopDelay.percentile(99) / 1e6;
const expected = SCALE_MEETINGS * SCALE_PER * scaleSeconds;
console.log(
  `\n4. One node: ${SCALE_MEETINGS} meetings × ${SCALE_PER} participants (${SCALE_MEETINGS * (SCALE_PER + 1) + TYPED} screens in two client processes), each chair one decision a second for ${scaleSeconds} s, notes typed in ${TYPED} meetings`,
);
console.log(
  `   deliveries ${scale.deliveries.length} (expected ${expected})  p50 ${ms(pct(scale.deliveries, 50))}  p99 ${ms(pct(scale.deliveries, 99))}`,
);
console.log(
  `   decisions ${scale.decisions}, notes changes ${scale.notesChanges}, errors ${scale.errors}, decisions not on every screen within 5 s: ${scale.missing}`,
);
console.log(
  `   server process (no client sockets in it): RSS peak ${(scaleRss / 1024 / 1024).toFixed(0)} MB, event-loop delay p99 ${ms(loopP99)} max ${ms(loopDelay.max / 1e6)}`,
);
aim("2,500 participants: errors", scale.errors, "", 0);
aim("2,500 participants: deliveries missing", expected - scale.deliveries.length, "", 0);
aim("2,500 participants: delivery p99", pct(scale.deliveries, 99), "ms", 100);
aim("2,500 participants: server RSS peak", scaleRss / 1024 / 1024, "MB", 600);
aim("2,500 participants: event-loop delay p99", loopP99, "ms", 50);

// ---- 5. The room page ----
const chairVisitor = chairCookie;
const roomMeeting = scaleIds[0];
const roomItems = async () =>
  (await app.services.meetingEngine.views.fullSnapshot(app.services.database.store.db, roomMeeting))!.agenda.length;
for (let k = await roomItems(); k < 30; k++) {
  const { ack } = await engine.execute(people.at(-1)!, null, "agenda:add", {
    meetingId: roomMeeting,
    opId: randomUUID(),
    section: "aob",
    title: `Any other business ${k}`,
    minutes: 5,
  });
  if (!ack.ok) throw new Error(`agenda:add refused: ${JSON.stringify(ack)}`);
}
const roomUrl = `${app.url}/n/${net.networkId}/meetings/${roomMeeting}`;
const renders: number[] = [];
for (let i = 0; i < (quick ? 13 : 43); i++) {
  const t0 = now();
  const response = await fetch(roomUrl, { headers: { cookie: chairVisitor }, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(roomMeeting)) throw new Error(`room page: ${response.status}`);
  if (i >= 3) renders.push(now() - t0);
}
// Each page carries its own language's strings: the heaviest language is the figure.
const firstLoads = await Promise.all(LANGUAGES.map(async (l) => ({ language: l, ...(await roomFirstLoad(l)) })));
const firstLoad = firstLoads.reduce((heaviest, l) => (l.gzip > heaviest.gzip ? l : heaviest));
console.log(`\n5. The meeting room page (${await roomItems()} agenda items), as the chair opens it`);
console.log(
  `   server render (HTTP, whole page; the agenda itself comes with the live snapshot): p50 ${ms(pct(renders, 50))}  p90 ${ms(pct(renders, 90))}`,
);
console.log(
  `   first-load JavaScript: ${firstLoad.files} files, ${(firstLoad.gzip / 1024).toFixed(1)} KB gzip (${(firstLoad.raw / 1024).toFixed(0)} KB raw) in ${firstLoad.language}, the heaviest (${firstLoads.map((l) => `${l.language} ${(l.gzip / 1024).toFixed(1)}`).join(", ")}); the notes editor loads when notes are shown`,
);
aim("room with 30 items, server render p50", pct(renders, 50), "ms", 50);
aim("room first-load JavaScript, gzip", firstLoad.gzip / 1024, "KB", 250);

await finish();

/** Section 6: the decision fan-out across two nodes, beside all participants on the chair's node. */
async function twoNodes(single: { p50: number; p99: number }) {
  const prefix = `casetable-bench-${process.pid}-${Date.now()}`;
  const nodeEnv = (name: string) => ({
    DATABASE_URL: join(dir, "bench.db"),
    OUTBOX_DIR: join(dir, "outbox"),
    ARCHIVE_DIR: join(dir, "archive"),
    REDIS_URL,
    REDIS_PREFIX: prefix,
    NODE_NAME: name,
    LIVE_COMMAND_LIMIT: "1000000",
    NODE_ENV: "production",
  });
  const [a, b] = [spawnServer(nodeEnv("bench-a")), spawnServer(nodeEnv("bench-b"))];
  const [urlA, urlB] = await Promise.all([a.ready, b.ready]);
  // Two meetings, measured in turn: all participants on A, and half of them on B.
  const layouts = { "all on A": [urlA], "25 on A, 25 on B": [urlA, urlB] };
  const meetings = await Promise.all(
    Object.keys(layouts).map(async (title, i) => {
      const { id } = await app.services.meetings.schedule(
        { personId: net.byRole("coordinator").personId, ip: null },
        net.networkId,
        {
          title,
          startsAt: new Date(Date.now() + days(400 + i)),
          place: null,
          callLink: null,
        },
      );
      await acceptAll(id);
      await engine.execute(people.at(-1)!, null, "meeting:start", { meetingId: id, opId: randomUUID() });
      return id;
    }),
  );
  const crowd = await participants({
    url: urlA,
    bareUrl: "",
    seats: Object.values(layouts).flatMap((urls, m) =>
      Array.from({ length: N }, (_, i) => ({
        meetingId: meetings[m]!,
        cookie: cookies[i % cookies.length],
        url: urls[i % urls.length],
      })),
    ),
  });
  const chairs = await Promise.all(meetings.map((id) => chairSocket(id, urlA)));
  const times = meetings.map(() => [] as number[]);
  for (let i = 0; i < rounds + 10; i++) {
    for (const [m, c] of chairs.entries()) {
      const itemId = c.snapshot.agenda.find((x) => x.caseCode !== null && x.section === "checkins")!.id;
      const marker = `nodes-${m}-${i}-${randomUUID()}`;
      const t0 = now();
      const arrived = crowd.waitFor(marker);
      const ack = await emit(c.s, "decision:record", {
        meetingId: meetings[m],
        opId: randomUUID(),
        itemId,
        outcome: "continue",
        rationale: marker,
      });
      if (!ack.ok) throw new Error(`decision refused: ${JSON.stringify(ack)}`);
      const { last } = await arrived;
      if (i >= 10) times[m]!.push(last - t0);
    }
  }
  crowd.child.send({ type: "stop" });
  chairs.forEach((c) => c.s.disconnect());
  await Promise.all([a, b].map((p) => (p.child.kill("SIGTERM"), p.exited)));
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(keys);
  await redis.close();
  console.log(
    `\n6. Two nodes: server processes A and B on one database and one Redis, the chair on A, ${N} participants, ${rounds} decisions each way, alternating`,
  );
  for (const [m, title] of Object.keys(layouts).entries())
    console.log(
      `   decision:record → all ${N} have it, ${title.padEnd(16)}  p50 ${ms(pct(times[m]!, 50))}  p99 ${ms(pct(times[m]!, 99))}`,
    );
  console.log(`   one node, as section 1 (in this process, no Redis):   p50 ${ms(single.p50)}  p99 ${ms(single.p99)}`);
  console.log(
    `   two nodes ÷ all on A: p50 ${(pct(times[1]!, 50) / pct(times[0]!, 50)).toFixed(2)}×  p99 ${(pct(times[1]!, 99) / pct(times[0]!, 99)).toFixed(2)}×   (B's participants hear each decision through Redis)`,
  );
}

async function finish(): Promise<never> {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  console.log("\nAims (issue 16; the ratios are what count on a shared machine)");
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures)
    console.log(`   ${f.met ? "met   " : "MISSED"}  ${f.name.padEnd(width)}  ${f.value.padStart(10)}  aim ${f.aim}`);
  for (const line of beside) console.log(`   (${line})`);
  process.exit(check && figures.some((f) => !f.met) ? 1 : 0);
}
