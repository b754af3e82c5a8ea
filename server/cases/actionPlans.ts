import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Store } from "../../db/store.ts";
import { agencies, caseAgencies, cases, memberships, persons, planVersions, tasks } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { CaseRegister, CaseRow } from "./caseRegister.ts";
import { planContentSchema, type PlanContent, type PlanInput, type Ref } from "../../app/contract/planContent.ts";
import { fieldName, planProblems } from "../../app/contract/planRules.ts";

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

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

/** The newest saved version of a case's plan, its content read; null before the first save. */
export function latestPlanOf(tx: Pick<Db, "select">, caseId: string): { version: number; content: PlanContent } | null {
  const row = tx
    .select({ version: planVersions.version, content: planVersions.content })
    .from(planVersions)
    .where(eq(planVersions.caseId, caseId))
    .orderBy(desc(planVersions.version))
    .limit(1)
    .get();
  return row ? { version: row.version, content: planContentSchema.parse(row.content) } : null;
}

/** People who may be named in a plan: those who can see the case's file (not admins or guests). */
const PLAN_ROLES = ["chair", "coordinator", "member"] as const;

/**
 * Action plans, version by version. `save` and `hasPlan` still use `legacy` (the
 * synchronous database and audit log): a meeting's closing saves plans inside its
 * synchronous transaction, and the minutes' distribution asks `hasPlan` synchronously;
 * they move to the Store with those (decision 0040).
 */
