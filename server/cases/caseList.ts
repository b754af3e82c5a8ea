import { and, asc, count, eq, exists, inArray, isNull, like, lt, lte, sql } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import type { CaseStage } from "../../app/contract/vocabulary.ts";
import { OPEN_TASK_STATUSES } from "./caseFile.ts";

export interface CaseFilter {
  code?: string;
  stage?: CaseStage;
  /** Check-in (or fade-out check) due on or before this day. */
  dueBefore?: string;
  agencyId?: string;
  overdue?: boolean;
}

/** The register: cases of a network, filtered; limited to one agency's cases for members. */
export function createCaseList(deps: { store: Store }) {
  const { db, t } = deps.store;
  const { agencies, caseAgencies, cases, tasks } = t;

  return {
    async list(
      networkId: string,
      filter: CaseFilter,
      options: { onlyAgencyId?: string; withRestricted?: boolean; today: string },
    ) {
      const involvedIn = (agencyId: string) =>
        exists(
          db
            .select({ one: sql`1` })
            .from(caseAgencies)
            .where(and(eq(caseAgencies.caseId, cases.id), eq(caseAgencies.agencyId, agencyId))),
        );
      const overdueTask = exists(
        db
          .select({ one: sql`1` })
          .from(tasks)
          .where(
            and(
              eq(tasks.caseId, cases.id),
              inArray(tasks.status, [...OPEN_TASK_STATUSES]),
              lt(tasks.dueOn, options.today),
            ),
          ),
      );
      const conditions = [eq(cases.networkId, networkId)];
      if (options.onlyAgencyId) conditions.push(involvedIn(options.onlyAgencyId));
      if (!options.withRestricted) conditions.push(isNull(cases.restrictedAt));
      if (filter.code) conditions.push(like(cases.code, `%${filter.code.trim().toUpperCase().replace(/[%_]/g, "")}%`));
      if (filter.stage) conditions.push(eq(cases.stage, filter.stage));
      if (filter.dueBefore) conditions.push(lte(cases.nextCheckInOn, filter.dueBefore));
      if (filter.agencyId) conditions.push(involvedIn(filter.agencyId));
      if (filter.overdue) conditions.push(overdueTask);
      const rows = await db
        .select({
          id: cases.id,
          code: cases.code,
          stage: cases.stage,
          outcome: cases.outcome,
          summary: cases.summary,
          isMinor: cases.isMinor,
          nextCheckInOn: cases.nextCheckInOn,
          restricted: sql<boolean>`${cases.restrictedAt} is not null`.mapWith(Boolean),
        })
        .from(cases)
        .where(and(...conditions))
        .orderBy(asc(cases.code));
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const openTasks = await db
        .select({
          caseId: tasks.caseId,
          n: count(),
          overdue: sql<number>`sum(case when ${tasks.dueOn} < ${options.today} then 1 else 0 end)`,
        })
        .from(tasks)
        .where(and(inArray(tasks.caseId, ids), inArray(tasks.status, [...OPEN_TASK_STATUSES])))
        .groupBy(tasks.caseId);
      const involved = await db
        .select({ caseId: caseAgencies.caseId, name: agencies.name })
        .from(caseAgencies)
        .innerJoin(agencies, eq(agencies.id, caseAgencies.agencyId))
        .where(inArray(caseAgencies.caseId, ids))
        .orderBy(asc(agencies.name));
      return rows.map((r) => {
        const t = openTasks.find((o) => o.caseId === r.id);
        return {
          ...r,
          openTasks: t?.n ?? 0,
          overdueTasks: Number(t?.overdue ?? 0),
          agencies: involved.filter((i) => i.caseId === r.id).map((i) => i.name),
        };
      });
    },
  };
}
