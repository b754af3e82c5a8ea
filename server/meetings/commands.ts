import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import {
  decisionCorrections,
  actionReviews,
  agendaItemGuests,
  agendaItems,
  cases,
  decisions,
  planVersions,
  decisionViews,
  raisedHands,
  meetingParticipants,
  meetings,
  memberships,
  networks,
  signals,
  taskProposals,
  tasks,
  agencies,
} from "../../db/schema/index.ts";
import { currentGoal, planContentSchema } from "../../app/contract/planContent.ts";
import type { AgendaSection } from "../../app/contract/vocabulary.ts";
import type { AuditActor } from "../audit/auditLog.ts";
import { can } from "../auth/policy.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { ErrorCode } from "../../app/contract/protocol.ts";
import type { RefusalParams, RefusalReason } from "../../app/contract/refusals.ts";
import type {
  EventOf,
  MeetingCommandName,
  MeetingCommandPayloads,
  MeetingEventData,
} from "../../app/contract/meetingProtocol.ts";
import { involvedAgencies, withScope, type CaseWithScope } from "../cases/caseRegister.ts";
import { decideOnCase, type DecisionOn } from "../cases/caseDecision.ts";
import { recordLeaving, setAttendance, startPresence } from "./attendance.ts";
import type { MeetingEngineDeps } from "./engine.ts";
import { confirmUpdate, itemHasUpdates } from "../updates/agencyUpdatesSync.ts";
import type { MeetingViews, StoredRound } from "./meetingViews.ts";
import { recordView, type Audience, type MeetingStanding } from "./recordView.ts";

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
export type MeetingRow = typeof meetings.$inferSelect;

/** A command refused: nothing is written, the sender gets the code and the reason (the page words it). */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: RefusalReason,
    readonly params?: RefusalParams,
  ) {
    super(reason);
  }
}

export interface CommandContext {
  tx: Tx;
  /** The person, with their membership of this network as read in this transaction. */
  person: SignedInPerson;
  standing: MeetingStanding;
  audience: Audience;
  actor: AuditActor & { personId: string };
  meeting: MeetingRow;
  services: MeetingEngineDeps;
  views: MeetingViews;
}

/** What a command did: its event's data and, for an item's own record, the item. */
export interface Applied<N extends MeetingCommandName> {
  itemId: string | null;
  data: MeetingEventData[EventOf<N>];
}

type Handler<N extends MeetingCommandName> = (ctx: CommandContext, cmd: MeetingCommandPayloads[N]) => Applied<N>;

/** A view of something this command has just written: there is one, or the command fails. */
function written<T>(view: T | null, what: string): T {
  if (view === null) throw new Error(`The ${what} just written could not be read back.`);
  return view;
}

const need = (ok: boolean, code: ErrorCode, reason: RefusalReason, params?: RefusalParams) => {
  if (!ok) throw new Refusal(code, reason, params);
};
const runs = (ctx: CommandContext) =>
  need(can(ctx.person, "meetings:run", ctx.meeting.networkId), "forbidden", "chair_or_coordinator_only");
const captures = (ctx: CommandContext) =>
  need(can(ctx.person, "meetings:capture", ctx.meeting.networkId), "forbidden", "chair_or_coordinator_captures");
const running = (ctx: CommandContext) =>
  need(
    ctx.meeting.status === "running",
    "conflict",
    ctx.meeting.status === "ended" ? "meeting_ended" : "meeting_not_started",
  );
const notEnded = (ctx: CommandContext) => need(ctx.meeting.status !== "ended", "conflict", "meeting_ended");

const meetingId = sql.placeholder("meetingId");
const itemId = sql.placeholder("itemId");

