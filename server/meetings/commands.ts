import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Store, Tables } from "../../db/store.ts";
import { currentGoal, planContentSchema } from "../../app/contract/planContent.ts";
import type { AgendaSection } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditEntryInput } from "../audit/auditLog.ts";
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
import type { CaseWithScope } from "../cases/caseRegister.ts";
import { decideOnCase, type DecisionOn } from "../cases/caseDecision.ts";
import { recordLeaving, setAttendance, startPresence } from "./attendance.ts";
import type { MeetingEngineDeps } from "./engine.ts";
import { confirmUpdate, itemHasUpdates } from "../updates/agencyUpdates.ts";
import type { MeetingViews, StoredRound } from "./meetingViews.ts";
import { recordView, type Audience, type MeetingStanding } from "./recordView.ts";

export type MeetingRow = Tables["meetings"]["$inferSelect"];

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
  store: Store;
  t: Tables;
  tx: Query;
  /** The person, with their membership of this network as read in this transaction. */
  person: SignedInPerson;
  standing: MeetingStanding;
  audience: Audience;
  actor: AuditActor & { personId: string };
  /** The meeting as this transaction locked it (its sequence number raised). */
  meeting: MeetingRow;
  services: MeetingEngineDeps;
  views: MeetingViews;
  /**
   * What the command puts on the audit log besides the engine's entry: appended by the
   * engine as the transaction's last writes, after the event (decision 0040's lock order).
   */
  audits: AuditEntryInput[];
}

/** What a command did: its event's data and, for an item's own record, the item. */
export interface Applied<N extends MeetingCommandName> {
  itemId: string | null;
  data: MeetingEventData[EventOf<N>];
}

type Handler<N extends MeetingCommandName> = (
  ctx: CommandContext,
  cmd: MeetingCommandPayloads[N],
) => Promise<Applied<N>>;

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
const commandQueries = preparedQueries((t, db) => ({
  seat: db
    .select()
    .from(t.meetingParticipants)
    .where(
      and(
        eq(t.meetingParticipants.meetingId, meetingId),
        eq(t.meetingParticipants.personId, sql.placeholder("personId")),
      ),
    )
    .prepare("command_seat"),
  item: db
    .select()
    .from(t.agendaItems)
    .where(and(eq(t.agendaItems.id, itemId), eq(t.agendaItems.meetingId, meetingId)))
    .prepare("command_item"),
  case: db
    .select()
    .from(t.cases)
    .where(eq(t.cases.id, sql.placeholder("caseId")))
    .prepare("command_case"),
  guestAgencies: db
    .select({ agencyId: t.memberships.agencyId })
    .from(t.agendaItemGuests)
    .innerJoin(
      t.memberships,
      and(
        eq(t.memberships.personId, t.agendaItemGuests.personId),
        eq(t.memberships.networkId, sql.placeholder("networkId")),
      ),
    )
    .where(eq(t.agendaItemGuests.itemId, itemId))
    .prepare("command_guest_agencies"),
  decisionAt: db
    .update(t.decisions)
    .set({ meetingId: sql`${meetingId}`, agendaItemId: sql`${itemId}` })
    .where(eq(t.decisions.id, sql.placeholder("decisionId")))
    .prepare("command_decision_at"),
}));

