import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { actionReviews, agencyUpdates, agencyUpdateTasks, tasks } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

// The synchronous forms of agencyUpdates.ts's helpers, for the callers that still run in
// synchronous transactions (decision 0040): the live engine's commands. Each goes when its
// caller moves to the Store, which then imports the same helper from agencyUpdates.ts; the
// file goes with the last.

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
type Read = Pick<Db, "select">;
type Actor = AuditActor & { personId: string };

/**
 * The chair confirms an update in the room: each task it names takes the progress it
 * reported (done, under way, or stopped and why), in the caller's transaction. Returns
 * the tasks changed, or null when the item has no such update or it was confirmed already.
 */
export function confirmUpdate(
  tx: Tx,
  actor: Actor,
  meeting: { id: string; networkId: string; previousMeetingId: string | null },
  itemId: string,
  updateId: string,
  audit: AuditLog,
): { taskIds: string[] } | null {
  const update = tx
    .select()
    .from(agencyUpdates)
    .where(
      and(
        eq(agencyUpdates.id, updateId),
        eq(agencyUpdates.itemId, itemId),
        eq(agencyUpdates.meetingId, meeting.id),
        eq(agencyUpdates.networkId, meeting.networkId),
      ),
    )
    .get();
  if (!update || update.confirmedAt) return null;
  const lines = tx.select().from(agencyUpdateTasks).where(eq(agencyUpdateTasks.updateId, update.id)).all();
  const live = new Map(
    lines.length
      ? tx
          .select({ id: tasks.id, meetingId: tasks.meetingId })
          .from(tasks)
          .where(
            and(
              inArray(
                tasks.id,
                lines.map((l) => l.taskId),
              ),
              eq(tasks.caseId, update.caseId),
              isNotNull(tasks.ownerAgencyId),
            ),
          )
          .all()
          .map((t) => [t.id, t.meetingId])
      : [],
  );
  const changed: string[] = [];
  for (const l of lines.filter((x) => live.has(x.taskId))) {
    tx.update(tasks)
      .set(
        l.progress === "done"
          ? { status: "done", stopReason: null, updatedAt: new Date() }
          : l.progress === "in_progress"
            ? { status: "in_progress", stopReason: null, updatedAt: new Date() }
            : { status: "stopped", stopReason: l.progress, updatedAt: new Date() },
      )
      .where(eq(tasks.id, l.taskId))
      .run();
    // An action of the last meeting is thereby reviewed at this one, as the room's action list shows it.
    if (l.progress !== "in_progress" && meeting.previousMeetingId && live.get(l.taskId) === meeting.previousMeetingId)
      tx.insert(actionReviews)
        .values({ meetingId: meeting.id, taskId: l.taskId, outcome: l.progress, reviewedBy: actor.personId })
        .onConflictDoUpdate({
          target: [actionReviews.meetingId, actionReviews.taskId],
          set: { outcome: l.progress, reviewedBy: actor.personId, reviewedAt: new Date() },
        })
        .run();
    changed.push(l.taskId);
  }
  tx.update(agencyUpdates)
    .set({ confirmedBy: actor.personId, confirmedAt: new Date() })
    .where(eq(agencyUpdates.id, update.id))
    .run();
  audit.append(
    actor,
    {
      action: "meeting.agency_update_confirmed",
      networkId: meeting.networkId,
      subjectType: "meeting",
      subjectId: meeting.id,
      details: { itemId, agencyId: update.agencyId, tasks: changed.length },
    },
    tx,
  );
  return { taskIds: changed };
}

/** Whether an agenda item carries posted updates (then it stays on the record). */
export function itemHasUpdates(tx: Read, itemId: string): boolean {
  return !!tx.select({ id: agencyUpdates.id }).from(agencyUpdates).where(eq(agencyUpdates.itemId, itemId)).get();
}
