// Decisions in writing between the meetings: the chair puts a case that cannot wait to
// the involved agencies, who answer on their own screens. Shared by server and browser;
// imports nothing from Node. Commands and events follow the room's rules (decision 0018):
// `entity:verb` commands acked `{ ok, data | error }`, past-tense events keyed by `type`,
// each with a cut decided per audience (server/written/writtenView.ts).
import { z } from "zod";
import { sharingBasisInputSchema } from "./sharingBasis.ts";
import { rationaleField, requiredText, routingNeeds } from "./decisionFields.ts";
import { AGENCY_VIEWS, CHECK_IN_OUTCOMES, CLOSURE_OUTCOMES, ROUTINGS } from "./vocabulary.ts";

/** Why a case cannot wait for the next meeting. */
export const WRITTEN_REASONS = ["security_signal", "minor_at_risk", "closure_drift", "other"] as const;
export type WrittenReason = (typeof WRITTEN_REASONS)[number];

/**
 * What a case can be decided on, from its state, as the room's item sections say: a
 * signal is routed, an open closure proposal closes or stays open, a running case takes
 * a check-in outcome.
 */
export const WRITTEN_KINDS = ["routing", "closure", "check_in"] as const;
export type WrittenKind = (typeof WRITTEN_KINDS)[number];
export const OUTCOMES_OF: Record<WrittenKind, readonly string[]> = {
  routing: ROUTINGS,
  closure: CLOSURE_OUTCOMES,
  check_in: CHECK_IN_OUTCOMES,
};

/** An agency's answer: its view, or that its member must report back first (EMMA 2022). */
export const WRITTEN_STANCES = [...AGENCY_VIEWS, "report_back"] as const;
export type WrittenStance = (typeof WRITTEN_STANCES)[number];

/** How the chair concludes: the proposal is adopted (a decision is recorded) or it is not. */
export const WRITTEN_RESULTS = ["adopted", "not_adopted"] as const;
export type WrittenResult = (typeof WRITTEN_RESULTS)[number];

const id = z.string().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "errors.required");

/** The proposal: the same outcomes and fields as a decision in the room. */
const proposalBase = { rationale: rationaleField() };
export const writtenOutcomeSchema = z.discriminatedUnion("outcome", [
  z.object({
    ...proposalBase,
    outcome: z.enum(["no_further_action", ...CHECK_IN_OUTCOMES, ...CLOSURE_OUTCOMES]),
  }),
  // Into multi-agency work: on what basis the agencies share (refused as `sharing_basis_needed` without one).
  z.object({ ...proposalBase, outcome: z.literal("take_into_maw"), basis: sharingBasisInputSchema.optional() }),
  z.object({ ...proposalBase, outcome: z.literal("regular_care"), ...routingNeeds.regular_care() }),
  z.object({ ...proposalBase, outcome: z.literal("security_referral"), ...routingNeeds.security_referral() }),
  z.object({
    ...proposalBase,
    outcome: z.literal("gather_information"),
    task: z.object({ what: requiredText(500), ownerAgencyId: id, ownerPersonId: id.nullable().optional(), dueOn: day }),
  }),
]);
export type WrittenOutcome = z.infer<typeof writtenOutcomeSchema>;

/** Opening a procedure: the case, why it cannot wait, the proposal, and the deadline. */
export const writtenOpenSchema = z.object({
  caseCode: requiredText(40),
  reason: z.enum(WRITTEN_REASONS, { error: "errors.required" }),
  deadline: z.coerce.date({ error: "errors.required" }),
  proposal: writtenOutcomeSchema,
});
export type WrittenOpen = z.infer<typeof writtenOpenSchema>;

// ---- commands over the live connection ----

export const writtenJoinSchema = z.object({ networkId: id });
export const writtenAnswerSchema = z.object({
  networkId: id,
  procedureId: id,
  stance: z.enum(WRITTEN_STANCES),
  reason: z.string().trim().max(2000).nullable().optional(),
});
export const writtenConcludeSchema = z.object({
  networkId: id,
  procedureId: id,
  result: z.enum(WRITTEN_RESULTS),
  note: z.string().trim().max(4000).nullable().optional(),
});
export type WrittenJoin = z.input<typeof writtenJoinSchema>;
export type WrittenAnswerCommand = z.input<typeof writtenAnswerSchema>;
export type WrittenConcludeCommand = z.input<typeof writtenConcludeSchema>;

// ---- what a screen sees ----

/** One agency's answer, as those who need to know see it. */
export interface WrittenAnswer {
  agencyId: string;
  agencyName: string;
  stance: WrittenStance;
  reason: string | null;
  givenByName: string;
  givenAt: number;
}

/** An agency asked to answer: every involved agency; `deciders` is how many of its members may decide. */
export interface WrittenAgency {
  agencyId: string;
  agencyName: string;
  deciders: number;
}

/** What only those who need to know the case see of a procedure. */
export interface WrittenDetail {
  reason: WrittenReason;
  kind: WrittenKind;
  proposal: WrittenOutcome;
  agencies: WrittenAgency[];
  answers: WrittenAnswer[];
  openedByName: string;
  concludedByName: string | null;
  note: string | null;
  decisionId: string | null;
}

/**
 * A procedure as one screen sees it: everyone of the network who sees the register sees
 * that it runs (code, shared summary, deadline, state); `detail` only with need to know.
 */
export interface WrittenProcedureView {
  id: string;
  caseCode: string;
  caseSummary: string;
  status: "open" | "concluded";
  result: WrittenResult | null;
  deadline: number;
  openedAt: number;
  concludedAt: number | null;
  access: "full" | "summary";
  detail: WrittenDetail | null;
}

/** Who the screen is in the procedure, beside what it sees. */
export interface WrittenSeat {
  /** May answer for their agency on this procedure: agree / disagree / abstain, or report back. */
  answers: "decides" | "reports_back" | null;
  concludes: boolean;
}

export type WrittenEvent =
  | { type: "procedure:opened"; procedure: WrittenProcedureView }
  | { type: "answer:given"; procedureId: string; answer: WrittenAnswer }
  | { type: "procedure:concluded"; procedure: WrittenProcedureView };

export interface WrittenJoined {
  networkId: string;
  procedures: WrittenProcedureView[];
}