async function seatOf(ctx: CommandContext) {
  const [seat] = await commandQueries(ctx.t, ctx.tx).seat.execute({
    meetingId: ctx.meeting.id,
    personId: ctx.person.personId,
  });
  return seat;
}
async function accepted(ctx: CommandContext) {
  const seat = await seatOf(ctx);
  need(!!seat?.confidentialityAcceptedAt, "confidentiality_required", "confidentiality_required");
  return seat!;
}
async function itemOf(ctx: CommandContext, itemId: string) {
  const [item] = await commandQueries(ctx.t, ctx.tx).item.execute({ itemId, meetingId: ctx.meeting.id });
  if (!item) throw new Refusal("not_found", "no_such_item");
  return item;
}
async function caseOfItem(ctx: CommandContext, item: { caseId: string | null }): Promise<CaseWithScope> {
  if (!item.caseId) throw new Refusal("refused", "item_not_about_case");
  const [row] = await commandQueries(ctx.t, ctx.tx).case.execute({ caseId: item.caseId });
  return (await ctx.services.caseRegister.withScope(ctx.tx, row))!;
}
function agenda(ctx: CommandContext) {
  const { t } = ctx;
  return ctx.tx
    .select()
    .from(t.agendaItems)
    .where(eq(t.agendaItems.meetingId, ctx.meeting.id))
    .orderBy(asc(t.agendaItems.position));
}
async function agendaData(ctx: CommandContext) {
  return { agenda: await ctx.views.itemViews(ctx.tx, ctx.meeting.id) };
}
async function itemData(ctx: CommandContext, itemId: string) {
  return (await ctx.views.itemViews(ctx.tx, ctx.meeting.id)).find((i) => i.id === itemId)!;
}
/** Stops the timer of the current item and books its time. */
async function stopTimer(ctx: CommandContext, now: number) {
  const { t } = ctx;
  const m = ctx.meeting;
  const elapsed = m.timerElapsedMs + (m.timerStartedAt ? now - m.timerStartedAt.getTime() : 0);
  if (m.currentItemId)
    await ctx.tx.update(t.agendaItems).set({ spentMs: elapsed }).where(eq(t.agendaItems.id, m.currentItemId));
  return elapsed;
}
async function setMeeting(ctx: CommandContext, values: Partial<MeetingRow>) {
  await ctx.tx.update(ctx.t.meetings).set(values).where(eq(ctx.t.meetings.id, ctx.meeting.id));
  Object.assign(ctx.meeting, values);
}
const timerData = (ctx: CommandContext) => ({
  currentItemId: ctx.meeting.currentItemId,
  timer: { startedAt: ctx.meeting.timerStartedAt?.getTime() ?? null, elapsedMs: ctx.meeting.timerElapsedMs },
});

async function ownerChecked(ctx: CommandContext, ownerAgencyId: string, ownerPersonId: string | null | undefined) {
  const { t } = ctx;
  const [agency] = await ctx.tx
    .select({ id: t.agencies.id })
    .from(t.agencies)
    .where(and(eq(t.agencies.id, ownerAgencyId), eq(t.agencies.networkId, ctx.meeting.networkId)));
  need(!!agency, "refused", "unknown_agency");
  if (ownerPersonId) {
    const [m] = await ctx.tx
      .select({ id: t.memberships.id })
      .from(t.memberships)
      .where(
        and(
          eq(t.memberships.personId, ownerPersonId),
          eq(t.memberships.agencyId, ownerAgencyId),
          eq(t.memberships.networkId, ctx.meeting.networkId),
        ),
      );
    need(!!m, "refused", "owner_not_in_agency");
  }
}

/**
 * The plan goal a meeting's task serves, so the plan's next version carries it: the one
 * picked, which must be a goal of the case's latest plan, or else the current goal (the
 * first still open). Null for a case without a plan.
 */
