import { z } from "zod";
import { JUDGEMENTS, STOP_REASONS, TASK_STATUSES } from "../contract/vocabulary.ts";
import { GOAL_STANDINGS } from "../contract/planContent.ts";
import { CROSS_FIELD_PROBLEMS, planProblems } from "../contract/planRules.ts";
import { requiredText } from "./fields.ts";

// Messages are i18n keys. Conform turns an empty field into `undefined`, so optional
// texts become "" and a row left wholly empty still gets its errors beside its fields.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v ?? "");
const requiredWith = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, "errors.tooLong");
const optionalId = () => z.string().max(100).optional();
const day = (message: string) => z.iso.date({ error: message });
/** A group of fields left wholly empty arrives as nothing; validate it as empty, so errors land beside its fields. */
const orEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? {}, schema);

// ---- assessment ----

export const domainSchema = orEmpty(
  z.object({
    riskFactors: optionalText(4000),
    protectiveFactors: optionalText(4000),
    known: optionalText(4000),
    unknown: optionalText(4000),
    judgement: z.enum(JUDGEMENTS, { error: "plans.errors.judgement" }),
    reasoning: requiredWith("plans.errors.reasoning", 4000),
  }),
);

/** The assessment form for a template: one group of fields per life domain, by its key. */
export function assessmentSchema(domainKeys: readonly string[]) {
  return z.object({
    assessedOn: day("errors.date"),
    domains: orEmpty(z.object(Object.fromEntries(domainKeys.map((k) => [k, domainSchema])))),
  });
}

export type AssessmentForm = z.infer<ReturnType<typeof assessmentSchema>>;

// ---- action plan ----

export const goalSchema = orEmpty(
  z.object({
    id: optionalId(),
    what: requiredText(500),
    // SMART: a goal without a measure or a date is refused, beside the field.
    measure: requiredWith("plans.errors.measure", 1000),
    byWhen: day("plans.errors.byWhen"),
    standing: z.enum(GOAL_STANDINGS).default("open"),
  }),
);

export const actionSchema = orEmpty(
  z.object({
    id: optionalId(),
    goalId: z.string({ error: "plans.errors.goal" }).max(100),
    what: requiredText(500),
    ownerAgencyId: z.string({ error: "plans.errors.ownerAgency" }).max(100),
    ownerPersonId: optionalId(),
    startOn: day("errors.date").optional(),
    dueOn: day("plans.errors.due"),
    status: z.enum(TASK_STATUSES, { error: "errors.required" }),
    stopReason: z.enum(STOP_REASONS).optional(),
  }),
);

export const planSchema = z
  .object({
    /** The version this edit started from (0 for the first plan): optimistic versioning. */
    baseVersion: z.coerce.number().int().min(0).max(1_000_000),
    socialContext: requiredText(5000),
    goals: z.array(goalSchema).min(1, "plans.errors.noGoal").max(30, "errors.tooLong").prefault([]),
    actions: z.array(actionSchema).max(100, "errors.tooLong").default([]),
    agencyIds: z.array(z.string().max(100)).max(100).default([]),
    contentCoordinatorId: optionalId(),
    processCoordinatorId: optionalId(),
    nextCheckInOn: day("plans.errors.checkIn"),
  })
  .superRefine((plan, ctx) => {
    // The rules that need the whole plan (an action's goal exists, a stopped action says why).
    // Zod runs this even beside field errors, so only those rules, lest a message show twice.
    for (const p of planProblems(plan))
      if (CROSS_FIELD_PROBLEMS.has(p.message)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  });

export type PlanForm = z.infer<typeof planSchema>;

/** Version numbers in the address of the versions page: ?version=N, ?a=N&b=M. */
export const versionQuerySchema = z.object({
  version: z.coerce.number().int().min(1).optional(),
  a: z.coerce.number().int().min(1).optional(),
  b: z.coerce.number().int().min(1).optional(),
});
