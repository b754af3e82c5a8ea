import { eq } from "drizzle-orm";
import type { Socket } from "socket.io-client";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { NOTE_FRAGMENT, noteSchema } from "../../app/contract/noteSchema.ts";
import type { ItemDetailView, MeetingEvent, MeetingSnapshot, Reseated } from "../../app/contract/meetingProtocol.ts";
import { agendaItemDoc } from "../../app/contract/meetingProtocol.ts";
import type { createMeetingEngine } from "../../server/meetings/engine.ts";
import type { TestServer } from "./server.ts";
import { seedNetwork, signedIn, type Network } from "./fixtures.ts";
import { connected, emit, meetingSocket, op, prepareMeeting, type WireCommandResult } from "./meetings.ts";

type Ack<T> = { ok: boolean; data?: T; error?: { code: string; reason: string } };

/**
 * A meeting whose need to know is set by hand, so the tests say who should see what
 * without asking the code under test:
 * - the signal item: the school's case (education involved);
 * - check-in A: police involved, the youth worker (a guest) invited to it;
 * - check-in B: social services involved;
 * - the closure item: police and health involved.
 * Seeds the demo network unless it is given the harness's.
 */
export async function roomWithNeedToKnow(server: TestServer, seeded?: Network) {
  const services = server.services;
  const net = seeded ?? (await seedNetwork(services));
  const prepared = await prepareMeeting(services, net);
  const { store } = services.database;
  const items = await store.db
    .select()
    .from(store.t.agendaItems)
    .where(eq(store.t.agendaItems.meetingId, prepared.meetingId));
  const checkins = items.filter((i) => i.section === "checkins").sort((a, b) => a.position - b.position);
  const item = {
    signal: items.find((i) => i.section === "signals")!,
    checkinA: checkins[0]!,
    checkinB: checkins[1]!,
    closure: items.find((i) => i.section === "closures")!,
    opening: items.find((i) => i.section === "opening")!,
  };
  const agency = (sector: string) => prepared.agencyOf(sector);
  const involve = async (caseId: string, agencyIds: string[]) =>
    await services.caseRegister.setInvolvedAgencies(
      { personId: null, ip: null },
      (await services.caseRegister.get(caseId))!,
      agencyIds,
    );
  await involve(item.signal.caseId!, [agency("education")]);
  await involve(item.checkinA.caseId!, [agency("police")]);
  await involve(item.checkinB.caseId!, [agency("social_services")]);
  await involve(item.closure.caseId!, [agency("police"), agency("mental_health")]);
  if (
    !(await services.meetings.inviteGuest(
      { personId: null, ip: null },
      net.networkId,
      prepared.meetingId,
      item.checkinA.id,
      prepared.member("youth@riverside.example").personId,
    ))
  )
    throw new Error("guest invitation failed");
  const membershipOf = (email: string) => net.members.find((m) => m.email === email)!;
  return { net, prepared, item, agency, involve, membershipOf, meetingId: prepared.meetingId };
}

/** One screen in the room: a real socket.io client that keeps what it received. */
export interface Screen {
  s: Socket;
  snapshot: MeetingSnapshot | null;
  joinAck: Ack<MeetingSnapshot>;
  events: MeetingEvent[];
  reseated: Reseated[];
}

export async function screen(
  server: TestServer,
  meetingId: string,
  email: string,
  options: { accept?: boolean; display?: boolean } = {},
): Promise<Screen> {
  const s = meetingSocket(server.url, (await signedIn(server.url, email)).cookieHeader);
  await connected(s);
  const events: MeetingEvent[] = [];
  const reseated: Reseated[] = [];
  s.on("meeting:event", (e: MeetingEvent) => events.push(e));
  s.on("meeting:reseated", (r: Reseated) => reseated.push(r));
  let joinAck = await emit<Ack<MeetingSnapshot>>(s, "meeting:join", { meetingId, display: options.display ?? false });
  if (joinAck.ok && options.accept !== false && !options.display) {
    await emit(s, "confidentiality:accept", {
      meetingId,
      opId: op(),
      version: joinAck.data!.meeting.confidentiality.version,
    });
    joinAck = await emit<Ack<MeetingSnapshot>>(s, "meeting:join", { meetingId });
    // Accepting re-seats the screen out of the lobby; the tests watch what comes after.
    reseated.length = 0;
  }
  return { s, joinAck, snapshot: joinAck.ok ? joinAck.data! : null, events, reseated };
}

export const command = (sc: Screen | Socket, meetingId: string, name: string, payload: Record<string, unknown> = {}) =>
  emit<Ack<WireCommandResult>>("s" in sc ? sc.s : sc, name, { meetingId, opId: op(), ...payload });

export const resync = (sc: Screen, meetingId: string, afterSeq = 0) =>
  emit<Ack<{ kind: "events"; events: MeetingEvent[] } | { kind: "snapshot"; snapshot: MeetingSnapshot }>>(
    sc.s,
    "meeting:resync",
    { meetingId, afterSeq },
  );

export const detail = (sc: Screen, meetingId: string, itemId: string) =>
  emit<Ack<ItemDetailView>>(sc.s, "item:detail", { meetingId, itemId });

export const notesJoin = (sc: Screen, itemId: string) =>
  emit<Ack<{ mode: string; update: ArrayBuffer }>>(sc.s, "notes:join", {
    doc: agendaItemDoc(itemId),
    stateVector: Y.encodeStateVector(new Y.Doc()),
  });

/** A real edit of an item's notes, as the editor makes it (one paragraph). */
export function noteEdit(text: string): Uint8Array {
  const content = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(noteSchema(), content, NOTE_FRAGMENT));
}

/** The text of a notes document as a `notes:join` answer carries it. */
export function notesText(update: ArrayBuffer | Uint8Array): string {
  const d = new Y.Doc();
  Y.applyUpdate(d, update instanceof Uint8Array ? update : new Uint8Array(update));
  return d.getXmlFragment(NOTE_FRAGMENT).toString();
}

export const notesUpdate = (sc: Screen, itemId: string, text: string) =>
  emit<Ack<{ doc: string }>>(sc.s, "notes:update", { doc: agendaItemDoc(itemId), update: noteEdit(text) });

/** Everything a screen ever got, as one text to search. */
export const everything = (sc: Screen) => JSON.stringify([sc.snapshot, sc.events, sc.reseated]);

export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds, for at most `ms`. */
export async function within(ms: number, check: () => boolean): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

/**
 * Holds the reading of a re-seated screen's record until `release`: `before` holds it
 * before the read starts, `after` once it is read (and so before the screen is moved).
 * Reads after the release go through at once; `restore` takes the hold away.
 */
export function holdReseatRead(
  engine: Pick<ReturnType<typeof createMeetingEngine>, "snapshotFor">,
  when: "before" | "after",
) {
  const snapshotFor = engine.snapshotFor;
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let reads = 0;
  engine.snapshotFor = async (...args) => {
    reads++;
    if (when === "before") await held;
    const read = await snapshotFor(...args);
    if (when === "after") await held;
    return read;
  };
  return {
    reads: () => reads,
    release,
    restore: () => void (engine.snapshotFor = snapshotFor),
  };
}
