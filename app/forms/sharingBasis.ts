import { z } from "zod";
import { SHARING_BASES } from "../contract/sharingBasis.ts";
import { requiredText } from "./fields.ts";

const optionalText = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(max, "errors.tooLong").optional());

/**
 * The basis on which a case's information is shared, as every form asks it: the routing
 * into multi-agency work (on the analysis page and in the meeting room) and the case file.
 * Flat fields, so a form can hold them beside its own.
 */
export const sharingBasisFields = {
  basis: z.enum(SHARING_BASES, { error: "sharing.errors.chooseBasis" }),
  /** The network's listed basis, when the basis is not consent. */
  basisListedId: optionalText(100),
  /** The case's own reference under that basis (an order, a file number), if any. */
  basisReference: optionalText(200),
  basisObtainedOn: z.iso.date("errors.date"),
  /** The member who obtained the consent, or established the other basis. */
  basisObtainedBy: requiredText(100),
};

type BasisValues = { basis: (typeof SHARING_BASES)[number]; basisListedId?: string };

/** A listed basis names which one. */
export function checkSharingBasis(v: BasisValues, ctx: z.RefinementCtx) {
  if (v.basis === "listed_basis" && !v.basisListedId)
    ctx.addIssue({ code: "custom", path: ["basisListedId"], message: "sharing.errors.chooseListed" });
}

export const sharingBasisSchema = z.object(sharingBasisFields).superRefine(checkSharingBasis);

export const withdrawalSchema = z.object({
  withdrawnOn: z.iso.date("errors.date"),
  note: optionalText(2000),
});

export const listedBasisSchema = z.object({
  name: requiredText(120),
  reference: requiredText(300),
});
