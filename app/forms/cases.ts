import { z } from "zod";
import { agencyViewField } from "../contract/decisionFields.ts";
import { CASE_STAGES } from "../contract/vocabulary.ts";
import { requiredText } from "./fields.ts";

const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(max, "errors.tooLong").optional());

export const summarySchema = z.object({ summary: requiredText(1000) });

export const identitySchema = z.object({
  name: requiredText(200),
  dateOfBirth: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date("errors.date").optional()),
  address: optionalText(500),
  contacts: optionalText(500),
});

export const agenciesSchema = z.object({
  agencyIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100))),
});

export const moveSchema = z.object({
  to: z.enum(CASE_STAGES, { error: "errors.required" }),
  rationale: requiredText(4000),
});

export const checkSchema = z.object({ checkId: requiredText(100), note: requiredText(4000) });

export const closureViewSchema = z.object({
  view: agencyViewField(),
  comment: optionalText(4000),
});

export const signOffSchema = z.object({ comment: optionalText(4000) });

export const caseFilterSchema = z.object({
  code: optionalText(40),
  stage: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CASE_STAGES).optional()),
  dueBefore: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date("errors.date").optional()),
  agencyId: optionalText(100),
  overdue: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
