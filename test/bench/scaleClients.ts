// The clients of the bench's scale run (`meeting.bench.ts`, section 4), in a process of
// their own: for each meeting its chair's screen, its participants' screens and, in some
// meetings, someone typing the item's notes. Each chair records a decision every second;
// the time from the chair's emit to each participant's screen is measured here (one
// process, one clock). Told the plan over IPC, reports when ready and when done.
import * as Y from "yjs";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";
import { agendaItemDoc, type AgendaItemView, type MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { NOTE_FRAGMENT } from "../../app/contract/noteSchema.ts";

export interface ScaleMeeting {
  meetingId: string;
  chairCookie: string;
  /** One cookie per participant's screen. */
  seatCookies: string[];
  /** Whose screen types the notes of the item decided on, or null. */
  typistCookie: string | null;
}
export interface ScalePlan {
  url: string;
  seconds: number;
  meetings: ScaleMeeting[];
}
export interface ScaleResult {
  type: "result";
  /** Emit → arrival on each participant's screen, ms. */
  deliveries: number[];
  decisions: number;
  /** Refused commands, refused notes changes, and screens that lost their connection. */
  errors: number;
  /** Decisions not on every participant's screen of their meeting within 5 s. */
  missing: number;
  notesChanges: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
type AckOf<T> = { ok: boolean; data?: T; error?: { code: string } };

let errors = 0;
const sockets: Socket[] = [];
function screen(url: string, cookie: string): Promise<Socket> {
  const s = io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie },
    transports: ["websocket"],
    reconnection: false,
    // A loaded server takes its time to let thousands of screens in: waited for, not failed.
    timeout: 120_000,
  });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once("connect_error", reject);
    s.once("connect", () => {
      s.on("disconnect", (reason) => reason !== "io client disconnect" && errors++);
      resolve(s);
    });
  });
}
/** A command and its answer; none within 10 s (a lost connection) is a refusal, not a hang. */
const ask = <T>(s: Socket, name: string, payload: unknown) =>
  new Promise<AckOf<T>>((r) =>
    s.timeout(10_000).emit(name, payload, (error: Error | null, a: AckOf<T>) => r(error ? { ok: false } : a)),
  );

/** A case item a chair can decide on: a check-in or other case item, not a signal or closure. */
const decidable = (i: AgendaItemView) => i.caseCode !== null && i.section !== "signals" && i.section !== "closures";

/** Someone typing a few characters a second, sending a change at a time the way the editor's provider does. */
function typist(s: Socket, doc: string, until: () => boolean) {
  const ydoc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("");
  paragraph.insert(0, [text]);
  ydoc.getXmlFragment(NOTE_FRAGMENT).insert(0, [paragraph]);
  let queued: Uint8Array[] = [Y.encodeStateAsUpdate(ydoc)];
  ydoc.on("update", (u: Uint8Array) => queued.push(u));
  let changes = 0;
  const words = "The school reports that the young person attended every day this week. ";
  return (async () => {
    for (let k = 0; until(); k++) {
      text.insert(text.length, words[k % words.length]);
      if (queued.length > 0) {
        const update = Y.mergeUpdates(queued);
        queued = [];
        const ack = await ask(s, "notes:update", { doc, update });
        if (!ack.ok) errors++;
        changes++;
      }
      await sleep(200);
    }
    return changes;
  })();
}

process.once("message", async (plan: ScalePlan) => {
  // marker → arrival times on the participants' screens of its meeting, and who waits for all of them.
  const arrivals = new Map<string, { times: number[]; expected: number; all: () => void }>();
  const rooms: { meeting: ScaleMeeting; chair: Socket; itemId: string; typing: Socket | null; seats: number }[] = [];
  for (const meeting of plan.meetings) {
    const chair = await screen(plan.url, meeting.chairCookie);
    const joined = await ask<MeetingSnapshot>(chair, "meeting:join", { meetingId: meeting.meetingId });
    if (!joined.ok) throw new Error(`chair refused: ${JSON.stringify(joined)}`);
    const itemId = joined.data!.agenda.find(decidable)!.id;
    await Promise.all(
      meeting.seatCookies.map(async (cookie) => {
        const s = await screen(plan.url, cookie);
        s.on("meeting:event", (e: { type: string; data: { decision?: { rationale?: string } } }) => {
          const marker = e.type === "decision:recorded" ? e.data.decision?.rationale : undefined;
          const waiting = marker ? arrivals.get(marker) : undefined;
          if (waiting && waiting.times.push(now()) === waiting.expected) waiting.all();
        });
        const ack = await ask<MeetingSnapshot>(s, "meeting:join", { meetingId: meeting.meetingId });
        if (!ack.ok || ack.data?.level !== "full") throw new Error(`join refused: ${JSON.stringify(ack)}`);
      }),
    );
    let typing: Socket | null = null;
    if (meeting.typistCookie) {
      typing = await screen(plan.url, meeting.typistCookie);
      const ack = await ask<{ mode: string }>(typing, "notes:join", {
        doc: agendaItemDoc(itemId),
        stateVector: Y.encodeStateVector(new Y.Doc()),
      });
      if (!ack.ok || ack.data?.mode !== "write") throw new Error(`notes refused: ${JSON.stringify(ack)}`);
    }
    rooms.push({ meeting, chair, itemId, typing, seats: meeting.seatCookies.length });
  }
  process.send!({ type: "ready", sockets: sockets.length });

  process.once("message", async ({ startAt }: { startAt: number }) => {
    const end = startAt + plan.seconds * 1000;
    const deliveries: number[] = [];
    let missing = 0;
    let decisions = 0;
    const typed = rooms.map((r) =>
      r.typing ? sleep(startAt - now()).then(() => typist(r.typing!, agendaItemDoc(r.itemId), () => now() < end)) : 0,
    );
    await Promise.all(
      rooms.map(async (r, m) => {
        // The chairs' seconds are spread over the second, as in a real evening.
        const offset = (m * 1000) / rooms.length;
        for (let k = 0; k < plan.seconds; k++) {
          await sleep(startAt + k * 1000 + offset - now());
          const marker = `${r.meeting.meetingId}-${k}`;
          const times: number[] = [];
          const all = new Promise<void>((resolve) => arrivals.set(marker, { times, expected: r.seats, all: resolve }));
          const t0 = now();
          const ack = await ask(r.chair, "decision:record", {
            meetingId: r.meeting.meetingId,
            opId: crypto.randomUUID(),
            itemId: r.itemId,
            outcome: "continue",
            rationale: marker,
          });
          decisions++;
          if (!ack.ok) errors++;
          await Promise.race([all, sleep(t0 + 5000 - now())]);
          if (times.length < r.seats) missing++;
          deliveries.push(...times.map((t) => t - t0));
          arrivals.delete(marker);
        }
      }),
    );
    const notesChanges = (await Promise.all(typed)).reduce((a, b) => a + b, 0);
    const result: ScaleResult = { type: "result", deliveries, decisions, errors, missing, notesChanges };
    sockets.forEach((s) => s.disconnect());
    process.send!(result, () => process.exit(0));
  });
});
