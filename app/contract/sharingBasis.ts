// The basis on which a case's information is shared between the agencies: consent (the
// person's own, or a parent's or guardian's for a minor) or another basis the network
// lists, with its reference. Pure: the forms, the case file, the room and the PDFs share it.
import { z } from "zod";

export const SHARING_BASES = ["person_consent", "parent_consent", "guardian_consent", "listed_basis"] as const;
export type SharingBasis = (typeof SHARING_BASES)[number];

/** Consent given by someone for a minor: a parent or a guardian. */
export const GUARDIAN_BASES: readonly SharingBasis[] = ["parent_consent", "guardian_consent"];

export const isConsent = (basis: SharingBasis) => basis !== "listed_basis";

/** Who gave the consent, in the words the state line uses. */
export const CONSENT_GIVERS = {
  person_consent: "person",
  parent_consent: "parent",
  guardian_consent: "guardian",
} as const;

/**
 * The state of a case, as every screen and document shows it:
 * - none: nothing recorded yet;
 * - consent: consent given on a day, by the person, a parent or a guardian;
 * - not_sought: another basis the network lists (its name and reference);
 * - withdrawn: the consent given earlier was withdrawn on a day.
 */
export type SharingBasisState =
  | { state: "none" }
  | { state: "consent"; by: "person" | "parent" | "guardian"; on: string }
  | { state: "not_sought"; basis: string; reference: string; caseReference: string | null; on: string }
  | { state: "withdrawn"; by: "person" | "parent" | "guardian"; on: string };

const giver = z.enum(["person", "parent", "guardian"]);
export const sharingBasisStateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("none") }),
  z.object({ state: z.literal("consent"), by: giver, on: z.string() }),
  z.object({
    state: z.literal("not_sought"),
    basis: z.string(),
    reference: z.string(),
    caseReference: z.string().nullable(),
    on: z.string(),
  }),
  z.object({ state: z.literal("withdrawn"), by: giver, on: z.string() }),
]);

/**
 * The basis as the live room's routing and a proposal in writing carry it: the same
 * facts the forms ask (app/forms/sharingBasis.ts), named as the case register keeps them.
 */
export const sharingBasisInputSchema = z
  .object({
    basis: z.enum(SHARING_BASES),
    /** The network's listed basis, when the basis is not consent. */
    listedBasisId: z.string().min(1).max(100).nullable().default(null),
    /** The case's own reference under that basis, if any. */
    caseReference: z.string().trim().max(200).nullable().default(null),
    obtainedOn: z.iso.date(),
    /** The member who obtained the consent, or established the other basis. */
    obtainedBy: z.string().min(1).max(100),
  })
  .refine((v) => v.basis !== "listed_basis" || v.listedBasisId !== null, { path: ["listedBasisId"] });
export type SharingBasisInput = z.output<typeof sharingBasisInputSchema>;

/** Why a basis does not fit a case: a minor's consent is a parent's or guardian's, an adult's their own. */
export function basisFits(basis: SharingBasis, isMinor: boolean): boolean {
  if (basis === "listed_basis") return true;
  return isMinor ? GUARDIAN_BASES.includes(basis) : basis === "person_consent";
}
