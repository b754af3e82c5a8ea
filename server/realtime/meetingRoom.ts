import { and, eq, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query } from "../../db/store.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { StandingChange } from "../auth/standing.ts";
import type { Services } from "../services.ts";
import { itemDetailOf } from "../meetings/itemDetail.ts";
import { audienceKey, audienceOf, cutEvent, recordView, type Audience } from "../meetings/recordView.ts";
import {
  itemDetailSchema,
  MEETING_COMMAND_NAMES,
  meetingJoinSchema,
  meetingResyncSchema,
  type MeetingCommandName,
  type MeetingEvent,
} from "../../app/contract/meetingProtocol.ts";
import { earlierEvents, previousSeen } from "./liveSequence.ts";
import { createMeetingPresence } from "./meetingPresence.ts";
import { onEveryNode, onOtherNodes } from "./nodeBus.ts";
import { refused, type Ack } from "../../app/contract/protocol.ts";
import type { RefusalReason } from "../../app/contract/refusals.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

const rooms = (meetingId: string) => ({
  all: `meeting:${meetingId}`,
  audience: (key: string) => `meeting:${meetingId}:a:${key}`,
  /** The shared screens on the wall: a display stays in it while a change of standing moves it. */
  displays: `meeting:${meetingId}:displays`,
});

/** Beyond this many missed events a screen gets a fresh snapshot instead. */
const MAX_REPLAY = 500;

