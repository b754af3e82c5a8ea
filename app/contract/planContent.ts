import { z } from "zod";
import { STOP_REASONS, TASK_STATUSES, type StopReason, type TaskStatus } from "./vocabulary.ts";

// The shape of an action plan: what the form and the demo seed give (PlanInput) and
// what a saved version keeps (PlanContent). Imports nothing from Node, so the form
// schema in app/ can share it.

/** Where a goal stands; "attained" feeds the evaluation and the closure checklist. */
export const GOAL_STANDINGS = ["open", "attained", "not_attained"] as const;
export type GoalStanding = (typeof GOAL_STANDINGS)[number];

export interface GoalInput {
  /** A saved goal's id, or any reference the form made up for a new goal (e.g. "new-1"). */
  id?: string;
  what: string;
  /** How the group will know the goal is reached: the M of SMART. */
  measure: string;
  byWhen: string;
  standing: GoalStanding;
}

export interface ActionInput {
  /** A live task's id; absent for a new action. */
  id?: string;
  /** The id (or the form's reference) of the goal it serves. */
  goalId: string;
  what: string;
  ownerAgencyId: string;
  ownerPersonId?: string | null;
  startOn?: string | null;
  dueOn: string;
  status: TaskStatus;
  stopReason?: StopReason | null;
}

export interface PlanInput {
  socialContext: string;
  goals: GoalInput[];
  actions: ActionInput[];
  /** The organisations involved in the plan. */
  agencyIds: string[];
  contentCoordinatorId?: string | null;
  processCoordinatorId?: string | null;
  nextCheckInOn: string;
}

const ref = z.object({ id: z.string(), name: z.string() });
export type Ref = z.infer<typeof ref>;

// A saved version keeps names beside ids, so it reads the same after a person leaves
// the network or an agency is renamed.
export const planContentSchema = z.object({
  socialContext: z.string(),
  goals: z.array(
    z.object({
      id: z.string(),
      what: z.string(),
      measure: z.string(),
      byWhen: z.string(),
      standing: z.enum(GOAL_STANDINGS),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.string(),
      goalId: z.string(),
      what: z.string(),
      ownerAgency: ref,
      ownerPerson: ref.nullable(),
      startOn: z.string().nullable(),
      dueOn: z.string(),
      status: z.enum(TASK_STATUSES),
      stopReason: z.enum(STOP_REASONS).nullable(),
    }),
  ),
  agencies: z.array(ref),
  contentCoordinator: ref.nullable(),
  processCoordinator: ref.nullable(),
  nextCheckInOn: z.string(),
});

export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanGoal = PlanContent["goals"][number];
export type PlanAction = PlanContent["actions"][number];

/** A saved content back as form input: what a new version starts from. */
export function inputFromContent(c: PlanContent): PlanInput {
  return {
    socialContext: c.socialContext,
    goals: c.goals.map((g) => ({ ...g })),
    actions: c.actions.map((a) => ({
      id: a.id,
      goalId: a.goalId,
      what: a.what,
      ownerAgencyId: a.ownerAgency.id,
      ownerPersonId: a.ownerPerson?.id ?? null,
      startOn: a.startOn,
      dueOn: a.dueOn,
      status: a.status,
      stopReason: a.stopReason,
    })),
    agencyIds: c.agencies.map((a) => a.id),
    contentCoordinatorId: c.contentCoordinator?.id ?? null,
    processCoordinatorId: c.processCoordinator?.id ?? null,
    nextCheckInOn: c.nextCheckInOn,
  };
}

/** The goal a meeting's new task serves unless someone picks another: the first still open, else the first. */
export function currentGoal<G extends { standing: string }>(goals: readonly G[]): G | undefined {
  return goals.find((g) => g.standing === "open") ?? goals[0];
}
