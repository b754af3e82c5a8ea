import type { Services } from "../services.ts";
import { createMeetingEngine, type MeetingEngine, type Seat } from "../meetings/engine.ts";
import { cutEvent } from "../meetings/meetingViews.ts";
import { canAccessNotesOf } from "../meetings/notesAccess.ts";
import { itemDetailOf } from "../meetings/itemDetail.ts";
import { itemDetailSchema, MEETING_COMMAND_NAMES, meetingJoinSchema, meetingResyncSchema, type MeetingEvent } from "./meetingProtocol.ts";
import { createLiveSequence, headOf } from "./liveSequence.ts";
import type { Ack } from "./protocol.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

const rooms = (meetingId: string) => ({
  all: `meeting:${meetingId}`,
  full: `meeting:${meetingId}:full`,
  display: `meeting:${meetingId}:display`,
  lobby: `meeting:${meetingId}:lobby`,
  guest: (personId: string) => `meeting:${meetingId}:guest:${personId}`,
});

/** Beyond this many missed events a screen gets a fresh snapshot instead. */
const MAX_REPLAY = 500;

/**
 * The meeting room over socket.io: a socket joins `meeting:<id>` once its session and the
 * policy allow it, and sits in the sub-room of what it may see (everything, its guest
 * items, the display's case codes, or nothing of a case before it accepts the
 * confidentiality statement). Each event is cut to each sub-room before it goes out.
 */
export function createMeetingRoom(io: CasetableServer, services: Services, engine: MeetingEngine = createMeetingEngine(services)) {
  const seats = new WeakMap<CasetableSocket, Map<string, Seat & { display: boolean }>>();

  const sequence = createLiveSequence();
  const send = (room: string, cut: MeetingEvent | null) => {
    if (cut) io.to(room).emit("meeting:event", sequence.stamp(room, cut));
  };

  function broadcast(event: MeetingEvent) {
    const r = rooms(event.meetingId);
    send(r.full, cutEvent(event, "full", []));
    send(r.display, cutEvent(event, "display", []));
    send(r.lobby, cutEvent(event, "lobby", []));
    const guests = new Map<string, string[]>();
    for (const g of services.meetings.guestsOf(event.meetingId)) guests.set(g.personId, [...(guests.get(g.personId) ?? []), g.itemId]);
    for (const [personId, itemIds] of guests) send(r.guest(personId), cutEvent(event, "guest", itemIds));
    if (event.type === "meeting:ended") sequence.forget(event.meetingId);
  }

  function place(socket: CasetableSocket, meetingId: string, seat: Seat & { display: boolean }) {
    const r = rooms(meetingId);
    for (const room of [r.full, r.display, r.lobby, r.guest(socket.data.person.personId)]) void socket.leave(room);
    void socket.join(r.all);
    const target = seat.level === "full" ? r.full : seat.level === "display" ? r.display : seat.level === "lobby" ? r.lobby : r.guest(socket.data.person.personId);
    void socket.join(target);
    const mine = seats.get(socket) ?? new Map();
    mine.set(meetingId, seat);
    seats.set(socket, mine);
  }

  /** After someone accepts the statement, each of their sockets in the lobby moves up. */
  function reseat(meetingId: string, personId: string) {
    for (const socket of io.sockets.sockets.values()) {
      const seat = seats.get(socket)?.get(meetingId);
      if (!seat || seat.display || socket.data.person?.personId !== personId) continue;
      const fresh = engine.seat(socket.data.person, meetingId);
      if (fresh) place(socket, meetingId, { ...fresh, display: false });
    }
  }

  const reply = <T>(ack: unknown): ((r: Ack<T>) => void) => (typeof ack === "function" ? (ack as (r: Ack<T>) => void) : () => {});
  const fail = <T>(code: "invalid_payload" | "not_found" | "unauthenticated", message: string): Ack<T> => ({ ok: false, error: { code, message } });

  return {
    engine,
    broadcast,
    register(socket: CasetableSocket) {
      socket.on("meeting:join", async (payload, ack) => {
        const answer = reply(ack);
        const parsed = meetingJoinSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload", "meeting:join needs { meetingId }."));
        const fresh = await services.sessions.lookupById(socket.data.person.sessionId);
        if (!fresh) {
          answer(fail("unauthenticated", "Your session has ended; sign in again."));
          return void socket.disconnect(true);
        }
        socket.data.person = fresh;
        const seat = engine.seat(fresh, parsed.data.meetingId, parsed.data.display ?? false);
        if (!seat) return answer(fail("not_found", "There is no such meeting, or you are not invited to it."));
        place(socket, parsed.data.meetingId, { ...seat, display: parsed.data.display ?? false });
        const snapshot = engine.snapshotFor(seat, parsed.data.meetingId);
        answer(snapshot ? { ok: true, data: snapshot } : fail("not_found", "There is no such meeting."));
      });

      socket.on("meeting:resync", (payload, ack) => {
        const answer = reply(ack);
        const parsed = meetingResyncSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload", "meeting:resync needs { meetingId, afterSeq }."));
        const seat = seats.get(socket)?.get(parsed.data.meetingId);
        if (!seat) return answer(fail("not_found", "Join the meeting first."));
        const head = headOf(services.database.db, parsed.data.meetingId);
        const events = engine.eventsAfter(parsed.data.meetingId, parsed.data.afterSeq, MAX_REPLAY + 1);
        if (events.length > MAX_REPLAY) {
          const snapshot = engine.snapshotFor(seat, parsed.data.meetingId);
          return answer(snapshot ? { ok: true, data: { kind: "snapshot", snapshot } } : fail("not_found", "There is no such meeting."));
        }
        answer({ ok: true, data: { kind: "events", events: events.map((e) => cutEvent(e, seat.level, seat.guestItemIds)).filter((e) => e !== null), seq: head } });
      });

      socket.on("item:detail", (payload, ack) => {
        const answer = reply(ack);
        const parsed = itemDetailSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload", "item:detail needs { meetingId, itemId }."));
        const seat = seats.get(socket)?.get(parsed.data.meetingId);
        if (!seat) return answer(fail("not_found", "Join the meeting first."));
        const detail = itemDetailOf(services, socket.data.person, seat, parsed.data.meetingId, parsed.data.itemId);
        answer(detail ? { ok: true, data: detail } : fail("not_found", "You cannot see this item."));
      });

      for (const name of MEETING_COMMAND_NAMES) {
        socket.on(name, (payload: unknown, ack: unknown) => {
          const { ack: result, event } = engine.execute(socket.data.person, socket.handshake.address ?? null, name, payload);
          if (event && name === "confidentiality:accept") reseat(event.meetingId, socket.data.person.personId);
          reply(ack)(result);
          if (event) broadcast(event);
        });
      }
    },
    canAccessNotes: canAccessNotesOf(services),
  };
}
