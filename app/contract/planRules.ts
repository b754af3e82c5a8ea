import type { PlanInput } from "./planContent.ts";

// The rules a plan must meet, whoever saves it (the form, the demo seed). Messages are
// i18n keys; paths are Conform field names' parts, so the form shows each beside its field.

export interface PlanProblem {
  path: (string | number)[];
  message: string;
}

export function isDay(v: unknown): v is string {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const blank = (v: string | null | undefined) => !v || v.trim() === "";

/** Problems only the whole plan shows (the form's field schemas catch the others themselves). */
export const CROSS_FIELD_PROBLEMS: ReadonlySet<string> = new Set([
  "plans.errors.goal",
  "plans.errors.stopReason",
  "plans.errors.dueBeforeStart",
  "plans.errors.duplicateGoal",
  "plans.errors.duplicateAction",
]);

/** Every problem of a plan; none means it may be saved. References to people and agencies are checked by the service. */
export function planProblems(plan: PlanInput): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  if (blank(plan.socialContext)) add(["socialContext"], "errors.required");
  if (!isDay(plan.nextCheckInOn)) add(["nextCheckInOn"], "plans.errors.checkIn");
  if (plan.goals.length === 0) add(["goals"], "plans.errors.noGoal");

  const goalIds = new Set<string>();
  plan.goals.forEach((g, i) => {
    if (blank(g.what)) add(["goals", i, "what"], "errors.required");
    // SMART: a goal nobody can measure, or that has no date, is a wish.
    if (blank(g.measure)) add(["goals", i, "measure"], "plans.errors.measure");
    if (!isDay(g.byWhen)) add(["goals", i, "byWhen"], "plans.errors.byWhen");
    if (g.id) {
      if (goalIds.has(g.id)) add(["goals", i, "what"], "plans.errors.duplicateGoal");
      goalIds.add(g.id);
    }
  });

  const actionIds = new Set<string>();
  plan.actions.forEach((a, i) => {
    if (blank(a.what)) add(["actions", i, "what"], "errors.required");
    if (!a.goalId || !goalIds.has(a.goalId)) add(["actions", i, "goalId"], "plans.errors.goal");
    if (blank(a.ownerAgencyId)) add(["actions", i, "ownerAgencyId"], "plans.errors.ownerAgency");
    if (a.startOn && !isDay(a.startOn)) add(["actions", i, "startOn"], "errors.date");
    if (!isDay(a.dueOn)) add(["actions", i, "dueOn"], "plans.errors.due");
    else if (a.startOn && isDay(a.startOn) && a.dueOn < a.startOn)
      add(["actions", i, "dueOn"], "plans.errors.dueBeforeStart");
    // "Not possible any more" and "not done by the agency" are different facts (MARAC practice).
    if (a.status === "stopped" && !a.stopReason) add(["actions", i, "stopReason"], "plans.errors.stopReason");
    if (a.id) {
      if (actionIds.has(a.id)) add(["actions", i, "what"], "plans.errors.duplicateAction");
      actionIds.add(a.id);
    }
  });
  return problems;
}

/** A Conform/zod field name from a path: ["goals", 0, "measure"] → "goals[0].measure". */
export function fieldName(path: (string | number)[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    "",
  );
}
