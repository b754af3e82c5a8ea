import { and, eq, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Store } from "../../db/store.ts";
import type { AuditChain } from "../audit/auditLog.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { ActionPlans } from "../cases/actionPlans.ts";
import type { Analysis } from "../cases/analysis.ts";
import type { CaseRegister } from "../cases/caseRegister.ts";
import type { Closure } from "../cases/closure.ts";
import { refused, type Ack, type CommandResult } from "../../app/contract/protocol.ts";
import {
  EVENT_OF,
  meetingCommandSchema,
  type MeetingCommandName,
  type MeetingCommandPayloads,
  type MeetingEvent,
  type MeetingSnapshot,
  type ResyncResult,
} from "../../app/contract/meetingProtocol.ts";
import { HANDLERS, Refusal, type Applied, type CommandContext } from "./commands.ts";
import { closeMeeting } from "./closing.ts";
import { createMeetingViews } from "./meetingViews.ts";
import { readStanding } from "./meetingStanding.ts";
import { audienceOf, cutEvent, cutSnapshot, recordView, type Audience, type MeetingStanding } from "./recordView.ts";

/** Runs one command's handler: its name picks the handler that takes exactly its payload. */
function apply<N extends MeetingCommandName>(
  ctx: CommandContext,
  cmd: { name: N; payload: MeetingCommandPayloads[N] },
): Promise<Applied<N>> {
  return HANDLERS[cmd.name](ctx, cmd.payload);
}

/** A retried command, found in the operation log: answered as the first time, its transaction rolled back. */
class Replayed extends Error {
  constructor(readonly ack: Ack<CommandResult>) {
    super("replayed");
  }
}

/** Commands whose audit entry is written by the case service they call, or by their own handler. */
const AUDITED_ELSEWHERE: ReadonlySet<MeetingCommandName> = new Set([
  "decision:record",
  "task:add",
  "signal:grade",
  "record:correct",
]);

const meetingId = sql.placeholder("meetingId");
const personId = sql.placeholder("personId");

/** What every command reads and writes besides its own changes: prepared once (db/prepareOnce.ts). */
const engineQueries = preparedQueries((t, db) => ({
  meeting: db.select().from(t.meetings).where(eq(t.meetings.id, meetingId)).prepare("engine_meeting"),
  answer: db
    .select({ ack: t.meetingOps.ack })
    .from(t.meetingOps)
    .where(
      and(
        eq(t.meetingOps.meetingId, meetingId),
        eq(t.meetingOps.personId, personId),
        eq(t.meetingOps.opId, sql.placeholder("opId")),
      ),
    )
    .prepare("engine_answer"),
  // The meeting's row with its next sequence number, locked until the commit (decision 0040).
  nextSeq: db
    .update(t.meetings)
    .set({ lastSeq: sql`${t.meetings.lastSeq} + 1` })
    .where(eq(t.meetings.id, meetingId))
    .returning()
    .prepare("engine_next_seq"),
  event: db
    .insert(t.meetingEvents)
    .values({
      meetingId,
      seq: sql.placeholder("seq"),
      type: sql.placeholder("type"),
      itemId: sql.placeholder("itemId"),
      payload: sql.placeholder("payload"),
      actorId: sql.placeholder("actorId"),
      at: sql.placeholder("at"),
    })
    .prepare("engine_event"),
  op: db
    .insert(t.meetingOps)
    .values({
      meetingId,
      personId,
      opId: sql.placeholder("opId"),
      seq: sql.placeholder("seq"),
      ack: sql.placeholder("ack"),
      at: sql.placeholder("at"),
    })
    .prepare("engine_op"),
}));

function freshViewer(person: SignedInPerson, standing: MeetingStanding): SignedInPerson {
  return {
    ...person,
    memberships: {
      [standing.networkId]: {
        role: standing.role,
        agencyId: standing.agencyId,
        isAccountableOfficer: standing.isAccountableOfficer,
      },
    },
  };
}

/** What the engine works on: the Store and the services its commands call, inside the command's transaction. */
export interface MeetingEngineDeps {
  store: Store;
  audit: AuditChain;
  caseRegister: CaseRegister;
  analysis: Analysis;
  closure: Closure;
  actionPlans: ActionPlans;
}

/**
 * The meeting's command engine: validate (zod), authorise (policy, on the person's
 * standing read in the command's own transaction), apply in that transaction, append the
 * event with the next sequence number and remember the operation id, then answer once
 * the transaction is durable. The caller broadcasts the event after this resolves: nothing
 * goes out before it is stored.
 */
