import type { PlanAction, PlanContent, PlanGoal, Ref } from "./planContent.ts";

// Compares two versions of an action plan. Goals and actions are matched by id (stable
// across versions), so a rewritten goal shows as changed, not as removed and added.

export interface FieldChange {
  field: string;
  /** Display values: names for people and agencies, a goal's text for a goal, codes for statuses. */
  from: string | null;
  to: string | null;
}

export interface ItemChange {
  id: string;
  /** The item's text in the newer version (the older one's when it was removed). */
  label: string;
  kind: "added" | "removed" | "changed";
  fields: FieldChange[];
}

export interface PlanChanges {
  plan: FieldChange[];
  agencies: { added: Ref[]; removed: Ref[] };
  goals: ItemChange[];
  actions: ItemChange[];
  same: boolean;
}

const GOAL_FIELDS = ["what", "measure", "byWhen", "standing"] as const;

function goalView(g: PlanGoal): Record<string, string | null> {
  return { what: g.what, measure: g.measure, byWhen: g.byWhen, standing: g.standing };
}

// The goal is compared by id (a goal reworded is not a different goal) and shown by its text.
function actionView(a: PlanAction): Record<string, string | null> {
  return {
    what: a.what,
    goal: a.goalId,
    ownerAgency: a.ownerAgency.name,
    ownerPerson: a.ownerPerson?.name ?? null,
    startOn: a.startOn,
    dueOn: a.dueOn,
    status: a.status,
    stopReason: a.stopReason,
  };
}
const ACTION_FIELDS = [
  "what",
  "goal",
  "ownerAgency",
  "ownerPerson",
  "startOn",
  "dueOn",
  "status",
  "stopReason",
] as const;

function differences(
  fields: readonly string[],
  a: Record<string, string | null>,
  b: Record<string, string | null>,
): FieldChange[] {
  return fields
    .filter((f) => (a[f] ?? null) !== (b[f] ?? null))
    .map((field) => ({ field, from: a[field] ?? null, to: b[field] ?? null }));
}

function compareItems<T extends { id: string; what: string }>(
  older: readonly T[],
  newer: readonly T[],
  fields: readonly string[],
  view: (t: T) => Record<string, string | null>,
): ItemChange[] {
  const before = new Map(older.map((t) => [t.id, t]));
  const changes: ItemChange[] = [];
  for (const item of newer) {
    const was = before.get(item.id);
    if (!was) {
      changes.push({ id: item.id, label: item.what, kind: "added", fields: [] });
      continue;
    }
    const fieldChanges = differences(fields, view(was), view(item));
    if (fieldChanges.length) changes.push({ id: item.id, label: item.what, kind: "changed", fields: fieldChanges });
  }
  const kept = new Set(newer.map((t) => t.id));
  for (const item of older)
    if (!kept.has(item.id)) changes.push({ id: item.id, label: item.what, kind: "removed", fields: [] });
  return changes;
}

const nameOf = (r: Ref | null) => r?.name ?? null;

/** What changed from `older` to `newer`. */
export function comparePlans(older: PlanContent, newer: PlanContent): PlanChanges {
  const plan = differences(
    ["socialContext", "nextCheckInOn", "contentCoordinator", "processCoordinator"],
    {
      socialContext: older.socialContext.trim(),
      nextCheckInOn: older.nextCheckInOn,
      contentCoordinator: nameOf(older.contentCoordinator),
      processCoordinator: nameOf(older.processCoordinator),
    },
    {
      socialContext: newer.socialContext.trim(),
      nextCheckInOn: newer.nextCheckInOn,
      contentCoordinator: nameOf(newer.contentCoordinator),
      processCoordinator: nameOf(newer.processCoordinator),
    },
  );
  // A coordinator replaced by someone of the same name still counts as a change.
  for (const role of ["contentCoordinator", "processCoordinator"] as const) {
    if (older[role]?.id !== newer[role]?.id && !plan.some((c) => c.field === role))
      plan.push({ field: role, from: nameOf(older[role]), to: nameOf(newer[role]) });
  }
  const olderAgencies = new Set(older.agencies.map((a) => a.id));
  const newerAgencies = new Set(newer.agencies.map((a) => a.id));
  const agencies = {
    added: newer.agencies.filter((a) => !olderAgencies.has(a.id)),
    removed: older.agencies.filter((a) => !newerAgencies.has(a.id)),
  };
  const goals = compareItems(older.goals, newer.goals, GOAL_FIELDS, goalView);
  const goalText = (goals: readonly PlanGoal[], id: string | null) => goals.find((g) => g.id === id)?.what ?? null;
  const actions = compareItems(older.actions, newer.actions, ACTION_FIELDS, actionView).map((change) => ({
    ...change,
    fields: change.fields.map((f) =>
      f.field === "goal" ? { field: f.field, from: goalText(older.goals, f.from), to: goalText(newer.goals, f.to) } : f,
    ),
  }));
  const same = !plan.length && !agencies.added.length && !agencies.removed.length && !goals.length && !actions.length;
  return { plan, agencies, goals, actions, same };
}