/** What most commands read, and the decision's item: prepared once (db/prepareOnce.ts). */
const commandQueries = (db: Tx) => ({
  seat: db
    .select()
    .from(meetingParticipants)
    .where(
      and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, sql.placeholder("personId"))),
    )
    .prepare(),
  item: db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .prepare(),
  case: db
    .select()
    .from(cases)
    .where(eq(cases.id, sql.placeholder("caseId")))
    .prepare(),
  guestAgencies: db
    .select({ agencyId: memberships.agencyId })
    .from(agendaItemGuests)
    .innerJoin(
      memberships,
      and(eq(memberships.personId, agendaItemGuests.personId), eq(memberships.networkId, sql.placeholder("networkId"))),
    )
    .where(eq(agendaItemGuests.itemId, itemId))
    .prepare(),
  decisionAt: db
    .update(decisions)
    .set({ meetingId: sql`${meetingId}`, agendaItemId: sql`${itemId}` })
    .where(eq(decisions.id, sql.placeholder("decisionId")))
    .prepare(),
});

function seatOf(ctx: CommandContext) {
  return prepareOnce(ctx.tx, commandQueries).seat.get({ meetingId: ctx.meeting.id, personId: ctx.person.personId });
}
function accepted(ctx: CommandContext) {
  const seat = seatOf(ctx);
  need(!!seat?.confidentialityAcceptedAt, "confidentiality_required", "confidentiality_required");
  return seat!;
}
function itemOf(ctx: CommandContext, itemId: string) {
  const item = prepareOnce(ctx.tx, commandQueries).item.get({ itemId, meetingId: ctx.meeting.id });
  if (!item) throw new Refusal("not_found", "no_such_item");
  return item;
}
function caseOfItem(ctx: CommandContext, item: typeof agendaItems.$inferSelect): CaseWithScope {
  if (!item.caseId) throw new Refusal("refused", "item_not_about_case");
  return withScope(ctx.tx, prepareOnce(ctx.tx, commandQueries).case.get({ caseId: item.caseId }))!;
}
function agenda(ctx: CommandContext) {
  return ctx.tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, ctx.meeting.id))
    .orderBy(asc(agendaItems.position))
    .all();
}
function agendaData(ctx: CommandContext) {
  return { agenda: ctx.views.itemViews(ctx.tx, ctx.meeting.id) };
}
function itemData(ctx: CommandContext, itemId: string) {
  return ctx.views.itemViews(ctx.tx, ctx.meeting.id).find((i) => i.id === itemId)!;
}
/** Stops the timer of the current item and books its time. */
function stopTimer(ctx: CommandContext, now: number) {
  const m = ctx.meeting;
  const elapsed = m.timerElapsedMs + (m.timerStartedAt ? now - m.timerStartedAt.getTime() : 0);
  if (m.currentItemId)
    ctx.tx.update(agendaItems).set({ spentMs: elapsed }).where(eq(agendaItems.id, m.currentItemId)).run();
  return elapsed;
}
function setMeeting(ctx: CommandContext, values: Partial<typeof meetings.$inferInsert>) {
  ctx.tx.update(meetings).set(values).where(eq(meetings.id, ctx.meeting.id)).run();
  Object.assign(ctx.meeting, values);
}
const timerData = (ctx: CommandContext) => ({
  currentItemId: ctx.meeting.currentItemId,
  timer: { startedAt: ctx.meeting.timerStartedAt?.getTime() ?? null, elapsedMs: ctx.meeting.timerElapsedMs },
});

function ownerChecked(ctx: CommandContext, ownerAgencyId: string, ownerPersonId: string | null | undefined) {
  const agency = ctx.tx
    .select({ id: agencies.id })
    .from(agencies)
    .where(and(eq(agencies.id, ownerAgencyId), eq(agencies.networkId, ctx.meeting.networkId)))
    .get();
  need(!!agency, "refused", "unknown_agency");
  if (ownerPersonId) {
    const m = ctx.tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.personId, ownerPersonId),
          eq(memberships.agencyId, ownerAgencyId),
          eq(memberships.networkId, ctx.meeting.networkId),
        ),
      )
      .get();
    need(!!m, "refused", "owner_not_in_agency");
  }
}

/**
 * The plan goal a meeting's task serves, so the plan's next version carries it: the one
 * picked, which must be a goal of the case's latest plan, or else the current goal (the
 * first still open). Null for a case without a plan.
 */