export function createActionPlans(deps: {
  store: Store;
  caseRegister: CaseRegister;
  legacy: { db: Db; audit: AuditLog };
}) {
  const { store, caseRegister } = deps;
  const { t } = store;
  const { db, audit } = deps.legacy;

  /** The versions of a case's plan, newest first (only `version` when given), read from the Store. */
  async function storedVersions(caseId: string, version?: number) {
    return store.db
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

  function versionRows(tx: Pick<Db, "select">, caseId: string, version?: number) {
    return tx
      .select({ v: planVersions, byName: persons.name })
      .from(planVersions)
      .innerJoin(persons, eq(persons.id, planVersions.savedBy))
      .where(
        version === undefined
          ? eq(planVersions.caseId, caseId)
          : and(eq(planVersions.caseId, caseId), eq(planVersions.version, version)),
      )
      .orderBy(desc(planVersions.version));
  }

  function toVersion({ v, byName }: { v: typeof planVersions.$inferSelect; byName: string }): PlanVersion {
    return {
      version: v.version,
      content: planContentSchema.parse(v.content),
      savedBy: { id: v.savedBy, name: byName },
      savedAt: v.savedAt,
    };
  }

  function latestIn(tx: Pick<Db, "select">, caseId: string): PlanVersion | null {
    const row = versionRows(tx, caseId).limit(1).get();
    return row ? toVersion(row) : null;
  }

  /** Resolves the ids in a plan to names of this network, or says which fields name someone unknown. */
  function resolve(tx: Pick<Db, "select">, networkId: string, input: PlanInput) {
    const agencyNames = new Map(
      tx
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(eq(agencies.networkId, networkId))
        .all()
        .map((a) => [a.id, a.name]),
    );
    const people = new Map(
      tx
        .select({ id: persons.id, name: persons.name, agencyId: memberships.agencyId, role: memberships.role })
        .from(memberships)
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .where(and(eq(memberships.networkId, networkId), inArray(memberships.role, [...PLAN_ROLES])))
        .all()
        .map((p) => [p.id, p]),
    );
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
  function syncTasks(tx: Tx, actor: AuditActor, theCase: CaseRow, content: PlanContent) {
    const live = new Map(
      tx
        .select()
        .from(tasks)
        .where(and(eq(tasks.caseId, theCase.id), isNotNull(tasks.goalId)))
        .all()
        .map((t) => [t.id, t]),
    );
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
        tx.insert(tasks)
          .values({ id: a.id, networkId: theCase.networkId, caseId: theCase.id, createdBy: actor.personId, ...values })
          .run();
      else if (Object.entries(values).some(([k, v]) => was[k as keyof typeof values] !== v))
        tx.update(tasks)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(tasks.id, a.id))
          .run();
      live.delete(a.id);
    }
    // An action taken out of the plan is no longer a live task; the versions keep it.
    if (live.size)
      tx.delete(tasks)
        .where(inArray(tasks.id, [...live.keys()]))
        .run();
  }

  function saveIn(
    actor: AuditActor & { personId: string },
    theCase: CaseRow,
    input: PlanInput,
    baseVersion: number,
    inTx?: Tx,
  ): SaveResult {
    const work = (tx: Tx): SaveResult => {
      const current = tx.select({ stage: cases.stage }).from(cases).where(eq(cases.id, theCase.id)).get();
      if (!current || current.stage === "closed") return { ok: false, reason: "closed" };
      const latest = latestIn(tx, theCase.id);
      if (!latest && baseVersion !== 0)
        return { ok: false, reason: "invalid", fields: { baseVersion: "plans.errors.baseVersion" } };
      if (latest && latest.version !== baseVersion) return { ok: false, reason: "conflict", latest };
      const { resolved, fields } = resolve(tx, theCase.networkId, input);
      if (Object.keys(fields).length) return { ok: false, reason: "invalid", fields };

      // New goals and actions get ids of their own; ids from the form count only if they are this plan's.
      const knownGoals = new Set(latest?.content.goals.map((g) => g.id));
      const knownTasks = new Set(
        tx
          .select({ id: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.caseId, theCase.id), isNotNull(tasks.goalId)))
          .all()
          .map((t) => t.id),
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
      tx.insert(planVersions)
        .values({
          id: randomUUID(),
          caseId: theCase.id,
          version,
          content,
          savedBy: actor.personId,
        })
        .run();
      syncTasks(tx, actor, theCase, content);
      tx.update(cases)
        .set({ nextCheckInOn: content.nextCheckInOn, updatedAt: new Date() })
        .where(eq(cases.id, theCase.id))
        .run();
      const involved = tx
        .select({ id: caseAgencies.agencyId })
        .from(caseAgencies)
        .where(eq(caseAgencies.caseId, theCase.id))
        .all()
        .map((r) => r.id);
      caseRegister.setInvolvedAgenciesIn(tx, actor, theCase, [
        ...new Set([...involved, ...content.agencies.map((a) => a.id), ...resolved.personAgencies]),
      ]);
      audit.append(
        actor,
        {
          action: "plan.saved",
          networkId: theCase.networkId,
          subjectType: "case",
          subjectId: theCase.id,
          details: { code: theCase.code, version, goals: content.goals.length, actions: content.actions.length },
        },
        tx,
      );
      return { ok: true, version };
    };
    return inTx ? work(inTx) : db.transaction(work);
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
      const [row] = await storedVersions(caseId);
      return row ? toVersion(row) : null;
    },

    async version(caseId: string, version: number): Promise<PlanVersion | null> {
      const [row] = await storedVersions(caseId, version);
      return row ? toVersion(row) : null;
    },

    async versions(caseId: string): Promise<{ version: number; savedBy: Ref; savedAt: Date }[]> {
      return (await storedVersions(caseId)).map(({ v, byName }) => ({
        version: v.version,
        savedBy: { id: v.savedBy, name: byName },
        savedAt: v.savedAt,
      }));
    },

    /** Whether the case has a plan (the move to "active" needs one). */
    hasPlan(caseId: string): boolean {
      return !!db
        .select({ id: planVersions.id })
        .from(planVersions)
        .where(eq(planVersions.caseId, caseId))
        .limit(1)
        .get();
    },

    /**
     * The latest version as a starting point for the next one, with each action's status
     * as the live task has it now (a meeting may have moved it on since the plan was saved).
     */
    async draft(caseId: string): Promise<PlanVersion | null> {
      const [row] = await storedVersions(caseId);
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
     * Inside a caller's transaction (`inTx`, e.g. a meeting's closing) it writes in that one.
     */
    save(
      actor: AuditActor & { personId: string },
      theCase: CaseRow,
      input: PlanInput,
      baseVersion: number,
      inTx?: Tx,
    ): SaveResult {
      const problems = planProblems(input);
      if (problems.length)
        return {
          ok: false,
          reason: "invalid",
          fields: Object.fromEntries(problems.map((p) => [fieldName(p.path), p.message])),
        };
      try {
        return saveIn(actor, theCase, input, baseVersion, inTx);
      } catch (e) {
        // Another process saved the same version number first: the unique index says so.
        if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
          const latest = latestIn(db, theCase.id);
          if (latest) return { ok: false, reason: "conflict", latest };
        }
        throw e;
      }
    },
  };
}

export type ActionPlans = ReturnType<typeof createActionPlans>;
