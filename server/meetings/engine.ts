import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import type { AuditLog } from "../audit/auditLog.ts";
import { meetingEvents, meetingOps, meetings } from "../../db/schema/index.ts";
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
} from "../../app/contract/meetingProtocol.ts";
import { HANDLERS, Refusal, type Applied, type CommandContext } from "./commands.ts";
import { closeMeeting } from "./closing.ts";
import { createMeetingViews } from "./meetingViews.ts";
import { readStanding } from "./meetingStanding.ts";
import { audienceOf, cutSnapshot, recordView, type Audience, type MeetingStanding } from "./recordView.ts";

/** Runs one command's handler: its name picks the handler that takes exactly its payload. */
function apply<N extends MeetingCommandName>(
  ctx: CommandContext,
  cmd: { name: N; payload: MeetingCommandPayloads[N] },
): Applied<N> {
  return HANDLERS[cmd.name](ctx, cmd.payload);
}

const meetingId = sql.placeholder("meetingId");
const personId = sql.placeholder("personId");

/** What every command reads and writes besides its own changes: prepared once (db/prepareOnce.ts). */
const engineQueries = (db: Pick<Db, "select" | "insert" | "update">) => ({
  meeting: db.select().from(meetings).where(eq(meetings.id, meetingId)).prepare(),
  answer: db
    .select({ ack: meetingOps.ack })
    .from(meetingOps)
    .where(
      and(
        eq(meetingOps.meetingId, meetingId),
        eq(meetingOps.personId, personId),
        eq(meetingOps.opId, sql.placeholder("opId")),
      ),
    )
    .prepare(),
  nextSeq: db
    .update(meetings)
    .set({ lastSeq: sql`${meetings.lastSeq} + 1` })
    .where(eq(meetings.id, meetingId))
    .returning({ seq: meetings.lastSeq })
    .prepare(),
  event: db
    .insert(meetingEvents)
    .values({
      meetingId,
      seq: sql.placeholder("seq"),
      type: sql.placeholder("type"),
      itemId: sql.placeholder("itemId"),
      payload: sql.placeholder("payload"),
      actorId: sql.placeholder("actorId"),
      at: sql.placeholder("at"),
    })
    .prepare(),
  op: db
    .insert(meetingOps)
    .values({
      meetingId,
      personId,
      opId: sql.placeholder("opId"),
      seq: sql.placeholder("seq"),
      ack: sql.placeholder("ack"),
      at: sql.placeholder("at"),
    })
    .prepare(),
});

/** The answer an operation already got, when this one is a retry of it (same person, meeting, op id). */
function answeredBefore(
  db: Pick<Db, "select" | "insert" | "update">,
  meetingId: string,
  personId: string,
  opId: string,
): Ack<CommandResult> | null {
  const row = prepareOnce(db, engineQueries).answer.get({ meetingId, personId, opId });
  return row ? (JSON.parse(row.ack) as Ack<CommandResult>) : null;
}

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

/** What the engine works on: the database and the services its commands call, inside the command's transaction. */
export interface MeetingEngineDeps {
  db: Db;
  audit: AuditLog;
  caseRegister: CaseRegister;
  analysis: Analysis;
  closure: Closure;
  actionPlans: ActionPlans;
}

/**
 * The meeting's command engine: validate (zod), authorise (policy, on the person's
 * standing read in the command's own transaction), apply in that transaction, append the
 * event with the next sequence number and remember the operation id, then answer. The
 * caller broadcasts the event after this returns: nothing goes out before it is stored.
 */
