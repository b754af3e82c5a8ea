import { z } from "zod";
import { ACCOUNTABLE_OFFICER_CHOICES, MANDATES, ROLES, SECTORS } from "../contract/vocabulary.ts";
import type { MemberChangeError } from "../../server/networks/members.ts";
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

/** What the page says when a membership change is refused, by the service's reason. */
export const MEMBER_CHANGE_ERRORS = {
  last_admin: "members.lastAdmin",
  unknown_agency: "members.unknownAgency",
  not_found: "members.notFound",
  own_membership: "members.ownMembership",
  not_eligible: "members.notEligible",
  grant_pending: "members.grantPending",
  same_person: "members.samePerson",
} as const satisfies Record<MemberChangeError, string>;

/** Which roles besides the chair may be named accountable officer (settings). */
export const officerRolesSchema = z.object({
  roles: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ACCOUNTABLE_OFFICER_CHOICES)),
  ),
});

/** Which roles must sign in with a second factor (settings). */
export const secondFactorRolesSchema = z.object({
  roles: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(ROLES))),
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