export function createMeetingEngine(services: MeetingEngineDeps) {
  const { store, audit } = services;
  const { t } = store;
  const views = createMeetingViews(store);
  const committed = new Set<(event: MeetingEvent) => void>();

  /** The answer an operation already got, when this one is a retry of it (same person, meeting, op id). */
  async function answeredBefore(
    q: Query,
    meetingId: string,
    personId: string,
    opId: string,
  ): Promise<Ack<CommandResult> | null> {
    const [row] = await engineQueries(t, q).answer.execute({ meetingId, personId, opId });
    return row ? (JSON.parse(row.ack) as Ack<CommandResult>) : null;
  }

  async function meetingOf(meetingId: string) {
    const [m] = await engineQueries(t, store.db).meeting.execute({ meetingId });
    return m ? { id: m.id, networkId: m.networkId, status: m.status } : null;
  }

  /** Who this person sees the meeting as now, or null when they may not be in it. */
  async function audience(
    personId: string,
    meetingId: string,
    display = false,
  ): Promise<{ audience: Audience; networkId: string; standing: MeetingStanding } | null> {
    const meeting = await meetingOf(meetingId);
    const standing = meeting ? await readStanding(t, store.db, personId, meeting) : null;
    const a = audienceOf(standing, display);
    return a && standing ? { audience: a, networkId: standing.networkId, standing } : null;
  }

  /** The record view of an audience on this meeting as it is now (as `q` reads it). */
  async function viewFor(a: Audience, meetingId: string, q: Query = store.db) {
    return recordView(a, await views.itemFacts(q, meetingId));
  }

  async function snapshotOn(q: Query, a: Audience, meetingId: string): Promise<MeetingSnapshot | null> {
    const full = await views.fullSnapshot(q, meetingId);
    return full ? cutSnapshot(full, a, await viewFor(a, meetingId, q)) : null;
  }

  /**
   * The meeting as this audience may see it, read on one snapshot (store.read): its state
   * and the sequence number it is current to agree, whatever another node commits
   * meanwhile. Otherwise a screen could hold event N+1 labelled N, and apply N+1 twice.
   */
  function snapshotFor(a: Audience, meetingId: string): Promise<MeetingSnapshot | null> {
    return store.read((q) => snapshotOn(q, a, meetingId));
  }

  /**
   * What a screen current to `afterSeq` lacks, read on one snapshot: the events since, cut
   * for this audience, and the head they bring it to; beyond `maxEvents` of them, a fresh
   * snapshot instead. The events and the head agree, so none is missed or applied twice.
   * Null when the meeting is gone.
   */
  function catchUp(a: Audience, meetingId: string, afterSeq: number, maxEvents: number): Promise<ResyncResult | null> {
    return store.read(async (q): Promise<ResyncResult | null> => {
      const events = await views.eventsAfter(meetingId, afterSeq, maxEvents + 1, q);
      if (events.length > maxEvents) {
        const snapshot = await snapshotOn(q, a, meetingId);
        return snapshot && { kind: "snapshot", snapshot };
      }
      const [meeting] = await engineQueries(t, q).meeting.execute({ meetingId });
      if (!meeting) return null;
      const view = await viewFor(a, meetingId, q);
      const seen = events.map((e) => cutEvent(e, view)).filter((e) => e !== null);
      return { kind: "events", events: seen, seq: meeting.lastSeq };
    });
  }

  /**
   * Runs one command. `whileSyncing` gets the stored event after the commit, while it is
   * made durable (db/store.ts): the place to cut it for its audiences. The answer resolves
   * once the event is on disk.
   */
  async function execute(
    person: SignedInPerson,
    ip: string | null,
    name: MeetingCommandName,
    payload: unknown,
    whileSyncing?: (event: MeetingEvent, q: Query, networkId: string) => Promise<void>,
  ): Promise<{ ack: Ack<CommandResult>; event: MeetingEvent | null }> {
    const parsed = meetingCommandSchema.safeParse({ name, payload });
    if (!parsed.success) {
      // The field is named for whoever reads the answer in a browser's tools; the page says "not valid".
      const field = parsed.error.issues[0]?.path.slice(1).join(".");
      return {
        ack: { ok: false, error: { ...refused("invalid_payload"), ...(field && { params: { field } }) } },
        event: null,
      };
    }
    const cmd = parsed.data.payload;
    const actor = { personId: person.personId, ip };
    // The meeting as the transaction found it: a refused right is audited on its network.
    const known: { networkId: string | null } = { networkId: null };
    try {
      const { event } = await store.transaction(
        async (tx): Promise<{ event: MeetingEvent; networkId: string }> => {
          const q = engineQueries(t, tx);
          // First the meeting's row: locked, so that commands on one meeting take their turns on
          // every node, each on the meeting as the one before left it; and its next number.
          const [meeting] = await q.nextSeq.execute({ meetingId: cmd.meetingId });
          if (!meeting) throw new Refusal("not_found", "no_such_meeting_or_not_invited");
          known.networkId = meeting.networkId;
          // Rights as they are now, read in this transaction: not as they were at connect.
          const standing = await readStanding(t, tx, person.personId, meeting);
          const audienceNow = audienceOf(standing, false);
          if (!standing || !audienceNow) throw new Refusal("not_found", "no_such_meeting_or_not_invited");
          // A retried command: answer as the first time, apply nothing.
          const done = await answeredBefore(tx, meeting.id, person.personId, cmd.opId);
          if (done) throw new Replayed(done);
          // A cancelled meeting is closed before it began: its agenda, seats and record stay as they were.
          if (meeting.status === "cancelled") throw new Refusal("conflict", "meeting_cancelled");
          const seq = meeting.lastSeq;
          const ctx: CommandContext = {
            store,
            t,
            tx,
            person: freshViewer(person, standing),
            standing,
            audience: audienceNow,
            actor,
            meeting: { ...meeting },
            services,
            views,
            audits: [],
          };
          const applied = await apply(ctx, parsed.data);
          if (name === "meeting:end") await closeMeeting(ctx);
          const at = new Date();
          const type = EVENT_OF[name];
          await q.event.execute({
            meetingId: meeting.id,
            seq,
            type,
            itemId: applied.itemId,
            payload: JSON.stringify(applied.data),
            actorId: person.personId,
            at,
          });
          const ack = { ok: true, data: { seq, data: applied.data } };
          await q.op.execute({
            meetingId: meeting.id,
            personId: person.personId,
            opId: cmd.opId,
            seq,
            ack: JSON.stringify(ack),
            at,
          });
          if (!AUDITED_ELSEWHERE.has(name))
            ctx.audits.push({
              action: `meeting.${type.replace(":", "_")}`,
              networkId: meeting.networkId,
              subjectType: "meeting",
              subjectId: meeting.id,
              details: { seq, itemId: applied.itemId },
            });
          // The audit chain last: on PostgreSQL its lock is held to the commit (decision 0040).
          for (const entry of ctx.audits) await audit.append(tx, actor, entry);
          // The one place the command's name and its event's type meet: EVENT_OF and the
          // handlers' types make them agree, which TypeScript cannot follow through a union.
          const event = {
            meetingId: meeting.id,
            seq,
            type,
            itemId: applied.itemId,
            at: at.getTime(),
            data: applied.data,
          } as MeetingEvent;
          return { event, networkId: meeting.networkId };
        },
        whileSyncing && ((stored, q) => whileSyncing(stored.event, q, stored.networkId)),
      );
      for (const listener of committed) listener(event);
      return { ack: { ok: true, data: { seq: event.seq, data: event.data } as CommandResult }, event };
    } catch (error) {
      if (error instanceof Replayed) return { ack: error.ack, event: null };
      if (error instanceof Refusal) {
        // A refused right is audited (who, which command, which meeting); the command's content is not (decision 0029).
        const { networkId } = known;
        if (error.code === "forbidden" && networkId)
          await store.transaction((tx) =>
            audit.append(tx, actor, {
              action: "access.refused",
              networkId,
              subjectType: "meeting",
              subjectId: cmd.meetingId,
              details: { right: name },
            }),
          );
        return { ack: { ok: false, error: refused(error.code, error.reason, error.params) }, event: null };
      }
      if (store.isUniqueViolation(error)) {
        // The same operation raced itself (two sockets of one person): the first one won.
        const first = await answeredBefore(store.db, cmd.meetingId, person.personId, cmd.opId);
        if (first) return { ack: first, event: null };
      }
      // Storage faults and bugs: nothing was recorded; the socket's containment answers (server/realtime/handle.ts).
      throw error;
    }
  }

  return {
    meetingOf,
    audience,
    viewFor,
    snapshotFor,
    catchUp,
    execute,
    views,
    eventsAfter: views.eventsAfter,
    /** Hears every stored event once it is durable, e.g. to re-check who may keep its notes open. */
    onCommitted(listener: (event: MeetingEvent) => void) {
      committed.add(listener);
      return () => committed.delete(listener);
    },
  };
}
