import type { CaseOutcome, CaseStage, Routing } from "../../app/contract/vocabulary.ts";

/**
 * The life of a case: signal → assessment → active → monitoring → closed, and reopened.
 * Only these moves exist; each is an explicit decision. Closing goes through a closure
 * proposal (with sign-off), except at the signal stage, where the routing decides.
 */
const MOVES: Readonly<Record<CaseStage, readonly CaseStage[]>> = {
  signal: ["assessment", "closed"],
  assessment: ["active", "closed"],
  active: ["monitoring", "closed"],
  monitoring: ["active", "closed"],
  closed: ["assessment"],
};

export type MoveCheck = { ok: true } | { ok: false; reason: MoveRefusal };
export type MoveRefusal = "same_stage" | "not_allowed" | "closure_needs_sign_off" | "active_needs_plan";

export function allowedMoves(from: CaseStage): readonly CaseStage[] {
  return MOVES[from];
}

/** Whether a case may move, given what it has; the reason says why not, for the message. */
export function checkMove(
  from: CaseStage,
  to: CaseStage,
  facts: { viaClosure?: boolean; viaRouting?: boolean; hasPlan?: boolean } = {},
): MoveCheck {
  if (from === to) return { ok: false, reason: "same_stage" };
  if (!MOVES[from].includes(to)) return { ok: false, reason: "not_allowed" };
  if (to === "closed" && from !== "signal" && from !== "assessment" && !facts.viaClosure)
    return { ok: false, reason: "closure_needs_sign_off" };
  if (to === "closed" && from === "signal" && !facts.viaRouting) return { ok: false, reason: "not_allowed" };
  if (to === "active" && from === "assessment" && !facts.hasPlan) return { ok: false, reason: "active_needs_plan" };
  return { ok: true };
}

/** Where a routing decision takes a case at the signal stage. */
export function routingTarget(routing: Routing): { stage: CaseStage; outcome: CaseOutcome | null } {
  switch (routing) {
    case "take_into_maw":
      return { stage: "assessment", outcome: null };
    case "gather_information":
      return { stage: "signal", outcome: null };
    case "regular_care":
      return { stage: "closed", outcome: "regular_care" };
    case "security_referral":
      return { stage: "closed", outcome: "security_referral" };
    case "no_further_action":
      return { stage: "closed", outcome: "no_further_action" };
  }
}
