import { and, asc, eq, gt, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Store, Tables } from "../../db/store.ts";
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

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

const decisionId = sql.placeholder("decisionId");

/**
 * A decision as the room shows it, read after every decision the room records: prepared
 * once (db/prepareOnce.ts), as building the query each time cost the live path a tenth of
 * a millisecond (docs/performance.md). A snapshot reads many at once (decisionViews).
 */
/** Decisions with their case's code and the decider's name: one decision's (prepared, below) or a list's. */
const decisionRows = (t: Tables, db: Query) =>
  db
    .select({ d: t.decisions, code: t.cases.code, byName: t.persons.name })
    .from(t.decisions)
    .innerJoin(t.cases, eq(t.cases.id, t.decisions.caseId))
    .innerJoin(t.persons, eq(t.persons.id, t.decisions.decidedBy));

/** Decisions' agencies' views with the agencies' names, by agency name. */
const viewRows = (t: Tables, db: Query, ofDecisions: SQL) =>
  db
    .select({
      decisionId: t.decisionViews.decisionId,
      agencyId: t.decisionViews.agencyId,
      agencyName: t.agencies.name,
      view: t.decisionViews.view,
      comment: t.decisionViews.comment,
    })
    .from(t.decisionViews)
    .innerJoin(t.agencies, eq(t.agencies.id, t.decisionViews.agencyId))
    .where(ofDecisions)
    .orderBy(asc(t.agencies.name));

const decisionQueries = preparedQueries((t, db) => ({
  decision: decisionRows(t, db).where(eq(t.decisions.id, decisionId)).prepare("views_decision"),
  views: viewRows(t, db, eq(t.decisionViews.decisionId, decisionId)).prepare("views_decision_views"),
}));

type DecisionRow = { d: Tables["decisions"]["$inferSelect"]; code: string; byName: string };

/** A decision's row and its agencies' views as the room shows them; null when it is on no item. */
function asDecisionView(row: DecisionRow, views: DecisionView["views"]): DecisionView | null {
  if (!row.d.agendaItemId) return null;
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

/** The views of `rows` in the order of `ids`; an id without a row, or whose row gives no view, is left out. */
function inOrderOf<R, V>(ids: readonly string[], rows: R[], idOf: (row: R) => string, view: (row: R) => V | null): V[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const v = row ? view(row) : null;
    return v ? [v] : [];
  });
}

const meetingId = sql.placeholder("meetingId");

/** What each event's cut needs to know of the agenda, read for every event: prepared once. */
const factQueries = preparedQueries((t, db) => ({
  meeting: db
    .select({ id: t.meetings.id, previousMeetingId: t.meetings.previousMeetingId })
    .from(t.meetings)
    .where(eq(t.meetings.id, meetingId))
    .prepare("facts_meeting"),
  items: db
    .select({ id: t.agendaItems.id, caseId: t.agendaItems.caseId })
    .from(t.agendaItems)
    .where(eq(t.agendaItems.meetingId, meetingId))
    .prepare("facts_items"),
  involved: db
    .select({ caseId: t.caseAgencies.caseId, agencyId: t.caseAgencies.agencyId })
    .from(t.caseAgencies)
    .innerJoin(t.agendaItems, eq(t.agendaItems.caseId, t.caseAgencies.caseId))
    .where(eq(t.agendaItems.meetingId, meetingId))
    .prepare("facts_involved"),
  restricted: db
    .select({ id: t.cases.id })
    .from(t.cases)
    .innerJoin(t.agendaItems, eq(t.agendaItems.caseId, t.cases.id))
    .where(and(eq(t.agendaItems.meetingId, meetingId), isNotNull(t.cases.restrictedAt)))
    .prepare("facts_restricted"),
}));

