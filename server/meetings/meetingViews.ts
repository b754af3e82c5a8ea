import { and, asc, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import {
  actionReviews,
  agencies,
  agendaItemGuests,
  caseAgencies,
  agendaItems,
  cases,
  decisions,
  decisionViews,
  meetingAnswers,
  meetingEvents,
  meetingParticipants,
  meetings,
  memberships,
  networks,
  persons,
  raisedHands,
  taskProposals,
  tasks,
} from "../../db/schema/index.ts";
import type {
  ActionView,
  AgendaItemView,
  DecisionView,
  MeetingEvent,
  MeetingSnapshot,
  ParticipantView,
  HandView,
  ProposalView,
  RoundView,
  TaskView,
} from "../../app/contract/meetingProtocol.ts";
import { OPEN_TASK_STATUSES } from "../cases/caseFile.ts";
import { caseKey, type ItemFacts } from "./recordView.ts";

/** A round as the meetings row keeps it (JSON): the item, the agencies in their turn, whose turn. */
export interface StoredRound {
  itemId: string;
  agencyIds: string[];
  turn: number;
}

type Read = Pick<Db, "select">;

const decisionId = sql.placeholder("decisionId");

/** A decision as the room shows it, read after every decision: prepared once (db/prepareOnce.ts). */
const decisionQueries = (db: Read) => ({
  decision: db
    .select({ d: decisions, code: cases.code, byName: persons.name })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .innerJoin(persons, eq(persons.id, decisions.decidedBy))
    .where(eq(decisions.id, decisionId))
    .prepare(),
  views: db
    .select({
      agencyId: decisionViews.agencyId,
      agencyName: agencies.name,
      view: decisionViews.view,
      comment: decisionViews.comment,
    })
    .from(decisionViews)
    .innerJoin(agencies, eq(agencies.id, decisionViews.agencyId))
    .where(eq(decisionViews.decisionId, decisionId))
    .orderBy(asc(agencies.name))
    .prepare(),
});

const meetingId = sql.placeholder("meetingId");

/** What each event's cut needs to know of the agenda, read for every event: prepared once. */
const factQueries = (db: Read) => ({
  meeting: db
    .select({ id: meetings.id, previousMeetingId: meetings.previousMeetingId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .prepare(),
  items: db
    .select({ id: agendaItems.id, caseId: agendaItems.caseId })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .prepare(),
  involved: db
    .select({ caseId: caseAgencies.caseId, agencyId: caseAgencies.agencyId })
    .from(caseAgencies)
    .innerJoin(agendaItems, eq(agendaItems.caseId, caseAgencies.caseId))
    .where(eq(agendaItems.meetingId, meetingId))
    .prepare(),
  restricted: db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(agendaItems, eq(agendaItems.caseId, cases.id))
    .where(and(eq(agendaItems.meetingId, meetingId), isNotNull(cases.restrictedAt)))
    .prepare(),
});

/** The things a meeting shows, read as whole views, and cut to what a screen may see. */
export function createMeetingViews(db: Db) {
  function itemViews(tx: Read, meetingId: string): AgendaItemView[] {
    return tx
      .select({ i: agendaItems, code: cases.code, summary: cases.summary })
      .from(agendaItems)
      .leftJoin(cases, eq(cases.id, agendaItems.caseId))
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position))
      .all()
      .map(({ i, code, summary }) => ({
        id: i.id,
        position: i.position,
        section: i.section,
        reason: i.reason,
        kind: i.kind,
        title: i.title,
        caseCode: code,
        summary,
        plannedMinutes: i.plannedMinutes,
        status: i.status,
        hidden: false,
        access: "full" as const,
      }));
  }

  function participantViews(tx: Read, meeting: { id: string; networkId: string }): ParticipantView[] {
    const guests = tx
      .select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId })
      .from(agendaItemGuests)
      .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
      .where(eq(agendaItems.meetingId, meeting.id))
      .all();
    return (
      tx
        .select({
          p: meetingParticipants,
          name: persons.name,
          agencyId: agencies.id,
          agencyName: agencies.name,
          role: memberships.role,
          answer: meetingAnswers.answer,
          delegateName: meetingAnswers.delegateName,
        })
        .from(meetingParticipants)
        .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
        .innerJoin(
          memberships,
          and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, meeting.networkId)),
        )
        // The agency they work for now, as the record view decides (recordView.ts) and the minutes print.
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        // What they answered to the invitation beforehand: attending, or apologies (and a delegate).
        .leftJoin(
          meetingAnswers,
          and(
            eq(meetingAnswers.meetingId, meetingParticipants.meetingId),
            eq(meetingAnswers.personId, meetingParticipants.personId),
          ),
        )
        .where(eq(meetingParticipants.meetingId, meeting.id))
        .orderBy(asc(persons.name))
        .all()
        .map(({ p, name, agencyId, agencyName, role, answer, delegateName }) => ({
          personId: p.personId,
          name,
          agencyId,
          agencyName,
          mandate: p.mandate,
          role,
          attendance: p.attendance,
          joinedAt: p.joinedAt?.getTime() ?? null,
          leftAt: p.leftAt?.getTime() ?? null,
          corrected: p.attendanceSetBy !== null,
          answer,
          delegateName,
          accepted: p.confidentialityAcceptedAt !== null,
          guestOf: guests.filter((g) => g.personId === p.personId).map((g) => g.itemId),
        }))
    );
  }

  function decisionView(tx: Read, decisionId: string): DecisionView | null {
    const q = prepareOnce(tx, decisionQueries);
    const row = q.decision.get({ decisionId });
    if (!row || !row.d.agendaItemId) return null;
    const views = q.views.all({ decisionId });
    return {
      id: row.d.id,
      itemId: row.d.agendaItemId,
      caseCode: row.code,
      kind: row.d.kind,
      outcome: row.d.outcome,
      rationale: row.d.rationale,
      decidedByName: row.byName,
      decidedAt: row.d.decidedAt.getTime(),
      views,
    };
  }

  function taskView(tx: Read, taskId: string): TaskView | null {
    const t = tx
      .select({ t: tasks, agencyName: agencies.name, ownerName: persons.name })
      .from(tasks)
      .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
      .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
      .where(eq(tasks.id, taskId))
      .get();
    if (!t || !t.t.agendaItemId) return null;
    return {
      id: t.t.id,
      itemId: t.t.agendaItemId,
      what: t.t.what,
      ownerAgencyName: t.agencyName ?? "",
      ownerPersonName: t.ownerName,
      dueOn: t.t.dueOn,
      status: t.t.status,
    };
  }

  function proposalView(tx: Read, id: string): ProposalView | null {
    const p = tx
      .select({ p: taskProposals, agencyName: agencies.name, byName: persons.name })
      .from(taskProposals)
      .innerJoin(agencies, eq(agencies.id, taskProposals.ownerAgencyId))
      .innerJoin(persons, eq(persons.id, taskProposals.proposedBy))
      .where(eq(taskProposals.id, id))
      .get();
    const owner = p?.p.ownerPersonId
      ? tx.select({ name: persons.name }).from(persons).where(eq(persons.id, p.p.ownerPersonId)).get()
      : undefined;
    return p
      ? {
          id: p.p.id,
          itemId: p.p.itemId,
          what: p.p.what,
          ownerAgencyId: p.p.ownerAgencyId,
          ownerAgencyName: p.agencyName,
          ownerPersonId: p.p.ownerPersonId,
          ownerPersonName: owner?.name ?? null,
          goalId: p.p.goalId,
          dueOn: p.p.dueOn,
          proposedByName: p.byName,
          status: p.p.status,
        }
      : null;
  }

  /**
   * The actions agreed at the last meeting that were still open when this one began:
   * open now, or reviewed in this meeting (then with their review).
   */
  function actionViews(tx: Read, meeting: { id: string; previousMeetingId: string | null }): ActionView[] {
    if (!meeting.previousMeetingId) return [];
    return tx
      .select({
        t: tasks,
        code: cases.code,
        agencyName: agencies.name,
        ownerName: persons.name,
        review: actionReviews.outcome,
      })
      .from(tasks)
      .innerJoin(cases, eq(cases.id, tasks.caseId))
      .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
      .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
      .leftJoin(actionReviews, and(eq(actionReviews.taskId, tasks.id), eq(actionReviews.meetingId, meeting.id)))
      .where(
        and(
          eq(tasks.meetingId, meeting.previousMeetingId),
          or(inArray(tasks.status, [...OPEN_TASK_STATUSES]), isNotNull(actionReviews.outcome)),
        ),
      )
      .orderBy(asc(cases.code), asc(tasks.createdAt))
      .all()
      .map(({ t, code, agencyName, ownerName, review }) => ({
        taskId: t.id,
        caseId: t.caseId,
        caseCode: code,
        what: t.what,
        ownerAgencyName: agencyName,
        ownerPersonName: ownerName,
        dueOn: t.dueOn,
        review: review ?? null,
      }));
  }

  /** The round of views running now, with its agencies' names, or null. */
  function roundView(tx: Read, stored: string | null): RoundView | null {
    if (!stored) return null;
    const round = JSON.parse(stored) as StoredRound;
    const names = new Map(
      tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(inArray(agencies.id, round.agencyIds))
        .all()
        .map((a) => [a.id, a.name]),
    );
    return {
      itemId: round.itemId,
      agencies: round.agencyIds.map((agencyId) => ({ agencyId, agencyName: names.get(agencyId) ?? "" })),
      size: round.agencyIds.length,
      turn: round.turn,
    };
  }

  /** The raised hands, first raised first. */
  function handViews(tx: Read, meeting: { id: string; networkId: string }): HandView[] {
    return (
      tx
        .select({
          personId: raisedHands.personId,
          name: persons.name,
          agencyName: agencies.name,
          at: raisedHands.raisedAt,
        })
        .from(raisedHands)
        .innerJoin(persons, eq(persons.id, raisedHands.personId))
        .innerJoin(
          memberships,
          and(eq(memberships.personId, raisedHands.personId), eq(memberships.networkId, meeting.networkId)),
        )
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .where(eq(raisedHands.meetingId, meeting.id))
        // Raised in the same millisecond: the one stored first was first.
        .orderBy(asc(raisedHands.raisedAt), sql`${raisedHands}.rowid`)
        .all()
        .map((h) => ({ personId: h.personId, name: h.name, agencyName: h.agencyName, raisedAt: h.at.getTime() }))
    );
  }

  function fullSnapshot(tx: Read, meetingId: string): MeetingSnapshot | null {
    const m = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
    if (!m) return null;
    const net = tx.select().from(networks).where(eq(networks.id, m.networkId)).get()!;
    const decisionIds = tx
      .select({ id: decisions.id })
      .from(decisions)
      .where(eq(decisions.meetingId, meetingId))
      .orderBy(asc(decisions.decidedAt))
      .all();
    const taskIds = tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(eq(tasks.meetingId, meetingId))
      .orderBy(asc(tasks.createdAt))
      .all();
    const proposalIds = tx
      .select({ id: taskProposals.id })
      .from(taskProposals)
      .where(eq(taskProposals.meetingId, meetingId))
      .orderBy(asc(taskProposals.proposedAt))
      .all();
    return {
      meeting: {
        id: m.id,
        networkId: m.networkId,
        title: m.title,
        startsAt: m.startsAt.getTime(),
        status: m.status,
        currentItemId: m.currentItemId,
        timer: { startedAt: m.timerStartedAt?.getTime() ?? null, elapsedMs: m.timerElapsedMs },
        confidentiality: { statement: net.confidentialityStatement, version: net.confidentialityVersion },
      },
      seq: m.lastSeq,
      level: "full",
      agenda: itemViews(tx, meetingId),
      participants: participantViews(tx, m),
      decisions: decisionIds.map((d) => decisionView(tx, d.id)).filter((d) => d !== null),
      tasks: taskIds.map((t) => taskView(tx, t.id)).filter((t) => t !== null),
      proposals: proposalIds.map((p) => proposalView(tx, p.id)).filter((p) => p !== null),
      actions: actionViews(tx, m),
      round: roundView(tx, m.round),
      hands: handViews(tx, m),
    };
  }

  /**
   * What the record view needs of each item: its case and the agencies involved in it
   * now; and of each case whose action this meeting reviews, the same under its case key.
   */
  function itemFacts(tx: Read, meetingId: string): ItemFacts[] {
    const meeting = prepareOnce(tx, factQueries).meeting.get({ meetingId });
    const actionCases = [...new Set(meeting ? actionViews(tx, meeting).map((a) => a.caseId) : [])];
    const actionInvolved =
      actionCases.length === 0
        ? []
        : tx
            .select({ caseId: caseAgencies.caseId, agencyId: caseAgencies.agencyId })
            .from(caseAgencies)
            .where(inArray(caseAgencies.caseId, actionCases))
            .all();
    const restricted = restrictedAmong(tx, actionCases);
    const caseFacts = actionCases.map((caseId) => ({
      id: caseKey(caseId),
      caseId,
      involvedAgencyIds: actionInvolved.filter((x) => x.caseId === caseId).map((x) => x.agencyId),
      restricted: restricted.has(caseId),
    }));
    return [...itemFactsOfAgenda(tx, meetingId), ...caseFacts];
  }

  function itemFactsOfAgenda(tx: Read, meetingId: string): ItemFacts[] {
    const q = prepareOnce(tx, factQueries);
    const rows = q.items.all({ meetingId });
    const involved = q.involved.all({ meetingId });
    const restricted = new Set(q.restricted.all({ meetingId }).map((c) => c.id));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      involvedAgencyIds: r.caseId ? involved.filter((x) => x.caseId === r.caseId).map((x) => x.agencyId) : [],
      restricted: r.caseId !== null && restricted.has(r.caseId),
    }));
  }

  /** Which of these cases are restricted on the person's request (decision 0038). */
  function restrictedAmong(tx: Read, caseIds: readonly string[]): Set<string> {
    if (caseIds.length === 0) return new Set();
    return new Set(
      tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(inArray(cases.id, [...new Set(caseIds)]), isNotNull(cases.restrictedAt)))
        .all()
        .map((c) => c.id),
    );
  }

  return {
    itemViews,
    participantViews,
    decisionView,
    taskView,
    proposalView,
    actionViews,
    roundView,
    handViews,
    fullSnapshot,
    itemFacts,
    eventsAfter,
  };

  function eventsAfter(meetingId: string, afterSeq: number, limit = 1000): MeetingEvent[] {
    return db
      .select()
      .from(meetingEvents)
      .where(and(eq(meetingEvents.meetingId, meetingId), gt(meetingEvents.seq, afterSeq)))
      .orderBy(asc(meetingEvents.seq))
      .limit(limit)
      .all()
      .map(
        (e) =>
          // The log is written only by the engine, from its command's typed event (engine.ts).
          ({
            meetingId,
            seq: e.seq,
            type: e.type,
            itemId: e.itemId,
            at: e.at.getTime(),
            data: JSON.parse(e.payload) as unknown,
          }) as MeetingEvent,
      );
  }
}

export type MeetingViews = ReturnType<typeof createMeetingViews>;