export function createMeetingEngine(services: MeetingEngineDeps) {
  const { db } = services;
  const views = createMeetingViews(db);
  const committed = new Set<(event: MeetingEvent) => void>();

  function meetingOf(meetingId: string) {
    const m = prepareOnce(db, engineQueries).meeting.get({ meetingId });
    return m ? { id: m.id, networkId: m.networkId, status: m.status } : null;
  }

  /** Who this person sees the meeting as now, or null when they may not be in it. */
  function audience(
    personId: string,
    meetingId: string,
    display = false,
  ): { audience: Audience; networkId: string; standing: MeetingStanding } | null {
    const meeting = meetingOf(meetingId);
    const standing = meeting ? readStanding(db, personId, meeting) : null;
    const a = audienceOf(standing, display);
    return a && standing ? { audience: a, networkId: standing.networkId, standing } : null;
  }

  /** The record view of an audience on this meeting as it is now. */
  function viewFor(a: Audience, meetingId: string) {
    return recordView(a, views.itemFacts(db, meetingId));
  }

  function snapshotFor(a: Audience, meetingId: string): MeetingSnapshot | null {
    const full = views.fullSnapshot(db, meetingId);
    return full ? cutSnapshot(full, a, viewFor(a, meetingId)) : null;
  }

  function execute(
    person: SignedInPerson,
    ip: string | null,
    name: MeetingCommandName,
    payload: unknown,
  ): { ack: Ack<CommandResult>; event: MeetingEvent | null } {
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
    const q = prepareOnce(db, engineQueries);
    const meetingRow = q.meeting.get({ meetingId: cmd.meetingId });
    const notFound = {
      ack: { ok: false as const, error: refused("not_found", "no_such_meeting_or_not_invited") },
      event: null,
    };
    if (!meetingRow) return notFound;
    try {
      const outcome = db.transaction((tx): { event: MeetingEvent } | { replay: Ack<CommandResult> } => {
        // Rights as they are now, read in this transaction: not as they were at connect.
        const standing = readStanding(tx, person.personId, meetingRow);
        const audienceNow = audienceOf(standing, false);
        if (!standing || !audienceNow) throw new Refusal("not_found", "no_such_meeting_or_not_invited");
        // A retried command: answer as the first time, apply nothing.
        const done = answeredBefore(tx, meetingRow.id, person.personId, cmd.opId);
        if (done) return { replay: done };
        // A cancelled meeting is closed before it began: its agenda, seats and record stay as they were.
        if (meetingRow.status === "cancelled") throw new Refusal("conflict", "meeting_cancelled");
        const ctx: CommandContext = {
          tx,
          person: freshViewer(person, standing),
          standing,
          audience: audienceNow,
          actor: { personId: person.personId, ip },
          meeting: { ...meetingRow },
          services,
          views,
        };
        const applied = apply(ctx, parsed.data);
        if (name === "meeting:end") closeMeeting(ctx);
        const { seq } = q.nextSeq.get({ meetingId: meetingRow.id })!;
        const at = new Date();
        const type = EVENT_OF[name];
        q.event.run({
          meetingId: meetingRow.id,
          seq,
          type,
          itemId: applied.itemId,
          payload: JSON.stringify(applied.data),
          actorId: person.personId,
          at,
        });
        const ack = { ok: true, data: { seq, data: applied.data } };
        q.op.run({
          meetingId: meetingRow.id,
          personId: person.personId,
          opId: cmd.opId,
          seq,
          ack: JSON.stringify(ack),
          at,
        });
        if (name !== "decision:record" && name !== "task:add" && name !== "signal:grade" && name !== "record:correct") {
          services.audit.append(
            { personId: person.personId, ip },
            {
              action: `meeting.${type.replace(":", "_")}`,
              networkId: meetingRow.networkId,
              subjectType: "meeting",
              subjectId: meetingRow.id,
              details: { seq, itemId: applied.itemId },
            },
            tx,
          );
        }
        // The one place the command's name and its event's type meet: EVENT_OF and the
        // handlers' types make them agree, which TypeScript cannot follow through a union.
        return {
          event: {
            meetingId: meetingRow.id,
            seq,
            type,
            itemId: applied.itemId,
            at: at.getTime(),
            data: applied.data,
          } as MeetingEvent,
        };
      });
      if ("replay" in outcome) return { ack: outcome.replay, event: null };
      const { event } = outcome;
      for (const listener of committed) listener(event);
      return { ack: { ok: true, data: { seq: event.seq, data: event.data } as CommandResult }, event };
    } catch (error) {
      if (error instanceof Refusal) {
        // A refused right is audited (who, which command, which meeting); the command's content is not (decision 0029).
        if (error.code === "forbidden")
          services.audit.append(
            { personId: person.personId, ip },
            {
              action: "access.refused",
              networkId: meetingRow.networkId,
              subjectType: "meeting",
              subjectId: meetingRow.id,
              details: { right: name },
            },
          );
        return { ack: { ok: false, error: refused(error.code, error.reason, error.params) }, event: null };
      }
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        // The same operation raced itself (two sockets of one person): the first one won.
        const first = answeredBefore(db, meetingRow.id, person.personId, cmd.opId);
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
    execute,
    views,
    eventsAfter: views.eventsAfter,
    /** Hears every stored event, e.g. to broadcast it. */
    onCommitted(listener: (event: MeetingEvent) => void) {
      committed.add(listener);
      return () => committed.delete(listener);
    },
  };
}
