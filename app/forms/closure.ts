import { z } from "zod";
import { CHECKLIST_ANSWERS } from "../contract/vocabulary.ts";
import { requiredText } from "./fields.ts";

/** The closure proposal's form, built from the checklist template's items. */
export function closureProposalSchema(itemKeys: readonly string[]) {
  const item = z.object({
    answer: z.enum(CHECKLIST_ANSWERS, { error: "errors.required" }),
    note: z.string().trim().max(4000, "errors.tooLong").optional(),
  });
  return z.object({
    rationale: requiredText(4000),
    items: z.object(Object.fromEntries(itemKeys.map((k) => [k, item]))),
  });
}
