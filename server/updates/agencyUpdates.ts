import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { AgencyUpdateView, ItemReporting, TaskProgress } from "../../app/contract/agencyUpdates.ts";
import type { AgencyView } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";
import { rolesWith } from "../auth/policy.ts";
import { OPEN_TASK_STATUSES } from "../cases/caseFile.ts";
import type { Closure } from "../cases/closure.ts";

// Agency updates ahead of a meeting (issue 14, rule 1): from the moment the agenda is
// generated until the meeting starts, each agency involved in a case item posts what it
// has to report on that item. The tasks it names change only when the chair confirms the
// update in the room; its view on a closure proposal is the agency's closure view at once.
// On the Store (decision 0040).

type Actor = AuditActor & { personId: string };

export interface UpdateInput {
  news: string | null;
  closure: { view: AgencyView; comment: string | null } | null;
  tasks: { taskId: string; progress: TaskProgress; note: string | null }[];
}

export type UpdateRefusal =
  "not_found" | "not_involved" | "meeting_started" | "unknown_task" | "no_open_proposal" | "empty";

/** The case items of a meeting with the agencies involved in each case now. */
async function caseItems(t: Tables, q: Query, meetingId: string) {
  const items = await q
    .select({
      id: t.agendaItems.id,
      kind: t.agendaItems.kind,
      title: t.agendaItems.title,
      caseId: t.agendaItems.caseId,
      code: t.cases.code,
    })
    .from(t.agendaItems)
    .innerJoin(t.cases, eq(t.cases.id, t.agendaItems.caseId))
    .where(eq(t.agendaItems.meetingId, meetingId))
    .orderBy(asc(t.agendaItems.position));
  const caseIds = [...new Set(items.map((i) => i.caseId!))];
  const involved = caseIds.length
    ? await q
        .select({ caseId: t.caseAgencies.caseId, agencyId: t.agencies.id, name: t.agencies.name })
        .from(t.caseAgencies)
        .innerJoin(t.agencies, eq(t.agencies.id, t.caseAgencies.agencyId))
        .where(inArray(t.caseAgencies.caseId, caseIds))
        .orderBy(asc(t.agencies.name))
    : [];
  return items.map((i) => ({
    ...i,
    caseId: i.caseId!,
    agencies: involved.filter((a) => a.caseId === i.caseId).map((a) => ({ id: a.agencyId, name: a.name })),
  }));
}

/** An agency's open tasks on a case: what its update reports progress on. */
function openTasksOf(t: Tables, q: Query, caseId: string, agencyId: string) {
  return q
    .select({ id: t.tasks.id, what: t.tasks.what, dueOn: t.tasks.dueOn, status: t.tasks.status })
    .from(t.tasks)
    .where(
      and(
        eq(t.tasks.caseId, caseId),
        eq(t.tasks.ownerAgencyId, agencyId),
        inArray(t.tasks.status, [...OPEN_TASK_STATUSES]),
      ),
    )
    .orderBy(asc(t.tasks.dueOn), asc(t.tasks.createdAt));
}