async function goalServed(
  ctx: CommandContext,
  caseId: string,
  picked: string | null | undefined,
): Promise<string | null> {
  const { t } = ctx;
  const [plan] = await ctx.tx
    .select({ content: t.planVersions.content })
    .from(t.planVersions)
    .where(eq(t.planVersions.caseId, caseId))
    .orderBy(desc(t.planVersions.version))
    .limit(1);
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
  "confidentiality:accept": async (ctx, cmd) => {
    const { t } = ctx;
    const seat = await seatOf(ctx);
    need(!!seat, "forbidden", "not_invited");
    const [net] = await ctx.tx
      .select({ version: t.networks.confidentialityVersion })
      .from(t.networks)
      .where(eq(t.networks.id, ctx.meeting.networkId));
    need(cmd.version === net!.version, "conflict", "confidentiality_changed");
    const at = new Date();
    await ctx.tx
      .update(t.meetingParticipants)
      .set({ confidentialityVersion: cmd.version, confidentialityAcceptedAt: at })
      .where(
        and(
          eq(t.meetingParticipants.meetingId, ctx.meeting.id),
          eq(t.meetingParticipants.personId, ctx.person.personId),
        ),
      );
    return {
      itemId: null,
      data: {
        personId: ctx.person.personId,
        version: cmd.version,
        at: at.getTime(),
        participants: await ctx.views.participantViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "attendance:set": async (ctx, cmd) => {
    const self = cmd.personId === ctx.person.personId;
    if (!self) runs(ctx);
    notEnded(ctx);
    const set = await setAttendance(
      ctx.t,
      ctx.tx,
      ctx.meeting,
      cmd.personId,
      cmd.attendance,
      self ? null : ctx.person.personId,
      new Date(),
    );
    need(set, "not_found", "person_not_invited");
    return { itemId: null, data: { participants: await ctx.views.participantViews(ctx.tx, ctx.meeting) } };
  },
  "attendance:leave": async (ctx) => {
    const { t } = ctx;
    running(ctx);
    need(
      await recordLeaving(ctx.t, ctx.tx, ctx.meeting.id, ctx.person.personId, new Date()),
      "conflict",
      "not_in_meeting",
    );
    // Who has left no longer waits to speak.
    await ctx.tx
      .delete(t.raisedHands)
      .where(and(eq(t.raisedHands.meetingId, ctx.meeting.id), eq(t.raisedHands.personId, ctx.person.personId)));
    return {
      itemId: null,
      data: {
        participants: await ctx.views.participantViews(ctx.tx, ctx.meeting),
        hands: await ctx.views.handViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "meeting:start": async (ctx) => {
    runs(ctx);
    need(ctx.meeting.status === "scheduled", "conflict", "meeting_already_started");
    const first = (await agenda(ctx))[0];
    await setMeeting(ctx, {
      status: "running",
      startedAt: new Date(),
      currentItemId: first?.id ?? null,
      timerStartedAt: new Date(),
      timerElapsedMs: 0,
    });
    await startPresence(ctx.t, ctx.tx, ctx.meeting.id, ctx.meeting.startedAt!);
    return {
      itemId: null,
      data: {
        status: "running" as const,
        ...timerData(ctx),
        participants: await ctx.views.participantViews(ctx.tx, ctx.meeting),
      },
    };
  },
  "meeting:end": async (ctx) => {
    const { t } = ctx;
    runs(ctx);
    running(ctx);
    await stopTimer(ctx, Date.now());
    await setMeeting(ctx, { status: "ended", endedAt: new Date(), timerStartedAt: null, round: null });
    await ctx.tx.delete(t.raisedHands).where(eq(t.raisedHands.meetingId, ctx.meeting.id));
    return { itemId: null, data: { status: "ended" as const, ...timerData(ctx) } };
  },
  "item:open": async (ctx, cmd) => {
    runs(ctx);
    running(ctx);
    const items = await agenda(ctx);
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
    await stopTimer(ctx, Date.now());
    // A round of views belongs to its item: moving on ends it.
    await setMeeting(ctx, {
      currentItemId: target!.id,
      timerStartedAt: new Date(),
      timerElapsedMs: target!.spentMs,
      round: null,
    });
    return { itemId: null, data: timerData(ctx) };
  },
  "timer:start": async (ctx) => {
    runs(ctx);
    running(ctx);
    need(ctx.meeting.timerStartedAt === null, "conflict", "timer_running");
    await setMeeting(ctx, { timerStartedAt: new Date() });
    return { itemId: null, data: timerData(ctx) };
  },
  "timer:pause": async (ctx) => {
    runs(ctx);
    running(ctx);
    need(ctx.meeting.timerStartedAt !== null, "conflict", "timer_paused");
    await setMeeting(ctx, { timerElapsedMs: await stopTimer(ctx, Date.now()), timerStartedAt: null });
    return { itemId: null, data: timerData(ctx) };
  },
  "item:complete": async (ctx, cmd) => {
    const { t } = ctx;
    runs(ctx);
    running(ctx);
    await itemOf(ctx, cmd.itemId);
    await ctx.tx.update(t.agendaItems).set({ status: cmd.outcome }).where(eq(t.agendaItems.id, cmd.itemId));
    return { itemId: null, data: { item: await itemData(ctx, cmd.itemId) } };
  },
  "agenda:add": async (ctx, cmd) => {
    const { t } = ctx;
    runs(ctx);
    notEnded(ctx);
    let caseId: string | null = null;
    let signalId: string | null = null;
    if (cmd.caseCode) {
      const [c] = await ctx.tx
        .select({ id: t.cases.id })
        .from(t.cases)
        .where(and(eq(t.cases.networkId, ctx.meeting.networkId), eq(t.cases.code, cmd.caseCode.toUpperCase())));
      need(!!c, "not_found", "no_such_case", { code: cmd.caseCode });
      caseId = c!.id;
      // A signal item is about the case's latest signal: that is what gets graded and routed.
      if (cmd.section === "signals") {
        const caseSignals = await ctx.tx
          .select({ id: t.signals.id })
          .from(t.signals)
          .where(eq(t.signals.caseId, caseId))
          .orderBy(asc(t.signals.receivedAt));
        signalId = caseSignals.at(-1)?.id ?? null;
      }
    }
    const items = await agenda(ctx);
    // A new item goes at the end of its section.
    const sectionOrder: AgendaSection[] = ["opening", "signals", "reliability", "checkins", "closures", "aob"];
    const rank = sectionOrder.indexOf(cmd.section);
    const insertAt = items.findIndex((i) => sectionOrder.indexOf(i.section) > rank);
    const position = insertAt === -1 ? items.length : insertAt;
    for (const i of items.slice(position))
      await ctx.tx
        .update(t.agendaItems)
        .set({ position: i.position + 1 })
        .where(eq(t.agendaItems.id, i.id));
    await ctx.tx.insert(t.agendaItems).values({
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
    });
    return { itemId: null, data: await agendaData(ctx) };
  },
  "agenda:remove": async (ctx, cmd) => {
    const { t } = ctx;
    runs(ctx);
    notEnded(ctx);
    await itemOf(ctx, cmd.itemId);
    need(ctx.meeting.currentItemId !== cmd.itemId, "conflict", "item_being_discussed");
    const [decided] = await ctx.tx
      .select({ id: t.decisions.id })
      .from(t.decisions)
      .where(eq(t.decisions.agendaItemId, cmd.itemId))
      .limit(1);
    const [tasked] = await ctx.tx
      .select({ id: t.tasks.id })
      .from(t.tasks)
      .where(eq(t.tasks.agendaItemId, cmd.itemId))
      .limit(1);
    need(!decided && !tasked && !(await itemHasUpdates(t, ctx.tx, cmd.itemId)), "conflict", "item_on_record");
    await ctx.tx.delete(t.taskProposals).where(eq(t.taskProposals.itemId, cmd.itemId));
    await ctx.tx.delete(t.agendaItems).where(eq(t.agendaItems.id, cmd.itemId));
    for (const [position, i] of (await agenda(ctx)).entries())
      await ctx.tx.update(t.agendaItems).set({ position }).where(eq(t.agendaItems.id, i.id));
    return { itemId: null, data: await agendaData(ctx) };
  },
  "agenda:retime": async (ctx, cmd) => {
    const { t } = ctx;
    runs(ctx);
    notEnded(ctx);
    await itemOf(ctx, cmd.itemId);
    await ctx.tx.update(t.agendaItems).set({ plannedMinutes: cmd.minutes }).where(eq(t.agendaItems.id, cmd.itemId));
    return { itemId: null, data: await agendaData(ctx) };
  },
  "agenda:reorder": async (ctx, cmd) => {
    const { t } = ctx;
    runs(ctx);
    notEnded(ctx);
    const items = await agenda(ctx);
    const same =
      cmd.itemIds.length === items.length &&
      new Set(cmd.itemIds).size === items.length &&
      items.every((i) => cmd.itemIds.includes(i.id));
    need(same, "invalid_payload", "order_incomplete");
    for (const [position, id] of cmd.itemIds.entries())
      await ctx.tx.update(t.agendaItems).set({ position }).where(eq(t.agendaItems.id, id));
    return { itemId: null, data: await agendaData(ctx) };
  },
  "signal:grade": async (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    need(!!item.signalId, "refused", "no_signal_to_grade");
    const c = await caseOfItem(ctx, item);
    const r = await ctx.services.analysis.recordAnalysis(
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
      // Its audit entry joins the command's, appended by the engine last.
      { tx: ctx.tx, audits: ctx.audits },
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
  "decision:record": async (ctx, cmd) => {
    const { t } = ctx;
    captures(ctx);
    running(ctx);
    await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    const c = await caseOfItem(ctx, item);
    const voices = await agenciesWithAVoice(ctx, item.id, c.id);
    for (const v of cmd.views) need(voices.has(v.agencyId), "refused", "view_involved_or_guest");
    const on = DECISION_ON[item.section];
    if (!on) throw new Refusal("refused", "decisions_on_case_items");
    const at = { tx: ctx.tx, audits: ctx.audits };
    const r = await decideOnCase(ctx.services, at, ctx.actor, ctx.person, c, on, cmd, item.signalId);
    if (!r.ok) throw new Refusal(r.code, r.reason);
    const { decisionId } = r;
    // The task a routing made (gather information) belongs to this item too.
    for (const taskId of r.taskIds)
      await ctx.tx
        .update(t.tasks)
        .set({ meetingId: ctx.meeting.id, agendaItemId: item.id })
        .where(eq(t.tasks.id, taskId));
    await commandQueries(ctx.t, ctx.tx).decisionAt.execute({ meetingId: ctx.meeting.id, itemId: item.id, decisionId });
    for (const v of cmd.views) {
      await ownerChecked(ctx, v.agencyId, null);
      await ctx.tx
        .insert(t.decisionViews)
        .values({
          decisionId,
          agencyId: v.agencyId,
          view: v.view,
          comment: v.comment ?? null,
          givenBy: ctx.person.personId,
        })
        .onConflictDoNothing();
    }
    return {
      itemId: item.id,
      data: { decision: written(await ctx.views.decisionView(ctx.tx, decisionId), "decision") },
    };
  },
  "view:give": async (ctx, cmd) => {
    const { t } = ctx;
    running(ctx);
    const seat = await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    const agencyId = seat.agencyId;
    if (ctx.standing.role === "guest")
      need(ctx.standing.guestItemIds.includes(item.id), "forbidden", "guest_view_own_item");
    else
      need(
        !item.caseId || (await agenciesWithAVoice(ctx, item.id, item.caseId)).has(agencyId),
        "refused",
        "view_involved_only",
      );
    if (cmd.decisionId) {
      const [d] = await ctx.tx
        .select()
        .from(t.decisions)
        .where(and(eq(t.decisions.id, cmd.decisionId), eq(t.decisions.agendaItemId, item.id)));
      need(!!d, "not_found", "no_such_decision_on_item");
      await ctx.tx
        .insert(t.decisionViews)
        .values({
          decisionId: d!.id,
          agencyId,
          view: cmd.view,
          comment: cmd.comment ?? null,
          givenBy: ctx.person.personId,
        })
        .onConflictDoUpdate({
          target: [t.decisionViews.decisionId, t.decisionViews.agencyId],
          set: { view: cmd.view, comment: cmd.comment ?? null, givenBy: ctx.person.personId },
        });
      return {
        itemId: item.id,
        data: { on: "decision" as const, decision: written(await ctx.views.decisionView(ctx.tx, d!.id), "decision") },
      };
    }
    need(item.section === "closures", "invalid_payload", "name_the_decision");
    const c = await caseOfItem(ctx, item);
    const r = await ctx.services.closure.giveView(
      ctx.actor,
      c,
      agencyId,
      { view: cmd.view, comment: cmd.comment ?? null },
      { tx: ctx.tx, audits: ctx.audits },
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
  "task:add": async (ctx, cmd) => {
    const { t } = ctx;
    captures(ctx);
    running(ctx);
    await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    const c = await caseOfItem(ctx, item);
    await ownerChecked(ctx, cmd.ownerAgencyId, cmd.ownerPersonId);
    const [proposed] = cmd.proposalId
      ? await ctx.tx
          .select({ goalId: t.taskProposals.goalId })
          .from(t.taskProposals)
          .where(eq(t.taskProposals.id, cmd.proposalId))
      : [];
    const goalId = await goalServed(ctx, c.id, cmd.goalId ?? proposed?.goalId);
    const id = randomUUID();
    await ctx.tx.insert(t.tasks).values({
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
    });
    let proposal = null;
    if (cmd.proposalId) {
      const r = await ctx.tx
        .update(t.taskProposals)
        .set({ status: "accepted", taskId: id })
        .where(
          and(
            eq(t.taskProposals.id, cmd.proposalId),
            eq(t.taskProposals.itemId, item.id),
            eq(t.taskProposals.status, "open"),
          ),
        );
      need(ctx.store.changedRows(r) === 1, "not_found", "proposal_not_open");
      proposal = written(await ctx.views.proposalView(ctx.tx, cmd.proposalId), "proposal");
    }
    ctx.audits.push({
      action: "task.created",
      networkId: c.networkId,
      subjectType: "task",
      subjectId: id,
      details: { code: c.code, agencyId: cmd.ownerAgencyId, dueOn: cmd.dueOn, meetingId: ctx.meeting.id },
    });
    return { itemId: item.id, data: { task: written(await ctx.views.taskView(ctx.tx, id), "task"), proposal } };
  },
  "task:propose": async (ctx, cmd) => {
    const { t } = ctx;
    running(ctx);
    await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    const c = await caseOfItem(ctx, item);
    if (ctx.standing.role === "guest")
      need(ctx.standing.guestItemIds.includes(item.id), "forbidden", "guest_speaks_own_item");
    need(await seesInFull(ctx, item.id), "forbidden", "tasks_need_to_know");
    await ownerChecked(ctx, cmd.ownerAgencyId, cmd.ownerPersonId);
    const id = randomUUID();
    await ctx.tx.insert(t.taskProposals).values({
      id,
      meetingId: ctx.meeting.id,
      itemId: item.id,
      what: cmd.what,
      ownerAgencyId: cmd.ownerAgencyId,
      ownerPersonId: cmd.ownerPersonId ?? null,
      goalId: await goalServed(ctx, c.id, cmd.goalId),
      dueOn: cmd.dueOn,
      proposedBy: ctx.person.personId,
    });
    return { itemId: item.id, data: { proposal: written(await ctx.views.proposalView(ctx.tx, id), "proposal") } };
  },
  "record:correct": async (ctx, cmd) => {
    const { t } = ctx;
    need(can(ctx.person, "meetings:correct", ctx.meeting.networkId), "forbidden", "coordinator_corrects");
    need(ctx.meeting.status === "ended", "conflict", "correct_after_meeting");
    const [d] = await ctx.tx
      .select()
      .from(t.decisions)
      .where(and(eq(t.decisions.id, cmd.decisionId), eq(t.decisions.meetingId, ctx.meeting.id)));
    need(!!d, "not_found", "no_such_decision");
    await ctx.tx.update(t.decisions).set({ rationale: cmd.rationale }).where(eq(t.decisions.id, d!.id));
    // The words stay with the case record; the audit log says only what changed (decision 0029).
    const correctionId = randomUUID();
    await ctx.tx.insert(t.decisionCorrections).values({
      id: correctionId,
      decisionId: d!.id,
      before: d!.rationale,
      after: cmd.rationale,
      reason: cmd.reason,
      correctedBy: ctx.person.personId,
    });
    ctx.audits.push({
      action: "meeting.record_corrected",
      networkId: ctx.meeting.networkId,
      subjectType: "decision",
      subjectId: d!.id,
      details: { meetingId: ctx.meeting.id, correctionId, fields: ["rationale"] },
    });
    return {
      itemId: d!.agendaItemId,
      data: { decision: written(await ctx.views.decisionView(ctx.tx, d!.id), "decision") },
    };
  },
  "action:review": async (ctx, cmd) => {
    const { t } = ctx;
    captures(ctx);
    running(ctx);
    await accepted(ctx);
    const action = (await ctx.views.actionViews(ctx.tx, ctx.meeting)).find((a) => a.taskId === cmd.taskId);
    need(!!action, "not_found", "not_open_action");
    await ctx.tx
      .update(t.tasks)
      .set(
        cmd.outcome === "done"
          ? { status: "done", stopReason: null, updatedAt: new Date() }
          : { status: "stopped", stopReason: cmd.outcome, updatedAt: new Date() },
      )
      .where(eq(t.tasks.id, cmd.taskId));
    await ctx.tx
      .insert(t.actionReviews)
      .values({ meetingId: ctx.meeting.id, taskId: cmd.taskId, outcome: cmd.outcome, reviewedBy: ctx.person.personId })
      .onConflictDoUpdate({
        target: [t.actionReviews.meetingId, t.actionReviews.taskId],
        set: { outcome: cmd.outcome, reviewedBy: ctx.person.personId, reviewedAt: new Date() },
      });
    const block = (await agenda(ctx)).find((i) => i.reason === "open_tasks_last_meeting" && i.caseId === null);
    return {
      itemId: block?.id ?? null,
      data: { action: { ...action!, review: cmd.outcome } },
    };
  },
  "update:confirm": async (ctx, cmd) => {
    captures(ctx);
    running(ctx);
    await accepted(ctx);
    await itemOf(ctx, cmd.itemId);
    const done = await confirmUpdate(ctx.t, ctx.tx, ctx.actor, ctx.meeting, cmd.itemId, cmd.updateId, ctx.audits);
    need(!!done, "not_found", "no_such_update");
    const actions = (await ctx.views.actionViews(ctx.tx, ctx.meeting)).filter((a) => done!.taskIds.includes(a.taskId));
    return { itemId: cmd.itemId, data: { updateId: cmd.updateId, actions } };
  },
  "round:call": async (ctx, cmd) => {
    runs(ctx);
    running(ctx);
    await accepted(ctx);
    const item = await itemOf(ctx, cmd.itemId);
    need(ctx.meeting.currentItemId === item.id, "conflict", "round_on_current_item");
    const c = await caseOfItem(ctx, item);
    const voices = await agenciesWithAVoice(ctx, item.id, c.id);
    // Each involved agency that is at the table, in the order of the participants list.
    const present = (await ctx.views.participantViews(ctx.tx, ctx.meeting))
      .filter(
        (p) => voices.has(p.agencyId) && p.attendance !== null && p.attendance !== "apologies" && p.leftAt === null,
      )
      .map((p) => p.agencyId);
    const agencyIds = [...new Set(present)];
    need(agencyIds.length > 0, "refused", "no_involved_agency_present");
    const round: StoredRound = { itemId: item.id, agencyIds, turn: 0 };
    await setMeeting(ctx, { round: JSON.stringify(round) });
    return { itemId: item.id, data: { round: await ctx.views.roundView(ctx.tx, ctx.meeting.round) } };
  },
  "round:next": async (ctx) => {
    runs(ctx);
    running(ctx);
    need(!!ctx.meeting.round, "conflict", "no_round_running");
    const round = JSON.parse(ctx.meeting.round!) as StoredRound;
    const next = round.turn + 1 < round.agencyIds.length ? { ...round, turn: round.turn + 1 } : null;
    await setMeeting(ctx, { round: next ? JSON.stringify(next) : null });
    return { itemId: round.itemId, data: { round: await ctx.views.roundView(ctx.tx, ctx.meeting.round) } };
  },
  "hand:raise": async (ctx) => {
    const { t } = ctx;
    running(ctx);
    await accepted(ctx);
    const r = await ctx.tx
      .insert(t.raisedHands)
      .values({ meetingId: ctx.meeting.id, personId: ctx.person.personId })
      .onConflictDoNothing();
    need(ctx.store.changedRows(r) === 1, "conflict", "hand_already_raised");
    return { itemId: null, data: { hands: await ctx.views.handViews(ctx.tx, ctx.meeting) } };
  },
  "hand:lower": async (ctx, cmd) => {
    const { t } = ctx;
    if (cmd.personId !== ctx.person.personId) runs(ctx);
    running(ctx);
    const r = await ctx.tx
      .delete(t.raisedHands)
      .where(and(eq(t.raisedHands.meetingId, ctx.meeting.id), eq(t.raisedHands.personId, cmd.personId)));
    need(ctx.store.changedRows(r) === 1, "not_found", "hand_not_raised");
    return { itemId: null, data: { hands: await ctx.views.handViews(ctx.tx, ctx.meeting) } };
  },
};

/** Whether the person sees this item in full (the record view on their standing now). */
async function seesInFull(ctx: CommandContext, itemId: string): Promise<boolean> {
  return recordView(ctx.audience, await ctx.views.itemFacts(ctx.tx, ctx.meeting.id))(itemId) === "full";
}

/** Who may give a view on an item's case: the agencies involved in it, and the agency of the item's guest. */
async function agenciesWithAVoice(ctx: CommandContext, itemId: string, caseId: string): Promise<Set<string>> {
  const guests = await commandQueries(ctx.t, ctx.tx).guestAgencies.execute({
    itemId,
    networkId: ctx.meeting.networkId,
  });
  const involved = await ctx.services.caseRegister.involvedAgencies(ctx.tx, caseId);
  return new Set([...involved, ...guests.map((g) => g.agencyId)]);
}