/** A meeting's audiences, read for every event: prepared once (db/prepareOnce.ts). */
const audienceQueries = preparedQueries((t, db) => ({
  agencies: db
    .select({ id: t.agencies.id })
    .from(t.agencies)
    .where(eq(t.agencies.networkId, sql.placeholder("networkId")))
    .prepare("room_agencies"),
  guests: db
    .select({
      personId: t.agendaItemGuests.personId,
      itemId: t.agendaItemGuests.itemId,
      role: t.memberships.role,
      agencyId: t.memberships.agencyId,
      isAccountableOfficer: t.memberships.isAccountableOfficer,
    })
    .from(t.agendaItemGuests)
    .innerJoin(t.agendaItems, eq(t.agendaItems.id, t.agendaItemGuests.itemId))
    .innerJoin(
      t.memberships,
      and(
        eq(t.memberships.personId, t.agendaItemGuests.personId),
        eq(t.memberships.networkId, sql.placeholder("networkId")),
      ),
    )
    .where(eq(t.agendaItems.meetingId, sql.placeholder("meetingId")))
    .prepare("room_guests"),
}));

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
  const { store } = services.database;
  const engine = services.meetingEngine;
  const seats = new WeakMap<CasetableSocket, Map<string, Seat>>();
  const seatsOf = (socket: CasetableSocket) => {
    let mine = seats.get(socket);
    if (!mine) seats.set(socket, (mine = new Map()));
    return mine;
  };

  /** Every audience a meeting can have: read from the database, so it holds across nodes. */
  async function audiencesOf(read: Query, meetingId: string, networkId: string): Promise<Audience[]> {
    const list: Audience[] = [{ kind: "runner" }, { kind: "display" }, { kind: "lobby" }];
    const q = audienceQueries(store.t, read);
    for (const a of await q.agencies.execute({ networkId }))
      list.push({ kind: "member", personId: "", agencyId: a.id, guestItemIds: [] });
    const guests = await q.guests.execute({ meetingId, networkId });
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
   * log syncs (below), through the connection the Store gives for it, so that once the
   * sync holds only the sends remain.
   */
  async function cutsOf(
    event: MeetingEvent,
    q: Query,
    networkId: string,
  ): Promise<{ room: string; cut: MeetingEvent }[]> {
    const r = rooms(event.meetingId);
    const [facts, earlier, audiences] = await Promise.all([
      engine.views.itemFacts(q, event.meetingId),
      earlierEvents(store.t, q, event.meetingId, event.seq),
      audiencesOf(q, event.meetingId, networkId),
    ]);
    const cuts: { room: string; cut: MeetingEvent }[] = [];
    for (const a of audiences) {
      const view = recordView(a, facts);
      const cut = cutEvent(event, view);
      if (cut)
        cuts.push({
          room: r.audience(audienceKey(a)),
          cut: { ...cut, prevSeq: await previousSeen(earlier, event.seq, view) },
        });
    }
    return cuts;
  }

  /**
   * Sends each cut once to its audience room (encoded once there), on every node. This
   * node's sockets get it at once, before the command's answer: an emit through the Redis
   * adapter would reach them only after its round trip to Redis.
   */
  /** The number of the last event sent to each meeting's screens on this node (from any node), as it is sent. */
  const lastSent = new Map<string, number>();
  const send = onEveryNode(io, severalNodes, "meeting:cuts", (cuts) => {
    for (const { room, cut } of cuts) io.local.to(room).emit("meeting:event", cut);
    const last = cuts.at(-1)?.cut;
    if (last?.type === "meeting:ended") lastSent.delete(last.meetingId);
    else if (last) lastSent.set(last.meetingId, last.seq);
  });

  /**
   * The person's screens on the other nodes leave the lobby too when they accept the
   * statement (this node moves its own as the accept syncs, below).
   */
  const acceptedElsewhere = onOtherNodes(io, severalNodes, "confidentiality:accepted", (personId, meetingId) => {
    for (const touched of takenOut({ kind: "person", personId, meetingId })) void reseatOne(touched);
  });

  /**
   * Runs a command and, once it is on disk, sends its event to each audience: the event
   * first, so that by the time the sender hears "taken" its screen already holds the
   * change and nothing it chose flickers back. Cut while the commit syncs; every step
   * after the durable commit is synchronous, so events go out in sequence order.
   */
  async function run(person: SignedInPerson, ip: string | null, name: MeetingCommandName, payload: unknown) {
    let cuts: { room: string; cut: MeetingEvent }[] = [];
    let moves: (() => void)[] = [];
    let touched: Touched[] = [];
    const executed = await engine
      .execute(person, ip, name, payload, async (event, q, networkId) => {
        cuts = await cutsOf(event, q, networkId);
        // Accepting the statement moves the person's screens out of the lobby.
        if (name === "confidentiality:accept") {
          touched = takenOut({ kind: "person", personId: person.personId, meetingId: event.meetingId });
          moves = await Promise.all(touched.map(async (t) => move(t, await seatNow(t))));
        }
      })
      .catch((error: unknown) => {
        // Nothing is sent after a failed sync; the screens taken out of the lobby for the
        // move are seated again on what the database says then.
        for (const t of touched) void reseatOne(t);
        throw error;
      });
    for (const move of moves) move();
    if (executed.event) send(cuts);
    if (executed.event && name === "confidentiality:accept")
      acceptedElsewhere(person.personId, executed.event.meetingId);
    return executed;
  }

  /**
   * Puts a socket in the audience room `now` gives it, or takes it out of the meeting when
   * it may no longer be there. Returns the audience, or null.
   */
  function seat(
    socket: CasetableSocket,
    meetingId: string,
    display: boolean,
    now: Awaited<ReturnType<typeof engine.audience>>,
  ) {
    const r = rooms(meetingId);
    const had = seatsOf(socket).get(meetingId);
    if (had && (!now || audienceKey(now.audience) !== had.key)) void socket.leave(r.audience(had.key));
    if (!now) {
      seatsOf(socket).delete(meetingId);
      void socket.leave(r.all);
      void socket.leave(r.displays);
      return null;
    }
    const key = audienceKey(now.audience);
    void socket.join(r.all);
    void (display ? socket.join(r.displays) : socket.leave(r.displays));
    void socket.join(r.audience(key));
    seatsOf(socket).set(meetingId, { key, display, networkId: now.networkId });
    return now;
  }

  /** Seats a socket on the person's standing as the database says now. */
  async function place(socket: CasetableSocket, meetingId: string, display: boolean) {
    return seat(socket, meetingId, display, await engine.audience(socket.data.person.personId, meetingId, display));
  }

  /** A seat a change of standing touches. */
  interface Touched {
    socket: CasetableSocket;
    meetingId: string;
    had: Seat;
  }

  /** Each socket's seats waiting for their new audience, by meeting: only the latest change's read moves one. */
  const waiting = new WeakMap<CasetableSocket, Map<string, Touched>>();

  /**
   * The seats a change touches on this node (a person's, or every seat in a network),
   * taken out of their audience rooms at once, as the change is heard: nothing cut for
   * the standing they had reaches them while their new seat is read.
   */
  function takenOut(change: StandingChange | { kind: "person"; personId: string; meetingId: string }): Touched[] {
    const touched: Touched[] = [];
    for (const socket of io.sockets.sockets.values()) {
      if (!socket.data.person) continue;
      if (change.kind === "person" && socket.data.person.personId !== change.personId) continue;
      for (const [meetingId, had] of seatsOf(socket)) {
        if ("meetingId" in change ? change.meetingId !== meetingId : had.networkId !== change.networkId) continue;
        void socket.leave(rooms(meetingId).audience(had.key));
        const one = { socket, meetingId, had };
        touched.push(one);
        const mine = waiting.get(socket) ?? new Map<string, Touched>();
        waiting.set(socket, mine.set(meetingId, one));
      }
    }
    return touched;
  }

  /** A touched seat's audience now, and the record as that audience may see it. */
  async function seatNow({ socket, meetingId, had }: Touched) {
    const now = await engine.audience(socket.data.person.personId, meetingId, had.display);
    return { now, snapshot: now ? await engine.snapshotFor(now.audience, meetingId) : null };
  }

  /**
   * Seats a touched socket as `seated` says and sends it the record as it now may see it;
   * not when a later change touched it meanwhile (that change's read moves it).
   */
  function move(touched: Touched, seated: Awaited<ReturnType<typeof seatNow>>) {
    const { socket, meetingId, had } = touched;
    return () => {
      const latest = waiting.get(socket);
      if (latest?.get(meetingId) !== touched) return;
      latest.delete(meetingId);
      if (!seat(socket, meetingId, had.display, seated.now))
        socket.emit("meeting:reseated", { meetingId, snapshot: null, reason: "no_longer_follow" });
      else socket.emit("meeting:reseated", { meetingId, snapshot: seated.snapshot, reason: null });
    };
  }

  /**
   * Re-seats one touched seat as soon as its record is read. Out of every audience room
   * meanwhile, it hears no event: when one was sent after its record was read, the record
   * is read again, so that it misses nothing (a few times; after that a later event's
   * `prevSeq` makes the screen resync). A seat that cannot be read is disconnected: its
   * screen reconnects and joins on its standing as it is then.
   */
  async function reseatOne(touched: Touched) {
    try {
      for (let reads = 1; ; reads++) {
        const seated = await seatNow(touched);
        const behind = seated.snapshot !== null && seated.snapshot.seq < (lastSent.get(touched.meetingId) ?? 0);
        if (!behind || reads === 5) return move(touched, seated)();
      }
    } catch (error) {
      services.log.error({ err: error, meetingId: touched.meetingId }, "a screen could not be re-seated");
      touched.socket.disconnect(true);
    }
  }

  /** Re-seats the sockets a change of standing touches on this node (called on every node, socketServer.ts). */
  function reseat(change: StandingChange) {
    for (const touched of takenOut(change)) void reseatOne(touched);
  }

  /** The socket's seat on the person's standing as the database says now. */
  async function current(socket: CasetableSocket, meetingId: string) {
    const had = seatsOf(socket).get(meetingId);
    if (!had) return null;
    return place(socket, meetingId, had.display);
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

  const presence = createMeetingPresence(io, services, seatsOf, run, (meetingId) => rooms(meetingId));

  return {
    engine,
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
        const seated = await place(socket, parsed.data.meetingId, parsed.data.display ?? false);
        if (!seated) return answer(fail("not_found", "no_such_meeting_or_not_invited"));
        const snapshot = await engine.snapshotFor(seated.audience, parsed.data.meetingId);
        answer(snapshot ? { ok: true, data: snapshot } : fail("not_found", "no_such_meeting"));
      });

      socket.on("meeting:resync", async (payload, ack) => {
        const answer = reply(ack);
        const parsed = meetingResyncSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload"));
        const seated = await current(socket, parsed.data.meetingId);
        if (!seated) return answer(fail("not_found", "join_first"));
        const caughtUp = await engine.catchUp(seated.audience, parsed.data.meetingId, parsed.data.afterSeq, MAX_REPLAY);
        answer(caughtUp ? { ok: true, data: caughtUp } : fail("not_found", "no_such_meeting"));
      });

      socket.on("item:detail", async (payload, ack) => {
        const answer = reply(ack);
        const parsed = itemDetailSchema.safeParse(payload);
        if (!parsed.success) return answer(fail("invalid_payload"));
        const seated = await current(socket, parsed.data.meetingId);
        if (!seated) return answer(fail("not_found", "join_first"));
        const access = (await engine.viewFor(seated.audience, parsed.data.meetingId))(parsed.data.itemId);
        const detail = await itemDetailOf(services, seated.standing, access, parsed.data.meetingId, parsed.data.itemId);
        answer(detail ? { ok: true, data: detail } : fail("not_found", "item_not_visible"));
      });

      for (const name of MEETING_COMMAND_NAMES) {
        socket.on(name, async (payload: unknown, ack: unknown) => {
          // Stored in arrival order; answered and sent once on disk, with the commands that
          // wait with it (one sync for them all, off the event loop). A failed sync (thrown
          // here) sends nothing.
          const { ack: result } = await run(socket.data.person, socket.handshake.address ?? null, name, payload);
          reply(ack)(result);
        });
      }
    },
  };
}
