import { rolesWith } from "../auth/policy.ts";
import { withScope } from "../cases/caseRegister.ts";
import { randomUUID } from "node:crypto";
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
  closureProposals,
  meetings,
  memberships,
  persons,
  tasks,
} from "../../db/schema/index.ts";
import type { AgencyUpdateView, ItemReporting, TaskProgress } from "../../app/contract/agencyUpdates.ts";
import type { AgencyView } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import { OPEN_TASK_STATUSES } from "../cases/caseFile.ts";
import type { Closure } from "../cases/closure.ts";

// Agency updates ahead of a meeting (issue 14, rule 1): from the moment the agenda is
// generated until the meeting starts, each agency involved in a case item posts what it
// has to report on that item. The tasks it names change only when the chair confirms the
// update in the room; its view on a closure proposal is the agency's closure view at once.

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
type Read = Pick<Db, "select">;
type Actor = AuditActor & { personId: string };

export interface UpdateInput {
  news: string | null;
  closure: { view: AgencyView; comment: string | null } | null;
  tasks: { taskId: string; progress: TaskProgress; note: string | null }[];
}

export type UpdateRefusal =
  "not_found" | "not_involved" | "meeting_started" | "unknown_task" | "no_open_proposal" | "empty";

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

/** An agency's open tasks on a case: what its update reports progress on. */
function openTasksOf(tx: Read, caseId: string, agencyId: string) {
  return tx
    .select({ id: tasks.id, what: tasks.what, dueOn: tasks.dueOn, status: tasks.status })
    .from(tasks)
    .where(
      and(eq(tasks.caseId, caseId), eq(tasks.ownerAgencyId, agencyId), inArray(tasks.status, [...OPEN_TASK_STATUSES])),
    )
    .orderBy(asc(tasks.dueOn), asc(tasks.createdAt))
    .all();
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
export function reportingOf(tx: Read, meetingId: string) {
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

export function createAgencyUpdates(deps: { db: Db; audit: AuditLog; closure: Closure }) {
  const { db, audit, closure } = deps;

  function meetingOf(networkId: string, meetingId: string) {
    return db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, networkId)))
      .get();
  }

  return {
    meetingOf,

    /** The items an agency reports on in a meeting: its open tasks, its update so far, an open closure proposal. */
    forAgency(networkId: string, meetingId: string, agencyId: string) {
      const meeting = meetingOf(networkId, meetingId);
      if (!meeting) return null;
      return caseItems(db, meetingId)
        .filter((i) => i.agencies.some((a) => a.id === agencyId))
        .map((i) => ({
          itemId: i.id,
          kind: i.kind,
          title: i.title,
          caseCode: i.code,
          openTasks: openTasksOf(db, i.caseId, agencyId),
          closureOpen: !!db
            .select({ id: closureProposals.id })
            .from(closureProposals)
            .where(and(eq(closureProposals.caseId, i.caseId), eq(closureProposals.status, "open")))
            .get(),
          update: updatesOfItem(db, i.id).find((u) => u.agencyId === agencyId) ?? null,
        }));
    },

    /** Reporting per item and in total, for the chair and the coordinator. */
    reporting(networkId: string, meetingId: string) {
      return meetingOf(networkId, meetingId) ? reportingOf(db, meetingId) : null;
    },

    /**
     * Posts (or replaces) the agency's update on one case item, while the meeting is still
     * to come. Only an agency involved in the item's case posts; the tasks named must be its
     * open tasks on that case. Audited without its content.
     */
    post(
      actor: Actor,
      where: { networkId: string; meetingId: string; itemId: string; agencyId: string },
      input: UpdateInput,
    ): { ok: true; id: string } | { ok: false; reason: UpdateRefusal } {
      const meeting = meetingOf(where.networkId, where.meetingId);
      if (!meeting || meeting.status === "cancelled") return { ok: false, reason: "not_found" };
      if (meeting.status !== "scheduled") return { ok: false, reason: "meeting_started" };
      const item = caseItems(db, meeting.id).find((i) => i.id === where.itemId);
      if (!item) return { ok: false, reason: "not_found" };
      if (!item.agencies.some((a) => a.id === where.agencyId)) return { ok: false, reason: "not_involved" };
      if (!input.news && !input.closure && input.tasks.length === 0) return { ok: false, reason: "empty" };
      const open = new Map(openTasksOf(db, item.caseId, where.agencyId).map((t) => [t.id, t]));
      if (input.tasks.some((t) => !open.has(t.taskId))) return { ok: false, reason: "unknown_task" };
      return db.transaction((tx) => {
        if (input.closure) {
          const c = withScope(tx, tx.select().from(cases).where(eq(cases.id, item.caseId)).get())!;
          const given = closure.giveView(actor, c, where.agencyId, input.closure, tx);
          if (!given.ok) return { ok: false as const, reason: "no_open_proposal" as const };
        }
        const before = tx
          .select({ id: agencyUpdates.id })
          .from(agencyUpdates)
          .where(and(eq(agencyUpdates.itemId, item.id), eq(agencyUpdates.agencyId, where.agencyId)))
          .get();
        const id = before?.id ?? randomUUID();
        const values = {
          news: input.news,
          closureView: input.closure?.view ?? null,
          closureComment: input.closure?.comment ?? null,
          postedBy: actor.personId,
          postedAt: new Date(),
        };
        if (before) {
          tx.update(agencyUpdates).set(values).where(eq(agencyUpdates.id, id)).run();
          tx.delete(agencyUpdateTasks).where(eq(agencyUpdateTasks.updateId, id)).run();
        } else
          tx.insert(agencyUpdates)
            .values({
              id,
              networkId: where.networkId,
              meetingId: meeting.id,
              itemId: item.id,
              caseId: item.caseId,
              agencyId: where.agencyId,
              ...values,
            })
            .run();
        if (input.tasks.length)
          tx.insert(agencyUpdateTasks)
            .values(input.tasks.map((t) => ({ updateId: id, what: open.get(t.taskId)!.what, ...t })))
            .run();
        audit.append(
          actor,
          {
            action: before ? "meeting.agency_update_changed" : "meeting.agency_update_posted",
            networkId: where.networkId,
            subjectType: "meeting",
            subjectId: meeting.id,
            details: { itemId: item.id, agencyId: where.agencyId, tasks: input.tasks.length },
          },
          tx,
        );
        return { ok: true as const, id };
      });
    },
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

/** The members of an agency in a network who post its updates (never guests). */
export function postersOf(tx: Read, networkId: string, agencyIds: string[]) {
  if (!agencyIds.length) return [];
  return tx
    .select({ personId: persons.id, email: persons.email, name: persons.name, agencyId: memberships.agencyId })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(
      and(
        eq(memberships.networkId, networkId),
        inArray(memberships.agencyId, agencyIds),
        inArray(memberships.role, rolesWith("updates:post")),
      ),
    )
    .all();
}
