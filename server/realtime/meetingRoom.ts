import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import { agencies, agendaItemGuests, agendaItems, memberships } from "../../db/schema/index.ts";
import type { StandingChange } from "../auth/standing.ts";
import type { Services } from "../services.ts";
import { itemDetailOf } from "../meetings/itemDetail.ts";
import { audienceKey, audienceOf, cutEvent, recordView, type Audience } from "../meetings/recordView.ts";
import {
  itemDetailSchema,
  MEETING_COMMAND_NAMES,
  meetingJoinSchema,
  meetingResyncSchema,
  type MeetingEvent,
} from "../../app/contract/meetingProtocol.ts";
import { headOf, LOOK_BACK, previousSeen } from "./liveSequence.ts";
import { createMeetingPresence } from "./meetingPresence.ts";
import { onEveryNode } from "./nodeBus.ts";
import { refused, type Ack } from "../../app/contract/protocol.ts";
import type { RefusalReason } from "../../app/contract/refusals.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

const rooms = (meetingId: string) => ({
  all: `meeting:${meetingId}`,
  audience: (key: string) => `meeting:${meetingId}:a:${key}`,
});

/** Beyond this many missed events a screen gets a fresh snapshot instead. */
const MAX_REPLAY = 500;

/** A meeting's audiences, read for every event: prepared once (db/prepareOnce.ts). */
const audienceQueries = (db: Pick<Db, "select">) => ({
  agencies: db
    .select({ id: agencies.id })
    .from(agencies)
    .where(eq(agencies.networkId, sql.placeholder("networkId")))
    .prepare(),
  guests: db
    .select({
      personId: agendaItemGuests.personId,
      itemId: agendaItemGuests.itemId,
      role: memberships.role,
      agencyId: memberships.agencyId,
      isAccountableOfficer: memberships.isAccountableOfficer,
    })
    .from(agendaItemGuests)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
    .innerJoin(
      memberships,
      and(eq(memberships.personId, agendaItemGuests.personId), eq(memberships.networkId, sql.placeholder("networkId"))),
    )
    .where(eq(agendaItems.meetingId, sql.placeholder("meetingId")))
    .prepare(),
});

/** Where one socket sits in one meeting. */
interface Seat {
  key: string;
  display: boolean;
  networkId: string;
}

/**
 * The meeting room over socket.io. A socket sits in one audience room per meeting
 * (`meeting:<id>:a:<audience>`, see recordView.ts); each event is cut once per audience
 * and sent once to each audience room. Rights are read from the database at every
 * command and every request; a change of standing (auth/standing.ts) re-seats the
 * person's sockets at once and sends them a snapshot cut for their new standing.
 */
