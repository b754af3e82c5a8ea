import { z } from "zod";
import type { SharingBasisInput } from "./sharingBasis.ts";
import { AGENCY_VIEWS, type CHECK_IN_OUTCOMES, type CLOSURE_OUTCOMES } from "./vocabulary.ts";

// The fields of a decision that the case pages' forms and the meeting's commands share:
// one rule for each, wherever the decision is taken. Messages are i18n keys (the forms
// translate them; a meeting command's refusal names the field).

/** Required text: trimmed, at least one character, at most `max`. */
export const requiredText = (max = 200) =>
  z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong");

/** Why a decision was taken. */
export const rationaleField = () => requiredText(4000);

/**
 * What a routing needs beside the signal and its rationale: regular care names the care
 * service, a security referral where it goes. (Gathering information needs a task, which
 * the case page's form and the meeting shape each their own way.)
 */
export const routingNeeds = {
  regular_care: () => ({ careService: requiredText(200) }),
  security_referral: () => ({ referredTo: requiredText(200) }),
};

/** An agency's view on a decision or a closure. */
export const agencyViewField = () => z.enum(AGENCY_VIEWS, { error: "errors.required" });

/** The outcome of a decision with what it needs, as the room and a procedure in writing both take it. */
export type DecisionChoice =
  | {
      outcome: "no_further_action" | (typeof CHECK_IN_OUTCOMES)[number] | (typeof CLOSURE_OUTCOMES)[number];
      rationale: string;
    }
  | { outcome: "take_into_maw"; rationale: string; basis?: SharingBasisInput }
  | { outcome: "regular_care"; rationale: string; careService: string }
  | { outcome: "security_referral"; rationale: string; referredTo: string }
  | {
      outcome: "gather_information";
      rationale: string;
      task: { what: string; ownerAgencyId: string; ownerPersonId?: string | null; dueOn: string };
    };
