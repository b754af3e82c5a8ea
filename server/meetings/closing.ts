import { and, eq, inArray, isNotNull } from "drizzle-orm";
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
export async function closeMeeting(ctx: CommandContext): Promise<void> {
  const { t, tx, meeting } = ctx;
  // An item with a decision or a task on record was discussed; one without goes to the next meeting.
  const recorded = new Set(
    [
      ...(await tx
        .select({ itemId: t.decisions.agendaItemId })
        .from(t.decisions)
        .where(eq(t.decisions.meetingId, meeting.id))),
      ...(await tx.select({ itemId: t.tasks.agendaItemId }).from(t.tasks).where(eq(t.tasks.meetingId, meeting.id))),
    ].map((r) => r.itemId),
  );
  const pending = await tx
    .select()
    .from(t.agendaItems)
    .where(
      and(
        eq(t.agendaItems.meetingId, meeting.id),
        eq(t.agendaItems.status, "pending"),
        isNotNull(t.agendaItems.caseId),
      ),
    );
  for (const item of pending) {
    await tx
      .update(t.agendaItems)
      .set({ status: recorded.has(item.id) ? "done" : "deferred" })
      .where(eq(t.agendaItems.id, item.id));
  }
  const discussed = new Set(
    [
      ...(await tx
        .select({ caseId: t.decisions.caseId })
        .from(t.decisions)
        .where(eq(t.decisions.meetingId, meeting.id))),
      ...(await tx.select({ caseId: t.tasks.caseId }).from(t.tasks).where(eq(t.tasks.meetingId, meeting.id))),
      ...(await tx
        .select({ caseId: t.agendaItems.caseId })
        .from(t.agendaItems)
        .where(and(eq(t.agendaItems.meetingId, meeting.id), eq(t.agendaItems.status, "done")))),
    ]
      .map((r) => r.caseId)
      .filter((id): id is string => id !== null),
  );
  if (discussed.size === 0) return;
  const nextCheckInOn = dayAfter(CHECK_IN_AFTER_DAYS, meeting.startsAt);
  for (const c of await tx
    .select()
    .from(t.cases)
    .where(inArray(t.cases.id, [...discussed]))) {
    if (!(RUNNING as readonly string[]).includes(c.stage)) continue;
    const latest = await latestPlanOf(ctx.store, tx, c.id);
    if (!latest) {
      await tx.update(t.cases).set({ nextCheckInOn, updatedAt: new Date() }).where(eq(t.cases.id, c.id));
      continue;
    }
    const input = inputFromContent(latest.content);
    const inPlan = new Set(input.actions.map((a) => a.id));
    const live = await tx
      .select()
      .from(t.tasks)
      .where(and(eq(t.tasks.caseId, c.id), isNotNull(t.tasks.goalId)));
    const liveById = new Map(live.map((t) => [t.id, t]));
    input.actions = input.actions.map((a) => ({
      ...a,
      status: liveById.get(a.id!)?.status ?? a.status,
      stopReason: liveById.get(a.id!)?.stopReason ?? a.stopReason,
    }));
    for (const task of live.filter((task) => !inPlan.has(task.id) && task.meetingId === meeting.id)) {
      input.actions.push({
        id: task.id,
        goalId: task.goalId!,
        what: task.what,
        ownerAgencyId: task.ownerAgencyId!,
        ownerPersonId: task.ownerPersonId,
        startOn: task.startOn,
        dueOn: task.dueOn ?? nextCheckInOn,
        status: task.status,
        stopReason: task.stopReason,
      });
    }
    input.nextCheckInOn = nextCheckInOn;
    // Its audit entries join the command's, appended by the engine last.
    const saved = await ctx.services.actionPlans.save(ctx.actor, c, input, latest.version, tx, ctx.audits);
    if (!saved.ok) throw new Refusal("refused", "plan_not_renewed", { code: c.code });
  }
}