export function createMeetingRoom(io: CasetableServer, services: Services, severalNodes: boolean) {
  const { db } = services.database;
  const engine = services.meetingEngine;
  const seats = new WeakMap<CasetableSocket, Map<string, Seat>>();
  const seatsOf = (socket: CasetableSocket) => {
    let mine = seats.get(socket);
    if (!mine) seats.set(socket, (mine = new Map()));
    return mine;
  };

  /** Every audience a meeting can have: read from the database, so it holds across nodes. */
  function audiencesOf(meetingId: string, networkId: string): Audience[] {
    const list: Audience[] = [{ kind: "runner" }, { kind: "display" }, { kind: "lobby" }];
    const q = prepareOnce(db, audienceQueries);
    for (const a of q.agencies.all({ networkId }))
      list.push({ kind: "member", personId: "", agencyId: a.id, guestItemIds: [] });
    const guests = q.guests.all({ meetingId, networkId });
    for (const g of new Map(guests.map((g) => [g.personId, g])).values()) {
      const guestItemIds = guests.filter((x) => x.personId === g.personId).map((x) => x.itemId);
      const a = audienceOf({ ...g, networkId, participant: true, accepted: true, guestItemIds }, false);
      if (a) list.push(a);
    }
    return list;
  }

  /**
   * Each audience's cut of an event and the room it goes to, from the record as the event
   * stored it, stamped with the audience's previous event (liveSequence.ts). Made while the
   * log syncs (below), so that once it holds only the sends remain.
   */
  function cutsOf(event: MeetingEvent): { room: string; cut: MeetingEvent }[] {
    const meeting = engine.meetingOf(event.meetingId);
    if (!meeting) return [];
    const r = rooms(event.meetingId);
    const facts = engine.views.itemFacts(db, event.meetingId);
    const earlier = engine
      .eventsAfter(event.meetingId, event.seq - LOOK_BACK - 1, LOOK_BACK)
      .filter((e) => e.seq < event.seq);
    const cuts: { room: string; cut: MeetingEvent }[] = [];
    for (const a of audiencesOf(event.meetingId, meeting.networkId)) {
      const view = recordView(a, facts);
      const cut = cutEvent(event, view);
      if (cut)
        cuts.push({
          room: r.audience(audienceKey(a)),
          cut: { ...cut, prevSeq: previousSeen(earlier, event.seq, view) },
        });
    }
    return cuts;
  }

  /**
   * Sends each cut once to its audience room (encoded once there), on every node. This
   * node's sockets get it at once, before the command's answer: an emit through the Redis
   * adapter would reach them only after its round trip to Redis.
   */
  const send = onEveryNode(io, severalNodes, "meeting:cuts", (cuts) => {
    for (const { room, cut } of cuts) io.local.to(room).emit("meeting:event", cut);
  });

  function broadcast(event: MeetingEvent) {
    send(cutsOf(event));
  }

  /**
   * Puts a socket in the audience room its standing gives it now, or takes it out of the
   * meeting when it may no longer be there. Returns the audience, or null.
   */
  function place(socket: CasetableSocket, meetingId: string, display: boolean) {
    const r = rooms(meetingId);
    const personId = socket.data.person.personId;
    const now = engine.audience(personId, meetingId, display);
    const had = seatsOf(socket).get(meetingId);
    if (had && (!now || audienceKey(now.audience) !== had.key)) void socket.leave(r.audience(had.key));
    if (!now) {
      seatsOf(socket).delete(meetingId);
      void socket.leave(r.all);
      return null;
    }
    const key = audienceKey(now.audience);
    void socket.join(r.all);
    void socket.join(r.audience(key));
    seatsOf(socket).set(meetingId, { key, display, networkId: now.networkId });
    return now;
  }

  /** Re-seats a person's sockets (or every socket of a network) and sends each the record as it now may see it. */
  function reseat(change: StandingChange | { kind: "person"; personId: string; meetingId: string }) {
    for (const socket of io.sockets.sockets.values()) {
      if (!socket.data.person) continue;
      if (change.kind === "person" && socket.data.person.personId !== change.personId) continue;
      for (const [meetingId, seat] of seatsOf(socket)) {
        if ("meetingId" in change ? change.meetingId !== meetingId : seat.networkId !== change.networkId) continue;
        const now = place(socket, meetingId, seat.display);
        if (!now)
          socket.emit("meeting:reseated", {
            meetingId,
            snapshot: null,
            reason: "no_longer_follow",
          });
        else
          socket.emit("meeting:reseated", {
            meetingId,
            snapshot: engine.snapshotFor(now.audience, meetingId),
            reason: null,
          });
      }
    }
  }

  /** The socket's seat on the person's standing as the database says now. */
  function current(socket: CasetableSocket, meetingId: string) {
    const seat = seatsOf(socket).get(meetingId);
    if (!seat) return null;
    return place(socket, meetingId, seat.display);
  }

  const reply = <T>(ack: unknown): ((r: Ack<T>) => void) =>
    typeof ack === "function" ? (ack as (r: Ack<T>) => void) : () => {};
  const fail = <T>(
    code: "invalid_payload" | "not_found" | "unauthenticated",
    reason: RefusalReason = code,
  ): Ack<T> => ({
    ok: false,
    error: refused(code, reason),
  });

  const presence = createMeetingPresence(
    io,
    services,
    seatsOf,
    broadcast,
    (meetingId) => rooms(meetingId).all,
    (meetingId, key) => rooms(meetingId).audience(key),
  );

  return {
    engine,
    broadcast,
    /** Called on every node for a change of standing (socketServer.ts). */
    reseat,
    register(socket: CasetableSocket) {
      presence.register(socket);
      socket.on("meeting:join", async (payload, ack) => {
        const answer = reply(ack);
        const parsed = meetingJoinSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload"));
        const fresh = await services.sessions.lookupById(socket.data.person.sessionId);
        if (!fresh) {
          answer(fail("unauthenticated", "session_ended"));
          return void socket.disconnect(true);
        }
        socket.data.person = fresh;
        const seat = place(socket, parsed.data.meetingId, parsed.data.display ?? false);
        if (!seat) return answer(fail("not_found", "no_such_meeting_or_not_invited"));
        const snapshot = engine.snapshotFor(seat.audience, parsed.data.meetingId);
        answer(snapshot ? { ok: true, data: snapshot } : fail("not_found", "no_such_meeting"));
      });

      socket.on("meeting:resync", (payload, ack) => {
        const answer = reply(ack);
        const parsed = meetingResyncSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload"));
        const seat = current(socket, parsed.data.meetingId);
        if (!seat) return answer(fail("not_found", "join_first"));
        const head = headOf(db, parsed.data.meetingId);
        const events = engine.eventsAfter(parsed.data.meetingId, parsed.data.afterSeq, MAX_REPLAY + 1);
        if (events.length > MAX_REPLAY) {
          const snapshot = engine.snapshotFor(seat.audience, parsed.data.meetingId);
          return answer(
            snapshot ? { ok: true, data: { kind: "snapshot", snapshot } } : fail("not_found", "no_such_meeting"),
          );
        }
        const view = engine.viewFor(seat.audience, parsed.data.meetingId);
        answer({
          ok: true,
          data: { kind: "events", events: events.map((e) => cutEvent(e, view)).filter((e) => e !== null), seq: head },
        });
      });

      socket.on("item:detail", (payload, ack) => {
        const answer = reply(ack);
        const parsed = itemDetailSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload"));
        const seat = current(socket, parsed.data.meetingId);
        if (!seat) return answer(fail("not_found", "join_first"));
        const access = engine.viewFor(seat.audience, parsed.data.meetingId)(parsed.data.itemId);
        const detail = itemDetailOf(services, seat.standing, access, parsed.data.meetingId, parsed.data.itemId);
        answer(detail ? { ok: true, data: detail } : fail("not_found", "item_not_visible"));
      });

      for (const name of MEETING_COMMAND_NAMES) {
        socket.on(name, async (payload: unknown, ack: unknown) => {
          // Stored now, in arrival order; answered and sent once the log is on disk, with the
          // commands that wait with it (one sync for them all, off the event loop).
          const { result: executed, synced } = services.database.writeThenSync(() =>
            engine.execute(socket.data.person, socket.handshake.address ?? null, name, payload),
          );
          const { ack: result, event } = executed;
          // While the sync runs in libuv's pool, the event is cut for each audience; nothing
          // is sent until it holds, and a failed sync (thrown here) sends nothing.
          const cuts = event ? cutsOf(event) : [];
          await synced;
          // Accepting the statement moves the person's screens out of the lobby.
          if (event && name === "confidentiality:accept")
            reseat({ kind: "person", personId: socket.data.person.personId, meetingId: event.meetingId });
          // The event goes out before the answer: by the time the sender hears "taken", its
          // screen already holds the change, so nothing it chose flickers back in between.
          if (event) send(cuts);
          reply(ack)(result);
        });
      }
    },
  };
}