/** Every update posted on an item, with its task lines, agency first by name. */
export async function updatesOfItem(t: Tables, q: Query, itemId: string): Promise<AgencyUpdateView[]> {
  const rows = await q
    .select({ u: t.agencyUpdates, agencyName: t.agencies.name, postedBy: t.persons.name })
    .from(t.agencyUpdates)
    .innerJoin(t.agencies, eq(t.agencies.id, t.agencyUpdates.agencyId))
    .innerJoin(t.persons, eq(t.persons.id, t.agencyUpdates.postedBy))
    .where(eq(t.agencyUpdates.itemId, itemId))
    .orderBy(asc(t.agencies.name));
  if (!rows.length) return [];
  const lines = await q
    .select()
    .from(t.agencyUpdateTasks)
    .where(
      inArray(
        t.agencyUpdateTasks.updateId,
        rows.map((r) => r.u.id),
      ),
    );
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
export async function reportingOf(t: Tables, q: Query, meetingId: string) {
  const items = await caseItems(t, q, meetingId);
  const posted = await q
    .select({ itemId: t.agencyUpdates.itemId, agencyId: t.agencyUpdates.agencyId })
    .from(t.agencyUpdates)
    .where(eq(t.agencyUpdates.meetingId, meetingId));
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
export async function itemUpdates(t: Tables, q: Query, meetingId: string, itemId: string) {
  return {
    updates: await updatesOfItem(t, q, itemId),
    reporting: (await reportingOf(t, q, meetingId)).items.find((i) => i.itemId === itemId)?.reporting ?? null,
  };
}

/** The members of an agency in a network who post its updates (never guests). */
export async function postersOf(t: Tables, q: Query, networkId: string, agencyIds: string[]) {
  if (!agencyIds.length) return [];
  return q
    .select({ personId: t.persons.id, email: t.persons.email, name: t.persons.name, agencyId: t.memberships.agencyId })
    .from(t.memberships)
    .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
    .where(
      and(
        eq(t.memberships.networkId, networkId),
        inArray(t.memberships.agencyId, agencyIds),
        inArray(t.memberships.role, rolesWith("updates:post")),
      ),
    );
}

/** Whether an agenda item carries posted updates (then it stays on the record). */
export async function itemHasUpdates(t: Tables, q: Query, itemId: string): Promise<boolean> {
  const [update] = await q
    .select({ id: t.agencyUpdates.id })
    .from(t.agencyUpdates)
    .where(eq(t.agencyUpdates.itemId, itemId))
    .limit(1);
  return !!update;
}

/**
 * The chair confirms an update in the room: each task it names takes the progress it
 * reported (done, under way, or stopped and why), in the caller's transaction. Its audit
 * entry is left in `audits` for the caller to append as the transaction's last write (the
 * room's engine does, so that the audit chain's lock comes last, decision 0040). Returns
 * the tasks changed, or null when the item has no such update or it was confirmed already.
 */
export async function confirmUpdate(
  t: Tables,
  tx: Query,
  actor: Actor,
  meeting: { id: string; networkId: string; previousMeetingId: string | null },
  itemId: string,
  updateId: string,
  audits: AuditEntryInput[],
): Promise<{ taskIds: string[] } | null> {
  const [update] = await tx
    .select()
    .from(t.agencyUpdates)
    .where(
      and(
        eq(t.agencyUpdates.id, updateId),
        eq(t.agencyUpdates.itemId, itemId),
        eq(t.agencyUpdates.meetingId, meeting.id),
        eq(t.agencyUpdates.networkId, meeting.networkId),
      ),
    );
  if (!update || update.confirmedAt) return null;
  // Confirmed by one conditional update first: of two confirmations at once (two nodes), the
  // second waits for the first and then changes nothing.
  const confirmed = await tx
    .update(t.agencyUpdates)
    .set({ confirmedBy: actor.personId, confirmedAt: new Date() })
    .where(and(eq(t.agencyUpdates.id, update.id), isNull(t.agencyUpdates.confirmedAt)))
    .returning({ id: t.agencyUpdates.id });
  if (confirmed.length === 0) return null;
  const lines = await tx.select().from(t.agencyUpdateTasks).where(eq(t.agencyUpdateTasks.updateId, update.id));
  const live = new Map(
    lines.length
      ? (
          await tx
            .select({ id: t.tasks.id, meetingId: t.tasks.meetingId })
            .from(t.tasks)
            .where(
              and(
                inArray(
                  t.tasks.id,
                  lines.map((l) => l.taskId),
                ),
                eq(t.tasks.caseId, update.caseId),
                isNotNull(t.tasks.ownerAgencyId),
              ),
            )
        ).map((task) => [task.id, task.meetingId])
      : [],
  );
  const changed: string[] = [];
  for (const l of lines.filter((x) => live.has(x.taskId))) {
    await tx
      .update(t.tasks)
      .set(
        l.progress === "done"
          ? { status: "done", stopReason: null, updatedAt: new Date() }
          : l.progress === "in_progress"
            ? { status: "in_progress", stopReason: null, updatedAt: new Date() }
            : { status: "stopped", stopReason: l.progress, updatedAt: new Date() },
      )
      .where(eq(t.tasks.id, l.taskId));
    // An action of the last meeting is thereby reviewed at this one, as the room's action list shows it.
    if (l.progress !== "in_progress" && meeting.previousMeetingId && live.get(l.taskId) === meeting.previousMeetingId)
      await tx
        .insert(t.actionReviews)
        .values({ meetingId: meeting.id, taskId: l.taskId, outcome: l.progress, reviewedBy: actor.personId })
        .onConflictDoUpdate({
          target: [t.actionReviews.meetingId, t.actionReviews.taskId],
          set: { outcome: l.progress, reviewedBy: actor.personId, reviewedAt: new Date() },
        });
    changed.push(l.taskId);
  }
  audits.push({
    action: "meeting.agency_update_confirmed",
    networkId: meeting.networkId,
    subjectType: "meeting",
    subjectId: meeting.id,
    details: { itemId, agencyId: update.agencyId, tasks: changed.length },
  });
  return { taskIds: changed };
}

export function createAgencyUpdates(deps: { store: Store; audit: AuditChain; closure: Closure }) {
  const { store, audit, closure } = deps;
  const { t } = store;

  async function meetingOf(networkId: string, meetingId: string, q: Query = store.db) {
    const [meeting] = await q
      .select()
      .from(t.meetings)
      .where(and(eq(t.meetings.id, meetingId), eq(t.meetings.networkId, networkId)));
    return meeting;
  }

  return {
    meetingOf: (networkId: string, meetingId: string) => meetingOf(networkId, meetingId),

    /** The items an agency reports on in a meeting: its open tasks, its update so far, an open closure proposal. */
    async forAgency(networkId: string, meetingId: string, agencyId: string) {
      if (!(await meetingOf(networkId, meetingId))) return null;
      const items = (await caseItems(t, store.db, meetingId)).filter((i) => i.agencies.some((a) => a.id === agencyId));
      return Promise.all(
        items.map(async (i) => ({
          itemId: i.id,
          kind: i.kind,
          title: i.title,
          caseCode: i.code,
          openTasks: await openTasksOf(t, store.db, i.caseId, agencyId),
          closureOpen:
            (
              await store.db
                .select({ id: t.closureProposals.id })
                .from(t.closureProposals)
                .where(and(eq(t.closureProposals.caseId, i.caseId), eq(t.closureProposals.status, "open")))
            ).length > 0,
          update: (await updatesOfItem(t, store.db, i.id)).find((u) => u.agencyId === agencyId) ?? null,
        })),
      );
    },

    /** Reporting per item and in total, for the chair and the coordinator. */
    async reporting(networkId: string, meetingId: string) {
      return (await meetingOf(networkId, meetingId)) ? reportingOf(t, store.db, meetingId) : null;
    },

    /**
     * Posts (or replaces) the agency's update on one case item, while the meeting is still
     * to come. Only an agency involved in the item's case posts; the tasks named must be its
     * open tasks on that case. Audited without its content. Checked in the transaction that
     * writes, so a meeting that starts meanwhile (another node) takes no update.
     */
    async post(
      actor: Actor,
      where: { networkId: string; meetingId: string; itemId: string; agencyId: string },
      input: UpdateInput,
    ): Promise<{ ok: true; id: string } | { ok: false; reason: UpdateRefusal }> {
      return store.transaction(async (tx): Promise<{ ok: true; id: string } | { ok: false; reason: UpdateRefusal }> => {
        const meeting = await meetingOf(where.networkId, where.meetingId, tx);
        if (!meeting || meeting.status === "cancelled") return { ok: false, reason: "not_found" };
        if (meeting.status !== "scheduled") return { ok: false, reason: "meeting_started" };
        const item = (await caseItems(t, tx, meeting.id)).find((i) => i.id === where.itemId);
        if (!item) return { ok: false, reason: "not_found" };
        if (!item.agencies.some((a) => a.id === where.agencyId)) return { ok: false, reason: "not_involved" };
        if (!input.news && !input.closure && input.tasks.length === 0) return { ok: false, reason: "empty" };
        const open = new Map((await openTasksOf(t, tx, item.caseId, where.agencyId)).map((task) => [task.id, task]));
        if (input.tasks.some((task) => !open.has(task.taskId))) return { ok: false, reason: "unknown_task" };
        // The closure view's audit entry, appended with the update's as the last writes.
        const audits: AuditEntryInput[] = [];
        if (input.closure) {
          const [row] = await tx.select().from(t.cases).where(eq(t.cases.id, item.caseId));
          const given = await closure.giveView(actor, row!, where.agencyId, input.closure, { tx, audits });
          if (!given.ok) return { ok: false, reason: "no_open_proposal" };
        }
        const [before] = await tx
          .select({ id: t.agencyUpdates.id })
          .from(t.agencyUpdates)
          .where(and(eq(t.agencyUpdates.itemId, item.id), eq(t.agencyUpdates.agencyId, where.agencyId)));
        const id = before?.id ?? randomUUID();
        const values = {
          news: input.news,
          closureView: input.closure?.view ?? null,
          closureComment: input.closure?.comment ?? null,
          postedBy: actor.personId,
          postedAt: new Date(),
        };
        if (before) {
          await tx.update(t.agencyUpdates).set(values).where(eq(t.agencyUpdates.id, id));
          await tx.delete(t.agencyUpdateTasks).where(eq(t.agencyUpdateTasks.updateId, id));
        } else
          await tx.insert(t.agencyUpdates).values({
            id,
            networkId: where.networkId,
            meetingId: meeting.id,
            itemId: item.id,
            caseId: item.caseId,
            agencyId: where.agencyId,
            ...values,
          });
        if (input.tasks.length)
          await tx
            .insert(t.agencyUpdateTasks)
            .values(input.tasks.map((task) => ({ updateId: id, what: open.get(task.taskId)!.what, ...task })));
        for (const entry of audits) await audit.append(tx, actor, entry);
        await audit.append(tx, actor, {
          action: before ? "meeting.agency_update_changed" : "meeting.agency_update_posted",
          networkId: where.networkId,
          subjectType: "meeting",
          subjectId: meeting.id,
          details: { itemId: item.id, agencyId: where.agencyId, tasks: input.tasks.length },
        });
        return { ok: true, id };
      });
    },
  };
}
