import { z } from "zod";
import { rationaleField } from "../contract/decisionFields.ts";
import { SHARING_BASES } from "../contract/sharingBasis.ts";
import { WRITTEN_REASONS, WRITTEN_RESULTS, WRITTEN_STANCES } from "../contract/writtenProcedure.ts";

const optional = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(max, "errors.tooLong").optional());

/** Putting a decision in writing, as the form posts it; the outcome's own needs are checked here too. */
export const openWrittenSchema = z
  .object({
    caseCode: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(40),
    reason: z.enum(WRITTEN_REASONS, { error: "errors.required" }),
    outcome: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(40),
    careService: optional(200),
    referredTo: optional(200),
    // Into multi-agency work: the basis the agencies share on (the fields of app/forms/sharingBasis.ts).
    basis: z.preprocess((v) => (v === "" ? undefined : v), z.enum(SHARING_BASES).optional()),
    basisListedId: optional(100),
    basisReference: optional(200),
    basisObtainedOn: optional(10),
    basisObtainedBy: optional(100),
    rationale: rationaleField(),
    /** A `datetime-local` value, read in the network's time zone. */
    deadline: z.string({ error: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.required"),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "regular_care" && !v.careService)
      ctx.addIssue({ code: "custom", path: ["careService"], message: "errors.required" });
    if (v.outcome === "security_referral" && !v.referredTo)
      ctx.addIssue({ code: "custom", path: ["referredTo"], message: "errors.required" });
    if (v.outcome === "take_into_maw") {
      if (!v.basis) ctx.addIssue({ code: "custom", path: ["basis"], message: "sharing.errors.chooseBasis" });
      if (v.basis === "listed_basis" && !v.basisListedId)
        ctx.addIssue({ code: "custom", path: ["basisListedId"], message: "sharing.errors.chooseListed" });
      if (!v.basisObtainedOn || !/^\d{4}-\d{2}-\d{2}$/.test(v.basisObtainedOn))
        ctx.addIssue({ code: "custom", path: ["basisObtainedOn"], message: "errors.date" });
      if (!v.basisObtainedBy) ctx.addIssue({ code: "custom", path: ["basisObtainedBy"], message: "errors.required" });
    }
  });

/** An agency's answer, as the procedure page sends it. */
export const answerWrittenSchema = z.object({
  stance: z.enum(WRITTEN_STANCES, { error: "errors.required" }),
  reason: optional(2000),
});

/** The chair's conclusion. */
export const concludeWrittenSchema = z.object({
  result: z.enum(WRITTEN_RESULTS, { error: "errors.required" }),
  note: optional(4000),
});
