import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  actionReviews,
  agencies,
  agencyUpdates,
  agencyUpdateTasks,
  agendaItems,
  caseAgencies,
  cases,
  persons,
  tasks,
} from "../../db/schema/index.ts";
import type { AgencyUpdateView, ItemReporting } from "../../app/contract/agencyUpdates.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

// The synchronous forms of agencyUpdates.ts's helpers, for the callers that still run in
// synchronous transactions (decision 0040): the live engine's commands and item detail,
// and the minutes record. Each goes when its caller moves to the Store, which then imports
// the same helper from agencyUpdates.ts; the file goes with the last.

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
type Read = Pick<Db, "select">;
type Actor = AuditActor & { personId: string };

/** The case items of a meeting with the agencies involved in each case now. */
function caseItems(tx: Read, meetingId: string) {
  const items = tx
    .select({
      id: agendaItems.id,
      kind: agendaItems.kind,
      title: agendaItems.title,
      caseId: agendaItems.caseId,
      code: cases.code,
    })
    .from(agendaItems)
    .innerJoin(cases, eq(cases.id, agendaItems.caseId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const caseIds = [...new Set(items.map((i) => i.caseId!))];
  const involved = caseIds.length
    ? tx
        .select({ caseId: caseAgencies.caseId, agencyId: agencies.id, name: agencies.name })
        .from(caseAgencies)
        .innerJoin(agencies, eq(agencies.id, caseAgencies.agencyId))
        .where(inArray(caseAgencies.caseId, caseIds))
        .orderBy(asc(agencies.name))
        .all()
    : [];
  return items.map((i) => ({
    ...i,
    caseId: i.caseId!,
    agencies: involved.filter((a) => a.caseId === i.caseId).map((a) => ({ id: a.agencyId, name: a.name })),
  }));
}

/** Every update posted on an item, with its task lines, agency first by name. */
export function updatesOfItem(tx: Read, itemId: string): AgencyUpdateView[] {
  const rows = tx
    .select({ u: agencyUpdates, agencyName: agencies.name, postedBy: persons.name })
    .from(agencyUpdates)
    .innerJoin(agencies, eq(agencies.id, agencyUpdates.agencyId))
    .innerJoin(persons, eq(persons.id, agencyUpdates.postedBy))
    .where(eq(agencyUpdates.itemId, itemId))
    .orderBy(asc(agencies.name))
    .all();
  if (!rows.length) return [];
  const lines = tx
    .select()
    .from(agencyUpdateTasks)
    .where(
      inArray(
        agencyUpdateTasks.updateId,
        rows.map((r) => r.u.id),
      ),
    )
    .all();
  return rows.map(({ u, agencyName, postedBy }) => ({
    id: u.id,
    agencyId: u.agencyId,
    agencyName,
    postedBy,
    postedAt: u.postedAt.getTime(),
    news: u.news,
    closureView: u.closureView,
    closureComment: u.closureComment,
    tasks: lines
      .filter((l) => l.updateId === u.id)
      .map((l) => ({ taskId: l.taskId, what: l.what, progress: l.progress, note: l.note })),
    confirmedAt: u.confirmedAt?.getTime() ?? null,
  }));
}

/** Which of the involved agencies have reported on each case item of a meeting, and in total. */
function reportingOf(tx: Read, meetingId: string) {
  const items = caseItems(tx, meetingId);
  const posted = tx
    .select({ itemId: agencyUpdates.itemId, agencyId: agencyUpdates.agencyId })
    .from(agencyUpdates)
    .where(eq(agencyUpdates.meetingId, meetingId))
    .all();
  const has = new Set(posted.map((p) => `${p.itemId}:${p.agencyId}`));
  const perItem = items.map((i) => {
    const reporting: ItemReporting = {
      reported: i.agencies.filter((a) => has.has(`${i.id}:${a.id}`)).length,
      expected: i.agencies.length,
      missing: i.agencies.filter((a) => !has.has(`${i.id}:${a.id}`)).map((a) => a.name),
    };
    const missingIds = i.agencies.filter((a) => !has.has(`${i.id}:${a.id}`)).map((a) => a.id);
    return {
      itemId: i.id,
      kind: i.kind,
      title: i.title,
      caseCode: i.code,
      agencies: i.agencies,
      reporting,
      missingIds,
    };
  });
  return {
    items: perItem,
    reported: perItem.reduce((n, i) => n + i.reporting.reported, 0),
    expected: perItem.reduce((n, i) => n + i.reporting.expected, 0),
    /** Agencies (by id) with at least one case item they have not reported on. */
    missingAgencyIds: [...new Set(perItem.flatMap((i) => i.missingIds))],
  };
}

/** An item's updates and who reported, for the room's item detail (only ever asked for an item seen in full). */
export function itemUpdates(tx: Read, meetingId: string, itemId: string) {
  return {
    updates: updatesOfItem(tx, itemId),
    reporting: reportingOf(tx, meetingId).items.find((i) => i.itemId === itemId)?.reporting ?? null,
  };
}

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
