import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { agendaItems, cases, decisions, tasks } from "../../db/schema/index.ts";
import { inputFromContent } from "../../app/contract/planContent.ts";
import { latestPlanOf } from "../cases/actionPlans.ts";
import { Refusal, type CommandContext } from "./commands.ts";
import { dayAfter } from "../../app/contract/time.ts";

const CHECK_IN_AFTER_DAYS = 28;
const RUNNING = ["assessment", "active", "monitoring"] as const;

/**
 * Ending a meeting, in the same transaction as its `meeting:ended` event: items not
 * reached are deferred to the next meeting; each case discussed gets its next check-in
 * date and, when it has a plan, a new plan version carrying the tasks agreed today.
 * Open tasks stay linked to this meeting, which is how the next agenda finds them.
 */
export function closeMeeting(ctx: CommandContext): void {
  const { tx, meeting } = ctx;
  // An item with a decision or a task on record was discussed; one without goes to the next meeting.
  const recorded = new Set(
    [
      ...tx.select({ itemId: decisions.agendaItemId }).from(decisions).where(eq(decisions.meetingId, meeting.id)).all(),
      ...tx.select({ itemId: tasks.agendaItemId }).from(tasks).where(eq(tasks.meetingId, meeting.id)).all(),
    ].map((r) => r.itemId),
  );
  for (const item of tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.status, "pending"), isNotNull(agendaItems.caseId)))
    .all()) {
    tx.update(agendaItems)
      .set({ status: recorded.has(item.id) ? "done" : "deferred" })
      .where(eq(agendaItems.id, item.id))
      .run();
  }
  const discussed = new Set(
    [
      ...tx.select({ caseId: decisions.caseId }).from(decisions).where(eq(decisions.meetingId, meeting.id)).all(),
      ...tx.select({ caseId: tasks.caseId }).from(tasks).where(eq(tasks.meetingId, meeting.id)).all(),
      ...tx
        .select({ caseId: agendaItems.caseId })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.status, "done")))
        .all(),
    ]
      .map((r) => r.caseId)
      .filter((id): id is string => id !== null),
  );
  if (discussed.size === 0) return;
  const nextCheckInOn = dayAfter(CHECK_IN_AFTER_DAYS, meeting.startsAt);
  for (const c of tx
    .select()
    .from(cases)
    .where(inArray(cases.id, [...discussed]))
    .all()) {
    if (!(RUNNING as readonly string[]).includes(c.stage)) continue;
    const latest = latestPlanOf(tx, c.id);
    if (!latest) {
      tx.update(cases).set({ nextCheckInOn, updatedAt: new Date() }).where(eq(cases.id, c.id)).run();
      continue;
    }
    const input = inputFromContent(latest.content);
    const inPlan = new Set(input.actions.map((a) => a.id));
    const live = tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.caseId, c.id), isNotNull(tasks.goalId)))
      .all();
    const liveById = new Map(live.map((t) => [t.id, t]));
    input.actions = input.actions.map((a) => ({
      ...a,
      status: liveById.get(a.id!)?.status ?? a.status,
      stopReason: liveById.get(a.id!)?.stopReason ?? a.stopReason,
    }));
    for (const t of live.filter((t) => !inPlan.has(t.id) && t.meetingId === meeting.id)) {
      input.actions.push({
        id: t.id,
        goalId: t.goalId!,
        what: t.what,
        ownerAgencyId: t.ownerAgencyId!,
        ownerPersonId: t.ownerPersonId,
        startOn: t.startOn,
        dueOn: t.dueOn ?? nextCheckInOn,
        status: t.status,
        stopReason: t.stopReason,
      });
    }
    input.nextCheckInOn = nextCheckInOn;
    const saved = ctx.services.actionPlans.save(ctx.actor, c, input, latest.version, ctx.tx);
    if (!saved.ok) throw new Refusal("refused", "plan_not_renewed", { code: c.code });
  }
}