/** The things a meeting shows, read as whole views, and cut to what a screen may see. */
export function createMeetingViews(store: Store) {
  const { t } = store;
  // Raised in the same millisecond: the one stored first was first (SQLite's row order);
  // PostgreSQL keeps no insertion order, there the person's id decides, the same on every node.
  const raisedOrder = store.dialect === "sqlite" ? sql`${t.raisedHands}.rowid` : asc(t.raisedHands.personId);

  async function itemViews(q: Query, meetingId: string): Promise<AgendaItemView[]> {
    const rows = await q
      .select({ i: t.agendaItems, code: t.cases.code, summary: t.cases.summary })
      .from(t.agendaItems)
      .leftJoin(t.cases, eq(t.cases.id, t.agendaItems.caseId))
      .where(eq(t.agendaItems.meetingId, meetingId))
      .orderBy(asc(t.agendaItems.position));
    return rows.map(({ i, code, summary }) => ({
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

  async function participantViews(q: Query, meeting: { id: string; networkId: string }): Promise<ParticipantView[]> {
    const guests = await q
      .select({ itemId: t.agendaItemGuests.itemId, personId: t.agendaItemGuests.personId })
      .from(t.agendaItemGuests)
      .innerJoin(t.agendaItems, eq(t.agendaItems.id, t.agendaItemGuests.itemId))
      .where(eq(t.agendaItems.meetingId, meeting.id));
    const rows = await q
      .select({
        p: t.meetingParticipants,
        name: t.persons.name,
        agencyId: t.agencies.id,
        agencyName: t.agencies.name,
        role: t.memberships.role,
        answer: t.meetingAnswers.answer,
        delegateName: t.meetingAnswers.delegateName,
      })
      .from(t.meetingParticipants)
      .innerJoin(t.persons, eq(t.persons.id, t.meetingParticipants.personId))
      .innerJoin(
        t.memberships,
        and(eq(t.memberships.personId, t.meetingParticipants.personId), eq(t.memberships.networkId, meeting.networkId)),
      )
      // The agency they work for now, as the record view decides (recordView.ts) and the minutes print.
      .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
      // What they answered to the invitation beforehand: attending, or apologies (and a delegate).
      .leftJoin(
        t.meetingAnswers,
        and(
          eq(t.meetingAnswers.meetingId, t.meetingParticipants.meetingId),
          eq(t.meetingAnswers.personId, t.meetingParticipants.personId),
        ),
      )
      .where(eq(t.meetingParticipants.meetingId, meeting.id))
      .orderBy(asc(t.persons.name));
    return rows.map(({ p, name, agencyId, agencyName, role, answer, delegateName }) => ({
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
    }));
  }

  /**
   * The decisions of these ids as the room shows them, in the ids' order: one query for
   * the decisions and one for their agencies' views, however many there are (on
   * PostgreSQL each query is a round trip). Those not found, or on no item, are left out.
   */
  async function decisionViews(q: Query, ids: readonly string[]): Promise<DecisionView[]> {
    if (ids.length === 0) return [];
    const rows = await decisionRows(t, q).where(inArray(t.decisions.id, [...ids]));
    const views = await viewRows(t, q, inArray(t.decisionViews.decisionId, [...ids]));
    const viewsOf = new Map<string, DecisionView["views"]>();
    for (const { decisionId, ...v } of views) viewsOf.set(decisionId, [...(viewsOf.get(decisionId) ?? []), v]);
    return inOrderOf(
      ids,
      rows,
      (row) => row.d.id,
      (row) => asDecisionView(row, viewsOf.get(row.d.id) ?? []),
    );
  }

  async function decisionView(q: Query, decisionId: string): Promise<DecisionView | null> {
    const queries = decisionQueries(t, q);
    const [row] = await queries.decision.execute({ decisionId });
    if (!row) return null;
    const views = await queries.views.execute({ decisionId });
    return asDecisionView(
      row,
      views.map(({ decisionId: _, ...v }) => v),
    );
  }

  /** The tasks of these ids as the room shows them, in the ids' order, in one query; those on no item left out. */
  async function taskViews(q: Query, ids: readonly string[]): Promise<TaskView[]> {
    if (ids.length === 0) return [];
    const rows = await q
      .select({ t: t.tasks, agencyName: t.agencies.name, ownerName: t.persons.name })
      .from(t.tasks)
      .leftJoin(t.agencies, eq(t.agencies.id, t.tasks.ownerAgencyId))
      .leftJoin(t.persons, eq(t.persons.id, t.tasks.ownerPersonId))
      .where(inArray(t.tasks.id, [...ids]));
    return inOrderOf(
      ids,
      rows,
      (row) => row.t.id,
      (row) =>
        row.t.agendaItemId
          ? {
              id: row.t.id,
              itemId: row.t.agendaItemId,
              what: row.t.what,
              ownerAgencyName: row.agencyName ?? "",
              ownerPersonName: row.ownerName,
              dueOn: row.t.dueOn,
              status: row.t.status,
            }
          : null,
    );
  }

  async function taskView(q: Query, taskId: string): Promise<TaskView | null> {
    return (await taskViews(q, [taskId]))[0] ?? null;
  }

  /**
   * The proposals of these ids as the room shows them, in the ids' order: one query for
   * the proposals and one for the names of the people they name as owners.
   */
  async function proposalViews(q: Query, ids: readonly string[]): Promise<ProposalView[]> {
    if (ids.length === 0) return [];
    const rows = await q
      .select({ p: t.taskProposals, agencyName: t.agencies.name, byName: t.persons.name })
      .from(t.taskProposals)
      .innerJoin(t.agencies, eq(t.agencies.id, t.taskProposals.ownerAgencyId))
      .innerJoin(t.persons, eq(t.persons.id, t.taskProposals.proposedBy))
      .where(inArray(t.taskProposals.id, [...ids]));
    const ownerIds = [...new Set(rows.flatMap(({ p }) => (p.ownerPersonId ? [p.ownerPersonId] : [])))];
    const owners =
      ownerIds.length === 0
        ? []
        : await q
            .select({ id: t.persons.id, name: t.persons.name })
            .from(t.persons)
            .where(inArray(t.persons.id, ownerIds));
    const ownerName = new Map(owners.map((o) => [o.id, o.name]));
    return inOrderOf(
      ids,
      rows,
      (row) => row.p.id,
      ({ p, agencyName, byName }) => ({
        id: p.id,
        itemId: p.itemId,
        what: p.what,
        ownerAgencyId: p.ownerAgencyId,
        ownerAgencyName: agencyName,
        ownerPersonId: p.ownerPersonId,
        ownerPersonName: p.ownerPersonId ? (ownerName.get(p.ownerPersonId) ?? null) : null,
        goalId: p.goalId,
        dueOn: p.dueOn,
        proposedByName: byName,
        status: p.status,
      }),
    );
  }

  async function proposalView(q: Query, id: string): Promise<ProposalView | null> {
    return (await proposalViews(q, [id]))[0] ?? null;
  }

  /**
   * The actions agreed at the last meeting that were still open when this one began:
   * open now, or reviewed in this meeting (then with their review).
   */
  async function actionViews(
    q: Query,
    meeting: { id: string; previousMeetingId: string | null },
  ): Promise<ActionView[]> {
    if (!meeting.previousMeetingId) return [];
    const rows = await q
      .select({
        t: t.tasks,
        code: t.cases.code,
        agencyName: t.agencies.name,
        ownerName: t.persons.name,
        review: t.actionReviews.outcome,
      })
      .from(t.tasks)
      .innerJoin(t.cases, eq(t.cases.id, t.tasks.caseId))
      .leftJoin(t.agencies, eq(t.agencies.id, t.tasks.ownerAgencyId))
      .leftJoin(t.persons, eq(t.persons.id, t.tasks.ownerPersonId))
      .leftJoin(t.actionReviews, and(eq(t.actionReviews.taskId, t.tasks.id), eq(t.actionReviews.meetingId, meeting.id)))
      .where(
        and(
          eq(t.tasks.meetingId, meeting.previousMeetingId),
          or(inArray(t.tasks.status, [...OPEN_TASK_STATUSES]), isNotNull(t.actionReviews.outcome)),
        ),
      )
      .orderBy(asc(t.cases.code), asc(t.tasks.createdAt));
    return rows.map(({ t: task, code, agencyName, ownerName, review }) => ({
      taskId: task.id,
      caseId: task.caseId,
      caseCode: code,
      what: task.what,
      ownerAgencyName: agencyName,
      ownerPersonName: ownerName,
      dueOn: task.dueOn,
      review: review ?? null,
    }));
  }

  /** The round of views running now, with its agencies' names, or null. */
  async function roundView(q: Query, stored: string | null): Promise<RoundView | null> {
    if (!stored) return null;
    const round = JSON.parse(stored) as StoredRound;
    const rows = await q
      .select({ id: t.agencies.id, name: t.agencies.name })
      .from(t.agencies)
      .where(inArray(t.agencies.id, round.agencyIds));
    const names = new Map(rows.map((a) => [a.id, a.name]));
    return {
      itemId: round.itemId,
      agencies: round.agencyIds.map((agencyId) => ({ agencyId, agencyName: names.get(agencyId) ?? "" })),
      size: round.agencyIds.length,
      turn: round.turn,
    };
  }

  /** The raised hands, first raised first. */
  async function handViews(q: Query, meeting: { id: string; networkId: string }): Promise<HandView[]> {
    const rows = await q
      .select({
        personId: t.raisedHands.personId,
        name: t.persons.name,
        agencyName: t.agencies.name,
        at: t.raisedHands.raisedAt,
      })
      .from(t.raisedHands)
      .innerJoin(t.persons, eq(t.persons.id, t.raisedHands.personId))
      .innerJoin(
        t.memberships,
        and(eq(t.memberships.personId, t.raisedHands.personId), eq(t.memberships.networkId, meeting.networkId)),
      )
      .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
      .where(eq(t.raisedHands.meetingId, meeting.id))
      .orderBy(asc(t.raisedHands.raisedAt), raisedOrder);
    return rows.map((h) => ({
      personId: h.personId,
      name: h.name,
      agencyName: h.agencyName,
      raisedAt: h.at.getTime(),
    }));
  }

  async function fullSnapshot(q: Query, meetingId: string): Promise<MeetingSnapshot | null> {
    const [m] = await q.select().from(t.meetings).where(eq(t.meetings.id, meetingId));
    if (!m) return null;
    const [net] = await q.select().from(t.networks).where(eq(t.networks.id, m.networkId));
    const decisionIds = await q
      .select({ id: t.decisions.id })
      .from(t.decisions)
      .where(eq(t.decisions.meetingId, meetingId))
      .orderBy(asc(t.decisions.decidedAt));
    const taskIds = await q
      .select({ id: t.tasks.id })
      .from(t.tasks)
      .where(eq(t.tasks.meetingId, meetingId))
      .orderBy(asc(t.tasks.createdAt));
    const proposalIds = await q
      .select({ id: t.taskProposals.id })
      .from(t.taskProposals)
      .where(eq(t.taskProposals.meetingId, meetingId))
      .orderBy(asc(t.taskProposals.proposedAt));
    return {
      meeting: {
        id: m.id,
        networkId: m.networkId,
        title: m.title,
        startsAt: m.startsAt.getTime(),
        status: m.status,
        currentItemId: m.currentItemId,
        timer: { startedAt: m.timerStartedAt?.getTime() ?? null, elapsedMs: m.timerElapsedMs },
        confidentiality: { statement: net!.confidentialityStatement, version: net!.confidentialityVersion },
      },
      seq: m.lastSeq,
      level: "full",
      agenda: await itemViews(q, meetingId),
      participants: await participantViews(q, m),
      decisions: await decisionViews(q, ids(decisionIds)),
      tasks: await taskViews(q, ids(taskIds)),
      proposals: await proposalViews(q, ids(proposalIds)),
      actions: await actionViews(q, m),
      round: await roundView(q, m.round),
      hands: await handViews(q, m),
    };
  }

  /**
   * What the record view needs of each item: its case and the agencies involved in it
   * now; and of each case whose action this meeting reviews, the same under its case key.
   */
  async function itemFacts(q: Query, meetingId: string): Promise<ItemFacts[]> {
    const [meeting] = await factQueries(t, q).meeting.execute({ meetingId });
    const actionCases = [...new Set(meeting ? (await actionViews(q, meeting)).map((a) => a.caseId) : [])];
    const actionInvolved =
      actionCases.length === 0
        ? []
        : await q
            .select({ caseId: t.caseAgencies.caseId, agencyId: t.caseAgencies.agencyId })
            .from(t.caseAgencies)
            .where(inArray(t.caseAgencies.caseId, actionCases));
    const restricted = await restrictedAmong(q, actionCases);
    const caseFacts = actionCases.map((caseId) => ({
      id: caseKey(caseId),
      caseId,
      involvedAgencyIds: actionInvolved.filter((x) => x.caseId === caseId).map((x) => x.agencyId),
      restricted: restricted.has(caseId),
    }));
    return [...(await itemFactsOfAgenda(q, meetingId)), ...caseFacts];
  }

  async function itemFactsOfAgenda(q: Query, meetingId: string): Promise<ItemFacts[]> {
    const queries = factQueries(t, q);
    const rows = await queries.items.execute({ meetingId });
    const involved = await queries.involved.execute({ meetingId });
    const restricted = new Set((await queries.restricted.execute({ meetingId })).map((c) => c.id));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      involvedAgencyIds: r.caseId ? involved.filter((x) => x.caseId === r.caseId).map((x) => x.agencyId) : [],
      restricted: r.caseId !== null && restricted.has(r.caseId),
    }));
  }

  /** Which of these cases are restricted on the person's request (decision 0038). */
  async function restrictedAmong(q: Query, caseIds: readonly string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await q
      .select({ id: t.cases.id })
      .from(t.cases)
      .where(and(inArray(t.cases.id, [...new Set(caseIds)]), isNotNull(t.cases.restrictedAt)));
    return new Set(rows.map((c) => c.id));
  }

  /** The meeting's log after `afterSeq`, in order, as committed (as `q`'s snapshot has it). */
  async function eventsAfter(
    meetingId: string,
    afterSeq: number,
    limit = 1000,
    q: Query = store.db,
  ): Promise<MeetingEvent[]> {
    const rows = await q
      .select()
      .from(t.meetingEvents)
      .where(and(eq(t.meetingEvents.meetingId, meetingId), gt(t.meetingEvents.seq, afterSeq)))
      .orderBy(asc(t.meetingEvents.seq))
      .limit(limit);
    return rows.map(
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
}

export type MeetingViews = ReturnType<typeof createMeetingViews>;
