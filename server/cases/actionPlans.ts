import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";
import type { Standing } from "../auth/standing.ts";
import type { CaseRegister, CaseRow } from "./caseRegister.ts";
import { planContentSchema, type PlanContent, type PlanInput, type Ref } from "../../app/contract/planContent.ts";
import { fieldName, planProblems } from "../../app/contract/planRules.ts";

export interface PlanVersion {
  version: number;
  content: PlanContent;
  savedBy: Ref;
  savedAt: Date;
}

export type SaveResult =
  | { ok: true; version: number }
  /** Someone saved after the version this edit started from; nothing was written. */
  | { ok: false; reason: "conflict"; latest: PlanVersion }
  /** Field name → i18n key, e.g. "goals[0].measure" → "plans.errors.measure". */
  | { ok: false; reason: "invalid"; fields: Record<string, string> }
  | { ok: false; reason: "closed" };

/** The newest saved version of a case's plan, its content read, in `q`; null before the first save. */
export async function latestPlanOf(
  store: Store,
  q: Query,
  caseId: string,
): Promise<{ version: number; content: PlanContent } | null> {
  const { planVersions } = store.t;
  const [row] = await q
    .select({ version: planVersions.version, content: planVersions.content })
    .from(planVersions)
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.version))
    .limit(1);
  return row ? { version: row.version, content: planContentSchema.parse(row.content) } : null;
}

/** People who may be named in a plan: those who can see the case's file (not admins or guests). */
const PLAN_ROLES = ["chair", "coordinator", "member"] as const;

