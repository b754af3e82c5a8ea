import { z } from "zod";
import { MANDATES, ROLES, SECTORS } from "../contract/vocabulary.ts";
import { checkbox, email, requiredText } from "./fields.ts";

export const inviteSchema = z.object({
  email: email(),
  agencyId: requiredText(100),
  role: z.enum(ROLES, { error: "errors.required" }),
  mandate: z.enum(MANDATES, { error: "errors.required" }),
});

export const memberChangeSchema = z.object({
  agencyId: requiredText(100),
  role: z.enum(ROLES, { error: "errors.required" }),
  mandate: z.enum(MANDATES, { error: "errors.required" }),
  isAccountableOfficer: checkbox(),
});

export const agencySchema = z.object({
  name: requiredText(120),
  sector: z.enum(SECTORS, { error: "errors.required" }),
});

// An empty filter field means "no filter", as a GET form sends every field.
const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);
const day = z.preprocess(blankAsUnset, z.iso.date("errors.date").optional());

export const auditFilterSchema = z.object({
  person: z.preprocess(blankAsUnset, z.string().max(100).optional()),
  from: day,
  until: day,
});