function goalServed(ctx: CommandContext, caseId: string, picked: string | null | undefined): string | null {
  const plan = ctx.tx
    .select({ content: planVersions.content })
    .from(planVersions)
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.version))
    .limit(1)
    .get();
  const goals = plan ? planContentSchema.parse(plan.content).goals : [];
  if (!picked) return currentGoal(goals)?.id ?? null;
  need(
    goals.some((g) => g.id === picked),
    "refused",
    "goal_not_in_plan",
  );
  return picked;
}

/** What a decision on an item of each section is about; other sections take none. */
const DECISION_ON: Partial<Record<AgendaSection, DecisionOn>> = {
  signals: "routing",
  reliability: "routing",
  closures: "closure",
  checkins: "check_in",
};

export const HANDLERS: { [N in MeetingCommandName]: Handler<N> } = {
  "confidentiality:accept": (ctx, cmd) => {
    const seat = seatOf(ctx);
    need(!!seat, "forbidden", "not_invited");
    const net = ctx.tx
      .select({ version: networks.confidentialityVersion })
      .from(networks)
      .where(eq(networks.id, ctx.meeting.networkId))
      .get()!;
    need(cmd.version === net.version, "conflict", "confidentiality_changed");
    const at = new Date();
    ctx.tx
      .update(meetingParticipants)
      .set({ confidentialityVersion: cmd.version, confidentialityAcceptedAt: at })
      .where(
        and(eq(meetingParticipants.meetingId, ctx.meeting.id), eq(meetingParticipants.personId, ctx.person.personId)),
      )
      .run();
    return {
      itemId: null,
      data: {
        personId: ctx.person.personId,
        version: cmd.version,
        at: at.getTime(),
        participants: ctx.views.participantViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "attendance:set": (ctx, cmd) => {
    const self = cmd.personId === ctx.person.personId;
    if (!self) runs(ctx);
    notEnded(ctx);
    const set = setAttendance(
      ctx.tx,
      ctx.meeting,
      cmd.personId,
      cmd.attendance,
      self ? null : ctx.person.personId,
      new Date(),
    );
    need(set, "not_found", "person_not_invited");
    return { itemId: null, data: { participants: ctx.views.participantViews(ctx.tx, ctx.meeting) } };
  },
  "attendance:leave": (ctx) => {
    running(ctx);
    need(recordLeaving(ctx.tx, ctx.meeting.id, ctx.person.personId, new Date()), "conflict", "not_in_meeting");
    // Who has left no longer waits to speak.
    ctx.tx
      .delete(raisedHands)
      .where(and(eq(raisedHands.meetingId, ctx.meeting.id), eq(raisedHands.personId, ctx.person.personId)))
      .run();
    return {
      itemId: null,
      data: {
        participants: ctx.views.participantViews(ctx.tx, ctx.meeting),
        hands: ctx.views.handViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "meeting:start": (ctx) => {
    runs(ctx);
    need(ctx.meeting.status === "scheduled", "conflict", "meeting_already_started");
    const first = agenda(ctx)[0];
    setMeeting(ctx, {
      status: "running",
      startedAt: new Date(),
      currentItemId: first?.id ?? null,
      timerStartedAt: new Date(),
      timerElapsedMs: 0,
    });
    startPresence(ctx.tx, ctx.meeting.id, ctx.meeting.startedAt!);
    return {
      itemId: null,
      data: {
        status: "running" as const,
        ...timerData(ctx),
        participants: ctx.views.participantViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "meeting:end": (ctx) => {
    runs(ctx);
    running(ctx);
    stopTimer(ctx, Date.now());
    setMeeting(ctx, { status: "ended", endedAt: new Date(), timerStartedAt: null, round: null });
    ctx.tx.delete(raisedHands).where(eq(raisedHands.meetingId, ctx.meeting.id)).run();
    return { itemId: null, data: { status: "ended" as const, ...timerData(ctx) } };
  },
  "item:open": (ctx, cmd) => {
    runs(ctx);
    running(ctx);
    const items = agenda(ctx);
    const at = items.findIndex((i) => i.id === ctx.meeting.currentItemId);
    let target;
    if (cmd.to === "next") target = items[at + 1];
    else if (cmd.to === "previous") target = items[at - 1];
    else {
      const { itemId } = cmd.to;
      target = items.find((i) => i.id === itemId);
    }
    need(
      !!target,
      "not_found",
      cmd.to === "next" ? "last_item" : cmd.to === "previous" ? "first_item" : "no_such_item",
    );
    stopTimer(ctx, Date.now());
    // A round of views belongs to its item: moving on ends it.
    setMeeting(ctx, {
      currentItemId: target!.id,
      timerStartedAt: new Date(),
      timerElapsedMs: target!.spentMs,
      round: null,
    });
    return { itemId: null, data: timerData(ctx) };
  },
  "timer:start": (ctx) => {
    runs(ctx);
    running(ctx);
    need(ctx.meeting.timerStartedAt === null, "conflict", "timer_running");
    setMeeting(ctx, { timerStartedAt: new Date() });
    return { itemId: null, data: timerData(ctx) };
  },
  "timer:pause": (ctx) => {
    runs(ctx);
    running(ctx);
    need(ctx.meeting.timerStartedAt !== null, "conflict", "timer_paused");
    setMeeting(ctx, { timerElapsedMs: stopTimer(ctx, Date.now()), timerStartedAt: null });
    return { itemId: null, data: timerData(ctx) };
  },
  "item:complete": (ctx, cmd) => {
    runs(ctx);
    running(ctx);
    itemOf(ctx, cmd.itemId);
    ctx.tx.update(agendaItems).set({ status: cmd.outcome }).where(eq(agendaItems.id, cmd.itemId)).run();
    return { itemId: null, data: { item: itemData(ctx, cmd.itemId) } };
  },
  "agenda:add": (ctx, cmd) => {
    runs(ctx);
    notEnded(ctx);
    let caseId: string | null = null;
    let signalId: string | null = null;
    if (cmd.caseCode) {
      const c = ctx.tx
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.networkId, ctx.meeting.networkId), eq(cases.code, cmd.caseCode.toUpperCase())))
        .get();
      need(!!c, "not_found", "no_such_case", { code: cmd.caseCode });
      caseId = c!.id;
      // A signal item is about the case's latest signal: that is what gets graded and routed.
      if (cmd.section === "signals") {
        signalId =
          ctx.tx
            .select({ id: signals.id })
            .from(signals)
            .where(eq(signals.caseId, caseId))
            .orderBy(asc(signals.receivedAt))
            .all()
            .at(-1)?.id ?? null;
      }
    }
    const items = agenda(ctx);
    // A new item goes at the end of its section.
    const sectionOrder: AgendaSection[] = ["opening", "signals", "reliability", "checkins", "closures", "aob"];
    const rank = sectionOrder.indexOf(cmd.section);
    const insertAt = items.findIndex((i) => sectionOrder.indexOf(i.section) > rank);
    const position = insertAt === -1 ? items.length : insertAt;
    items.slice(position).forEach((i) =>
      ctx.tx
        .update(agendaItems)
        .set({ position: i.position + 1 })
        .where(eq(agendaItems.id, i.id))
        .run(),
    );
    ctx.tx
      .insert(agendaItems)
      .values({
        id: randomUUID(),
        meetingId: ctx.meeting.id,
        position,
        section: cmd.section,
        reason: "added",
        kind: "own",
        title: cmd.title,
        caseId,
        signalId,
        plannedMinutes: cmd.minutes,
      })
      .run();
    return { itemId: null, data: agendaData(ctx) };
  },
  "agenda:remove": (ctx, cmd) => {
    runs(ctx);
    notEnded(ctx);
    itemOf(ctx, cmd.itemId);
    need(ctx.meeting.currentItemId !== cmd.itemId, "conflict", "item_being_discussed");
    const hasRecord =
      ctx.tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.agendaItemId, cmd.itemId)).get() ??
      ctx.tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.agendaItemId, cmd.itemId)).get();
    need(!hasRecord && !itemHasUpdates(ctx.tx, cmd.itemId), "conflict", "item_on_record");
    ctx.tx.delete(taskProposals).where(eq(taskProposals.itemId, cmd.itemId)).run();
    ctx.tx.delete(agendaItems).where(eq(agendaItems.id, cmd.itemId)).run();
    agenda(ctx).forEach((i, position) =>
      ctx.tx.update(agendaItems).set({ position }).where(eq(agendaItems.id, i.id)).run(),
    );
    return { itemId: null, data: agendaData(ctx) };
  },
  "agenda:retime": (ctx, cmd) => {
    runs(ctx);
    notEnded(ctx);
    itemOf(ctx, cmd.itemId);
    ctx.tx.update(agendaItems).set({ plannedMinutes: cmd.minutes }).where(eq(agendaItems.id, cmd.itemId)).run();
    return { itemId: null, data: agendaData(ctx) };
  },
  "agenda:reorder": (ctx, cmd) => {
    runs(ctx);
    notEnded(ctx);
    const items = agenda(ctx);
    const same =
      cmd.itemIds.length === items.length &&
      new Set(cmd.itemIds).size === items.length &&
      items.every((i) => cmd.itemIds.includes(i.id));
    need(same, "invalid_payload", "order_incomplete");
    cmd.itemIds.forEach((id, position) =>
      ctx.tx.update(agendaItems).set({ position }).where(eq(agendaItems.id, id)).run(),
    );
    return { itemId: null, data: agendaData(ctx) };
  },
  "signal:grade": (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    need(!!item.signalId, "refused", "no_signal_to_grade");
    const c = caseOfItem(ctx, item);
    const r = ctx.services.analysis.recordAnalysis(
      ctx.actor,
      c,
      item.signalId!,
      {
        isSecuritySignal: cmd.isSecuritySignal,
        sourceGrade: cmd.sourceGrade,
        informationGrade: cmd.informationGrade,
        handling: cmd.handling ?? null,
        gradingRationale: cmd.gradingRationale,
        knownConflict: cmd.knownConflict || null,
        reporterInterest: cmd.reporterInterest || null,
        corroboration: cmd.corroboration || null,
      },
      ctx.tx,
    );
    if (!r.ok) throw new Refusal("refused", r.reason === "bad_grade" ? "grade_not_on_scale" : "no_signal_to_grade");
    return {
      itemId: item.id,
      data: {
        itemId: item.id,
        grade: `${cmd.sourceGrade}${cmd.informationGrade}${cmd.handling ?? ""}`,
        isSecuritySignal: cmd.isSecuritySignal,
      },
    };
  },
  "decision:record": (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    const c = caseOfItem(ctx, item);
    const voices = agenciesWithAVoice(ctx, item.id, c.id);
    for (const v of cmd.views) need(voices.has(v.agencyId), "refused", "view_involved_or_guest");
    const on = DECISION_ON[item.section];
    if (!on) throw new Refusal("refused", "decisions_on_case_items");
    const r = decideOnCase(ctx.services, ctx.tx, ctx.actor, ctx.person, c, on, cmd, item.signalId);
    if (!r.ok) throw new Refusal(r.code, r.reason);
    const { decisionId } = r;
    // The task a routing made (gather information) belongs to this item too.
    for (const taskId of r.taskIds)
      ctx.tx.update(tasks).set({ meetingId: ctx.meeting.id, agendaItemId: item.id }).where(eq(tasks.id, taskId)).run();
    prepareOnce(ctx.tx, commandQueries).decisionAt.run({ meetingId: ctx.meeting.id, itemId: item.id, decisionId });
    for (const v of cmd.views) {
      ownerChecked(ctx, v.agencyId, null);
      ctx.tx
        .insert(decisionViews)
        .values({
          decisionId,
          agencyId: v.agencyId,
          view: v.view,
          comment: v.comment ?? null,
          givenBy: ctx.person.personId,
        })
        .onConflictDoNothing()
        .run();
    }
    return { itemId: item.id, data: { decision: written(ctx.views.decisionView(ctx.tx, decisionId), "decision") } };
  },
  "view:give": (ctx, cmd) => {
    running(ctx);
    const seat = accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    const agencyId = seat.agencyId;
    if (ctx.standing.role === "guest")
      need(ctx.standing.guestItemIds.includes(item.id), "forbidden", "guest_view_own_item");
    else
      need(
        !item.caseId || agenciesWithAVoice(ctx, item.id, item.caseId).has(agencyId),
        "refused",
        "view_involved_only",
      );
    if (cmd.decisionId) {
      const d = ctx.tx
        .select()
        .from(decisions)
        .where(and(eq(decisions.id, cmd.decisionId), eq(decisions.agendaItemId, item.id)))
        .get();
      need(!!d, "not_found", "no_such_decision_on_item");
      ctx.tx
        .insert(decisionViews)
        .values({
          decisionId: d!.id,
          agencyId,
          view: cmd.view,
          comment: cmd.comment ?? null,
          givenBy: ctx.person.personId,
        })
        .onConflictDoUpdate({
          target: [decisionViews.decisionId, decisionViews.agencyId],
          set: { view: cmd.view, comment: cmd.comment ?? null, givenBy: ctx.person.personId },
        })
        .run();
      return {
        itemId: item.id,
        data: { on: "decision" as const, decision: written(ctx.views.decisionView(ctx.tx, d!.id), "decision") },
      };
    }
    need(item.section === "closures", "invalid_payload", "name_the_decision");
    const c = caseOfItem(ctx, item);
    const r = ctx.services.closure.giveView(
      ctx.actor,
      c,
      agencyId,
      { view: cmd.view, comment: cmd.comment ?? null },
      ctx.tx,
    );
    if (!r.ok)
      throw new Refusal(
        "refused",
        r.reason === "not_involved" ? "closure_view_involved_only" : "no_open_closure_proposal",
      );
    return {
      itemId: item.id,
      data: {
        on: "closure" as const,
        itemId: item.id,
        closureView: { agencyId, view: cmd.view, comment: cmd.comment ?? null },
      },
    };
  },
  "task:add": (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    const c = caseOfItem(ctx, item);
    ownerChecked(ctx, cmd.ownerAgencyId, cmd.ownerPersonId);
    const proposed = cmd.proposalId
      ? ctx.tx
          .select({ goalId: taskProposals.goalId })
          .from(taskProposals)
          .where(eq(taskProposals.id, cmd.proposalId))
          .get()
      : undefined;
    const goalId = goalServed(ctx, c.id, cmd.goalId ?? proposed?.goalId);
    const id = randomUUID();
    ctx.tx
      .insert(tasks)
      .values({
        id,
        networkId: c.networkId,
        caseId: c.id,
        goalId,
        what: cmd.what,
        ownerAgencyId: cmd.ownerAgencyId,
        ownerPersonId: cmd.ownerPersonId ?? null,
        dueOn: cmd.dueOn,
        createdBy: ctx.person.personId,
        meetingId: ctx.meeting.id,
        agendaItemId: item.id,
      })
      .run();
    let proposal = null;
    if (cmd.proposalId) {
      const r = ctx.tx
        .update(taskProposals)
        .set({ status: "accepted", taskId: id })
        .where(
          and(
            eq(taskProposals.id, cmd.proposalId),
            eq(taskProposals.itemId, item.id),
            eq(taskProposals.status, "open"),
          ),
        )
        .run();
      need(r.changes === 1, "not_found", "proposal_not_open");
      proposal = written(ctx.views.proposalView(ctx.tx, cmd.proposalId), "proposal");
    }
    ctx.services.audit.append(
      ctx.actor,
      {
        action: "task.created",
        networkId: c.networkId,
        subjectType: "task",
        subjectId: id,
        details: { code: c.code, agencyId: cmd.ownerAgencyId, dueOn: cmd.dueOn, meetingId: ctx.meeting.id },
      },
      ctx.tx,
    );
    return { itemId: item.id, data: { task: written(ctx.views.taskView(ctx.tx, id), "task"), proposal } };
  },
  "task:propose": (ctx, cmd) => {
    running(ctx);
    accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    const c = caseOfItem(ctx, item);
    if (ctx.standing.role === "guest")
      need(ctx.standing.guestItemIds.includes(item.id), "forbidden", "guest_speaks_own_item");
    need(seesInFull(ctx, item.id), "forbidden", "tasks_need_to_know");
    ownerChecked(ctx, cmd.ownerAgencyId, cmd.ownerPersonId);
    const id = randomUUID();
    ctx.tx
      .insert(taskProposals)
      .values({
        id,
        meetingId: ctx.meeting.id,
        itemId: item.id,
        what: cmd.what,
        ownerAgencyId: cmd.ownerAgencyId,
        ownerPersonId: cmd.ownerPersonId ?? null,
        goalId: goalServed(ctx, c.id, cmd.goalId),
        dueOn: cmd.dueOn,
        proposedBy: ctx.person.personId,
      })
      .run();
    return { itemId: item.id, data: { proposal: written(ctx.views.proposalView(ctx.tx, id), "proposal") } };
  },
  "record:correct": (ctx, cmd) => {
    need(can(ctx.person, "meetings:correct", ctx.meeting.networkId), "forbidden", "coordinator_corrects");
    need(ctx.meeting.status === "ended", "conflict", "correct_after_meeting");
    const d = ctx.tx
      .select()
      .from(decisions)
      .where(and(eq(decisions.id, cmd.decisionId), eq(decisions.meetingId, ctx.meeting.id)))
      .get();
    need(!!d, "not_found", "no_such_decision");
    ctx.tx.update(decisions).set({ rationale: cmd.rationale }).where(eq(decisions.id, d!.id)).run();
    // The words stay with the case record; the audit log says only what changed (decision 0029).
    const correctionId = randomUUID();
    ctx.tx
      .insert(decisionCorrections)
      .values({
        id: correctionId,
        decisionId: d!.id,
        before: d!.rationale,
        after: cmd.rationale,
        reason: cmd.reason,
        correctedBy: ctx.person.personId,
      })
      .run();
    ctx.services.audit.append(
      ctx.actor,
      {
        action: "meeting.record_corrected",
        networkId: ctx.meeting.networkId,
        subjectType: "decision",
        subjectId: d!.id,
        details: { meetingId: ctx.meeting.id, correctionId, fields: ["rationale"] },
      },
      ctx.tx,
    );
    return { itemId: d!.agendaItemId, data: { decision: written(ctx.views.decisionView(ctx.tx, d!.id), "decision") } };
  },
  "action:review": (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    accepted(ctx);
    const action = ctx.views.actionViews(ctx.tx, ctx.meeting).find((a) => a.taskId === cmd.taskId);
    need(!!action, "not_found", "not_open_action");
    ctx.tx
      .update(tasks)
      .set(
        cmd.outcome === "done"
          ? { status: "done", stopReason: null, updatedAt: new Date() }
          : { status: "stopped", stopReason: cmd.outcome, updatedAt: new Date() },
      )
      .where(eq(tasks.id, cmd.taskId))
      .run();
    ctx.tx
      .insert(actionReviews)
      .values({ meetingId: ctx.meeting.id, taskId: cmd.taskId, outcome: cmd.outcome, reviewedBy: ctx.person.personId })
      .onConflictDoUpdate({
        target: [actionReviews.meetingId, actionReviews.taskId],
        set: { outcome: cmd.outcome, reviewedBy: ctx.person.personId, reviewedAt: new Date() },
      })
      .run();
    const block = agenda(ctx).find((i) => i.reason === "open_tasks_last_meeting" && i.caseId === null);
    return {
      itemId: block?.id ?? null,
      data: { action: { ...action!, review: cmd.outcome } },
    };
  },
  "update:confirm": (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    accepted(ctx);
    itemOf(ctx, cmd.itemId);
    const done = confirmUpdate(ctx.tx, ctx.actor, ctx.meeting, cmd.itemId, cmd.updateId, ctx.services.audit);
    need(!!done, "not_found", "no_such_update");
    const actions = ctx.views.actionViews(ctx.tx, ctx.meeting).filter((a) => done!.taskIds.includes(a.taskId));
    return { itemId: cmd.itemId, data: { updateId: cmd.updateId, actions } };
  },
  "round:call": (ctx, cmd) => {
    runs(ctx);
    running(ctx);
    accepted(ctx);
    const item = itemOf(ctx, cmd.itemId);
    need(ctx.meeting.currentItemId === item.id, "conflict", "round_on_current_item");
    const c = caseOfItem(ctx, item);
    const voices = agenciesWithAVoice(ctx, item.id, c.id);
    // Each involved agency that is at the table, in the order of the participants list.
    const present = ctx.views
      .participantViews(ctx.tx, ctx.meeting)
      .filter(
        (p) => voices.has(p.agencyId) && p.attendance !== null && p.attendance !== "apologies" && p.leftAt === null,
      )
      .map((p) => p.agencyId);
    const agencyIds = [...new Set(present)];
    need(agencyIds.length > 0, "refused", "no_involved_agency_present");
    const round: StoredRound = { itemId: item.id, agencyIds, turn: 0 };
    setMeeting(ctx, { round: JSON.stringify(round) });
    return { itemId: item.id, data: { round: ctx.views.roundView(ctx.tx, ctx.meeting.round) } };
  },
  "round:next": (ctx) => {
    runs(ctx);
    running(ctx);
    need(!!ctx.meeting.round, "conflict", "no_round_running");
    const round = JSON.parse(ctx.meeting.round!) as StoredRound;
    const next = round.turn + 1 < round.agencyIds.length ? { ...round, turn: round.turn + 1 } : null;
    setMeeting(ctx, { round: next ? JSON.stringify(next) : null });
    return { itemId: round.itemId, data: { round: ctx.views.roundView(ctx.tx, ctx.meeting.round) } };
  },
  "hand:raise": (ctx) => {
    running(ctx);
    accepted(ctx);
    const r = ctx.tx
      .insert(raisedHands)
      .values({ meetingId: ctx.meeting.id, personId: ctx.person.personId })
      .onConflictDoNothing()
      .run();
    need(r.changes === 1, "conflict", "hand_already_raised");
    return { itemId: null, data: { hands: ctx.views.handViews(ctx.tx, ctx.meeting) } };
  },
  "hand:lower": (ctx, cmd) => {
    if (cmd.personId !== ctx.person.personId) runs(ctx);
    running(ctx);
    const r = ctx.tx
      .delete(raisedHands)
      .where(and(eq(raisedHands.meetingId, ctx.meeting.id), eq(raisedHands.personId, cmd.personId)))
      .run();
    need(r.changes === 1, "not_found", "hand_not_raised");
    return { itemId: null, data: { hands: ctx.views.handViews(ctx.tx, ctx.meeting) } };
  },
};

/** Whether the person sees this item in full (the record view on their standing now). */
function seesInFull(ctx: CommandContext, itemId: string): boolean {
  return recordView(ctx.audience, ctx.views.itemFacts(ctx.tx, ctx.meeting.id))(itemId) === "full";
}

/** Who may give a view on an item's case: the agencies involved in it, and the agency of the item's guest. */
function agenciesWithAVoice(ctx: CommandContext, itemId: string, caseId: string): Set<string> {
  const guests = prepareOnce(ctx.tx, commandQueries).guestAgencies.all({ itemId, networkId: ctx.meeting.networkId });
  return new Set([...involvedAgencies(ctx.tx, caseId), ...guests.map((g) => g.agencyId)]);
}
