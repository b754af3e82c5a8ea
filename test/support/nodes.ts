// Screens in one meeting on several Casetable nodes (decision 0045), as the multi-node
// tests hold them: each keeps every live event it heard, and a probe asks a node what a
// screen may see of the log, to compare with what it got.
import type { Socket } from "socket.io-client";
import { createClient } from "redis";
import { expect } from "vitest";
import type { MeetingEvent, MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { signedIn } from "./fixtures.ts";
import { connected, emit, meetingSocket, op } from "./meetings.ts";

export type Ack<T> = { ok: boolean; data?: T; error?: { code: string; reason: string } };

export const REDIS_URL = "redis://127.0.0.1:6379";

/** The environment of every node of one test file: one Redis, under names of this run only (other runs may share it). */
export function nodesEnv(): Record<string, string> {
  return {
    REDIS_URL,
    REDIS_PREFIX: `casetable-test-${process.pid}-${Date.now()}`,
    LIVE_COMMAND_LIMIT: "1000000",
  };
}

/** Removes what a run left in Redis under its prefix. */
export async function clearRedis(prefix: string) {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(keys);
  await redis.close();
}

/**
 * A person's screen, kept as the client keeps it (app/realtime/meetingSequence.ts): a live
 * event is applied when it follows the number the screen holds, dropped when it holds it
 * already, and one that does not follow makes it resync; a resync brings it to the log's
 * head. `events` are the events it applied, in order.
 */
export interface Screen {
  s: Socket;
  meetingId: string;
  cookie: string;
  display: boolean;
  /** The number of the snapshot it joined with: its `events` are what followed. */
  since: number;
  /** The number it holds: its last applied event, or the head its snapshot or resync said. */
  held: number;
  events: MeetingEvent[];
  /** How many times it found a gap and resynced. */
  resyncs: number;
  /** Live events and resyncs, handled one after the other. */
  queue: Promise<void>;
}

/** A request's answer, or null when its socket is (or goes) down first: the node died. */
async function ask<T>(s: Socket, event: string, payload: unknown): Promise<T | null> {
  if (!s.connected) return null;
  let gone = () => {};
  const lost = new Promise<null>((done) => s.once("disconnect", (gone = () => done(null))));
  const answer = await Promise.race([emit<T>(s, event, payload), lost]);
  s.off("disconnect", gone);
  return answer;
}

/** Asks for what followed the number the screen holds; a screen whose node died resyncs when it moves. */
async function resyncScreen(sc: Screen): Promise<void> {
  const answer = await ask<Ack<{ kind: string; events: MeetingEvent[]; seq: number }>>(sc.s, "meeting:resync", {
    meetingId: sc.meetingId,
    afterSeq: sc.held,
  });
  if (answer === null) return;
  if (answer.data?.kind !== "events") throw new Error(`resync answered ${JSON.stringify(answer)}`);
  for (const e of answer.data.events)
    if (e.seq > sc.held) {
      sc.events.push(e);
      sc.held = e.seq;
    }
  sc.held = Math.max(sc.held, answer.data.seq);
}

function take(sc: Screen, e: MeetingEvent): Promise<void> {
  if (e.seq <= sc.held) return Promise.resolve();
  if ((e.prevSeq ?? e.seq - 1) <= sc.held) {
    sc.events.push(e);
    sc.held = e.seq;
    return Promise.resolve();
  }
  sc.resyncs++;
  return resyncScreen(sc);
}

/** Connects the screen's socket to `url`, its live events going through the screen's queue. */
async function attach(sc: Screen, url: string): Promise<void> {
  const s = meetingSocket(url, sc.cookie);
  s.on("meeting:event", (e: MeetingEvent) => (sc.queue = sc.queue.then(() => take(sc, e))));
  await connected(s);
  sc.s = s;
}

/** A person signed in on `url`, seated in the meeting (the statement accepted). */
export async function seat(
  url: string,
  meetingId: string,
  email: string,
  options: { display?: boolean } = {},
): Promise<Screen> {
  const cookie = (await signedIn(url, email)).cookieHeader;
  const display = options.display ?? false;
  // Until its snapshot comes, the screen holds everything: what the snapshot has, it drops.
  const held = Number.POSITIVE_INFINITY;
  const sc = { meetingId, cookie, display, since: 0, held, events: [], resyncs: 0, queue: Promise.resolve() } as Omit<
    Screen,
    "s"
  > as Screen;
  await attach(sc, url);
  let joined = await emit<Ack<MeetingSnapshot>>(sc.s, "meeting:join", { meetingId, display });
  if (!joined.ok) throw new Error(`${email}: join refused: ${JSON.stringify(joined.error)}`);
  if (!display) {
    const version = joined.data!.meeting.confidentiality.version;
    await emit(sc.s, "confidentiality:accept", { meetingId, opId: op(), version });
    joined = await emit<Ack<MeetingSnapshot>>(sc.s, "meeting:join", { meetingId });
  }
  // An event sent between the snapshot and this moment is missed: the next one finds the gap.
  sc.since = sc.held = joined.data!.seq;
  return sc;
}

/**
 * Moves a screen whose node died to the node at `url`, as the client does: it connects,
 * joins, and resyncs from the number it holds.
 */
export async function moveScreen(sc: Screen, url: string): Promise<void> {
  await attach(sc, url);
  expect(await emit(sc.s, "meeting:join", { meetingId: sc.meetingId, display: sc.display })).toMatchObject({
    ok: true,
  });
  sc.queue = sc.queue.then(() => resyncScreen(sc));
  await sc.queue;
}

/**
 * A command as the client sends it: answered `busy` (nodes writing one SQLite file at
 * once wait at most 200 ms for its lock), it goes again with the same operation id.
 */
export async function run(
  sc: Pick<Screen, "s" | "meetingId">,
  name: string,
  payload: Record<string, unknown> = {},
  opId = op(),
) {
  for (let attempt = 0; ; attempt++) {
    const ack = await emit<Ack<{ seq: number }>>(sc.s, name, { meetingId: sc.meetingId, opId, ...payload });
    if (ack.ok || ack.error?.code !== "busy" || attempt === 20) return ack;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What this screen may see after `afterSeq`, as the log and its cut say (asked of the node at `url`, as the same person and kind of screen). */
export async function cutOfLog(
  url: string,
  sc: Pick<Screen, "cookie" | "meetingId" | "display">,
  afterSeq: number,
): Promise<number[]> {
  const probe = meetingSocket(url, sc.cookie);
  await connected(probe);
  await emit(probe, "meeting:join", { meetingId: sc.meetingId, display: sc.display });
  const answer = await emit<Ack<{ kind: string; events: MeetingEvent[] }>>(probe, "meeting:resync", {
    meetingId: sc.meetingId,
    afterSeq,
  });
  probe.disconnect();
  expect(answer.data!.kind).toBe("events");
  return answer.data!.events.map((e) => e.seq);
}