/** Action plans, version by version: a new version is "the latest plus one", under the case's plan-version lock. */
export function createActionPlans(deps: {
  store: Store;
  caseRegister: CaseRegister;
  audit: AuditChain;
  standing: Standing;
}) {
  const { store, caseRegister, audit, standing } = deps;
  const { t } = store;

  /** The versions of a case's plan, newest first (only `version` when given), read in `q`. */
  function versionRows(q: Query, caseId: string, version?: number) {
    return q
      .select({ v: t.planVersions, byName: t.persons.name })
      .from(t.planVersions)
      .innerJoin(t.persons, eq(t.persons.id, t.planVersions.savedBy))
      .where(
        version === undefined
          ? eq(t.planVersions.caseId, caseId)
          : and(eq(t.planVersions.caseId, caseId), eq(t.planVersions.version, version)),
      )
      .orderBy(desc(t.planVersions.version));
  }

  function toVersion({ v, byName }: { v: typeof t.planVersions.$inferSelect; byName: string }): PlanVersion {
    return {
      version: v.version,
      content: planContentSchema.parse(v.content),
      savedBy: { id: v.savedBy, name: byName },
      savedAt: v.savedAt,
    };
  }

  async function latestIn(q: Query, caseId: string): Promise<PlanVersion | null> {
    const [row] = await versionRows(q, caseId).limit(1);
    return row ? toVersion(row) : null;
  }

  /** Resolves the ids in a plan to names of this network, or says which fields name someone unknown. */
  async function resolve(tx: Query, networkId: string, input: PlanInput) {
    const agencyRows = await tx
      .select({ id: t.agencies.id, name: t.agencies.name })
      .from(t.agencies)
      .where(eq(t.agencies.networkId, networkId));
    const agencyNames = new Map(agencyRows.map((a) => [a.id, a.name]));
    const peopleRows = await tx
      .select({ id: t.persons.id, name: t.persons.name, agencyId: t.memberships.agencyId, role: t.memberships.role })
      .from(t.memberships)
      .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
      .where(and(eq(t.memberships.networkId, networkId), inArray(t.memberships.role, [...PLAN_ROLES])));
    const people = new Map(peopleRows.map((p) => [p.id, p]));
    const fields: Record<string, string> = {};
    const agency = (id: string, field: string): Ref => {
      const name = agencyNames.get(id);
      if (!name) fields[field] = "plans.errors.unknownAgency";
      return { id, name: name ?? "" };
    };
    const person = (id: string | null | undefined, field: string): Ref | null => {
      if (!id) return null;
      const p = people.get(id);
      if (!p) fields[field] = "plans.errors.unknownPerson";
      return { id, name: p?.name ?? "" };
    };
    const resolved = {
      agencies: input.agencyIds.map((id, i) => agency(id, `agencyIds[${i}]`)),
      actions: input.actions.map((a, i) => ({
        agency: agency(a.ownerAgencyId, `actions[${i}].ownerAgencyId`),
        person: person(a.ownerPersonId, `actions[${i}].ownerPersonId`),
      })),
      contentCoordinator: person(input.contentCoordinatorId, "contentCoordinatorId"),
      processCoordinator: person(input.processCoordinatorId, "processCoordinatorId"),
      // Members named in the plan must be able to open it: their agency becomes involved.
      personAgencies: [
        ...input.actions.map((a) => a.ownerPersonId),
        input.contentCoordinatorId,
        input.processCoordinatorId,
      ]
        .map((id) => (id ? people.get(id) : undefined))
        .filter((p) => p?.role === "member")
        .map((p) => p!.agencyId),
    };
    return { resolved, fields };
  }

  /** Keeps the live tasks in step with the plan's actions: same ids, so a task keeps its history. */
  async function syncTasks(tx: Query, actor: AuditActor, theCase: CaseRow, content: PlanContent) {
    const rows = await tx
      .select()
      .from(t.tasks)
      .where(and(eq(t.tasks.caseId, theCase.id), isNotNull(t.tasks.goalId)));
    const live = new Map(rows.map((task) => [task.id, task]));
    for (const a of content.actions) {
      const values = {
        goalId: a.goalId,
        what: a.what,
        ownerPersonId: a.ownerPerson?.id ?? null,
        ownerAgencyId: a.ownerAgency.id,
        startOn: a.startOn,
        dueOn: a.dueOn,
        status: a.status,
        stopReason: a.stopReason,
      };
      const was = live.get(a.id);
      if (!was)
        await tx
          .insert(t.tasks)
          .values({ id: a.id, networkId: theCase.networkId, caseId: theCase.id, createdBy: actor.personId, ...values });
      else if (Object.entries(values).some(([k, v]) => was[k as keyof typeof values] !== v))
        await tx
          .update(t.tasks)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(t.tasks.id, a.id));
      live.delete(a.id);
    }
    // An action taken out of the plan is no longer a live task; the versions keep it.
    if (live.size) await tx.delete(t.tasks).where(inArray(t.tasks.id, [...live.keys()]));
  }

  /** Saves in `tx`; says whether the involved agencies changed, to announce after the commit. */
  async function saveIn(
    tx: Query,
    actor: AuditActor & { personId: string },
    theCase: CaseRow,
    input: PlanInput,
    baseVersion: number,
    audits?: AuditEntryInput[],
  ): Promise<{ result: SaveResult; involvedChanged: boolean }> {
    const refused = (result: Exclude<SaveResult, { ok: true }>) => ({ result, involvedChanged: false });
    // "The latest plus one": one save of the case's plan at a time, on every node.
    await store.lock(tx, `plan-version:${theCase.id}`);
    const [current] = await tx.select({ stage: t.cases.stage }).from(t.cases).where(eq(t.cases.id, theCase.id));
    if (!current || current.stage === "closed") return refused({ ok: false, reason: "closed" });
    const latest = await latestIn(tx, theCase.id);
    if (!latest && baseVersion !== 0)
      return refused({ ok: false, reason: "invalid", fields: { baseVersion: "plans.errors.baseVersion" } });
    if (latest && latest.version !== baseVersion) return refused({ ok: false, reason: "conflict", latest });
    const { resolved, fields } = await resolve(tx, theCase.networkId, input);
    if (Object.keys(fields).length) return refused({ ok: false, reason: "invalid", fields });

    // New goals and actions get ids of their own; ids from the form count only if they are this plan's.
    const knownGoals = new Set(latest?.content.goals.map((g) => g.id));
    const knownTasks = new Set(
      (
        await tx
          .select({ id: t.tasks.id })
          .from(t.tasks)
          .where(and(eq(t.tasks.caseId, theCase.id), isNotNull(t.tasks.goalId)))
      ).map((task) => task.id),
    );
    const finalGoalIds = input.goals.map((g) => (g.id && knownGoals.has(g.id) ? g.id : randomUUID()));
    const goalIds = new Map(input.goals.flatMap((g, i) => (g.id ? [[g.id, finalGoalIds[i]] as const] : [])));
    const content: PlanContent = {
      socialContext: input.socialContext.trim(),
      goals: input.goals.map((g, i) => ({
        id: finalGoalIds[i],
        what: g.what.trim(),
        measure: g.measure.trim(),
        byWhen: g.byWhen,
        standing: g.standing,
      })),
      actions: input.actions.map((a, i) => ({
        id: a.id && knownTasks.has(a.id) ? a.id : randomUUID(),
        goalId: goalIds.get(a.goalId)!,
        what: a.what.trim(),
        ownerAgency: resolved.actions[i].agency,
        ownerPerson: resolved.actions[i].person,
        startOn: a.startOn || null,
        dueOn: a.dueOn,
        status: a.status,
        stopReason: a.status === "stopped" ? (a.stopReason ?? null) : null,
      })),
      agencies: [
        ...new Map([...resolved.agencies, ...resolved.actions.map((a) => a.agency)].map((a) => [a.id, a])).values(),
      ].sort((a, b) => a.name.localeCompare(b.name)),
      contentCoordinator: resolved.contentCoordinator,
      processCoordinator: resolved.processCoordinator,
      nextCheckInOn: input.nextCheckInOn,
    };
    const version = baseVersion + 1;
    await tx.insert(t.planVersions).values({
      id: randomUUID(),
      caseId: theCase.id,
      version,
      content,
      savedBy: actor.personId,
    });
    await syncTasks(tx, actor, theCase, content);
    await tx
      .update(t.cases)
      .set({ nextCheckInOn: content.nextCheckInOn, updatedAt: new Date() })
      .where(eq(t.cases.id, theCase.id));
    const involved = await caseRegister.involvedAgencies(tx, theCase.id);
    const wanted = [...new Set([...involved, ...content.agencies.map((a) => a.id), ...resolved.personAgencies])];
    const involvedChanged = wanted.length > involved.length;
    // The plan's agencies were resolved in this network: the register cannot refuse them.
    if (involvedChanged) await caseRegister.setInvolvedAgencies(actor, theCase, wanted, tx, audits);
    const entry: AuditEntryInput = {
      action: "plan.saved",
      networkId: theCase.networkId,
      subjectType: "case",
      subjectId: theCase.id,
      details: { code: theCase.code, version, goals: content.goals.length, actions: content.actions.length },
    };
    if (audits) audits.push(entry);
    else await audit.append(tx, actor, entry);
    return { result: { ok: true, version }, involvedChanged };
  }

  return {
    /** Who and what a plan may name in this network, for the form's lists. */
    async choices(networkId: string): Promise<{ agencies: Ref[]; people: (Ref & { agencyName: string })[] }> {
      return {
        agencies: await store.db
          .select({ id: t.agencies.id, name: t.agencies.name })
          .from(t.agencies)
          .where(eq(t.agencies.networkId, networkId))
          .orderBy(asc(t.agencies.name)),
        people: await store.db
          .select({ id: t.persons.id, name: t.persons.name, agencyName: t.agencies.name })
          .from(t.memberships)
          .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
          .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
          .where(and(eq(t.memberships.networkId, networkId), inArray(t.memberships.role, [...PLAN_ROLES])))
          .orderBy(asc(t.persons.name)),
      };
    },

    async latest(caseId: string): Promise<PlanVersion | null> {
      const [row] = await versionRows(store.db, caseId);
      return row ? toVersion(row) : null;
    },

    async version(caseId: string, version: number): Promise<PlanVersion | null> {
      const [row] = await versionRows(store.db, caseId, version);
      return row ? toVersion(row) : null;
    },

    async versions(caseId: string): Promise<{ version: number; savedBy: Ref; savedAt: Date }[]> {
      return (await versionRows(store.db, caseId)).map(({ v, byName }) => ({
        version: v.version,
        savedBy: { id: v.savedBy, name: byName },
        savedAt: v.savedAt,
      }));
    },

    /** Whether the case has a plan (the move to "active" needs one). */
    async hasPlan(caseId: string, q: Query = store.db): Promise<boolean> {
      const [row] = await q
        .select({ id: t.planVersions.id })
        .from(t.planVersions)
        .where(eq(t.planVersions.caseId, caseId))
        .limit(1);
      return row !== undefined;
    },

    /**
     * The latest version as a starting point for the next one, with each action's status
     * as the live task has it now (a meeting may have moved it on since the plan was saved).
     */
    async draft(caseId: string): Promise<PlanVersion | null> {
      const [row] = await versionRows(store.db, caseId);
      if (!row) return null;
      const latest = toVersion(row);
      const tasks = await store.db
        .select()
        .from(t.tasks)
        .where(and(eq(t.tasks.caseId, caseId), isNotNull(t.tasks.goalId)));
      const live = new Map(tasks.map((task) => [task.id, task]));
      const actions = latest.content.actions.map((a) => {
        const task = live.get(a.id);
        return task ? { ...a, status: task.status, stopReason: task.stopReason } : a;
      });
      return { ...latest, content: { ...latest.content, actions } };
    },

    /**
     * Saves the plan as a new version (previous + 1), if `baseVersion` (0 for the first)
     * is still the latest; in the same transaction keeps the live tasks in step, sets the
     * case's next check-in and marks the plan's organisations involved (never removing one).
     * Inside a caller's transaction (`tx`, e.g. a meeting's closing) it writes in that one;
     * given `audits` too, it leaves its audit entries there for the caller to append as the
     * transaction's last writes (the audit chain's lock comes last, decision 0040).
     */
    async save(
      actor: AuditActor & { personId: string },
      theCase: CaseRow,
      input: PlanInput,
      baseVersion: number,
      tx?: Query,
      audits?: AuditEntryInput[],
    ): Promise<SaveResult> {
      const problems = planProblems(input);
      if (problems.length)
        return {
          ok: false,
          reason: "invalid",
          fields: Object.fromEntries(problems.map((p) => [fieldName(p.path), p.message])),
        };
      try {
        const saved = tx
          ? await saveIn(tx, actor, theCase, input, baseVersion, audits)
          : await store.transaction((own) => saveIn(own, actor, theCase, input, baseVersion));
        // Announced once committed; inside a caller's transaction the caller's commit is not ours to wait for.
        if (saved.involvedChanged && !tx)
          standing.changed({ kind: "case", networkId: theCase.networkId, caseId: theCase.id });
        return saved.result;
      } catch (e) {
        // The lock makes this rare; the unique index is the last guard.
        if (!store.isUniqueViolation(e)) throw e;
        const latest = await latestIn(store.db, theCase.id);
        if (!latest) throw e;
        return { ok: false, reason: "conflict", latest };
      }
    },
  };
}

export type ActionPlans = ReturnType<typeof createActionPlans>;
