import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { signals } from "../../db/schema/index.ts";
import type { DecisionChoice } from "../../app/contract/decisionFields.ts";
import { CHECK_IN_OUTCOMES, CLOSURE_OUTCOMES } from "../../app/contract/vocabulary.ts";
import type { RefusalReason } from "../../app/contract/refusals.ts";
import type { AuditActor } from "../audit/auditLog.ts";
import { canOnCase, type Viewer } from "../auth/policy.ts";
import type { RoutingInput, createAnalysis } from "./analysis.ts";
import type { CaseWithScope, CaseRegister } from "./caseRegister.ts";
import type { createClosure } from "./closure.ts";

// One decision on a case, wherever it is taken (an item in the room, a procedure in
// writing): a routing of its signal, the end of a closure proposal, or a check-in's
// outcome, each through the service that owns it. Runs in the caller's transaction.

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

export interface CaseDecisionDeps {
  caseRegister: CaseRegister;
  analysis: ReturnType<typeof createAnalysis>;
  closure: ReturnType<typeof createClosure>;
}

/** What a case is decided on, from the state of its item or of the case. */
export type DecisionOn = "routing" | "closure" | "check_in";

export type CaseDecided =
  | { ok: true; decisionId: string; taskIds: string[] }
  | { ok: false; code: "invalid_payload" | "forbidden" | "refused"; reason: RefusalReason };

/** The routing a decision records, or null when its outcome is not a routing. */
function routingOf(choice: DecisionChoice, signalId: string): RoutingInput | null {
  const common = { signalId, rationale: choice.rationale };
  switch (choice.outcome) {
    case "take_into_maw":
      return { ...common, routing: choice.outcome, basis: choice.basis };
    case "no_further_action":
      return { ...common, routing: choice.outcome };
    case "regular_care":
      return { ...common, routing: choice.outcome, careService: choice.careService };
    case "security_referral":
      return { ...common, routing: choice.outcome, referredTo: choice.referredTo, referredAt: new Date() };
    case "gather_information":
      return {
        ...common,
        routing: choice.outcome,
        task: { ...choice.task, ownerPersonId: choice.task.ownerPersonId ?? null },
      };
    default:
      return null;
  }
}

export function decideOnCase(
  deps: CaseDecisionDeps,
  tx: Tx,
  actor: AuditActor & { personId: string },
  person: Viewer,
  c: CaseWithScope,
  on: DecisionOn,
  choice: DecisionChoice,
  /** The signal a routing is about; the case's first when not given. */
  signalId?: string | null,
): CaseDecided {
  const refused = (code: "invalid_payload" | "forbidden" | "refused", reason: RefusalReason) =>
    ({ ok: false, code, reason }) as const;
  if (on === "routing") {
    const signal =
      signalId ?? tx.select({ id: signals.id }).from(signals).where(eq(signals.caseId, c.id)).get()?.id ?? "";
    const input = routingOf(choice, signal);
    if (!input) return refused("invalid_payload", "routing_outcome_needed");
    // Into multi-agency work only on a basis for sharing (issue 14, rule 3), as the case page's form asks.
    if (input.routing === "take_into_maw" && !input.basis) return refused("invalid_payload", "sharing_basis_needed");
    const r = deps.analysis.route(actor, c, input, tx);
    if (!r.ok) return refused("refused", r.reason);
    return r;
  }
  if (on === "closure") {
    if (!(CLOSURE_OUTCOMES as readonly string[]).includes(choice.outcome))
      return refused("invalid_payload", "closure_outcome_needed");
    if (choice.outcome === "close") {
      if (!canOnCase(person, "closure:signOff", c.scope)) return refused("forbidden", "accountable_officer_signs_off");
      const r = deps.closure.signOff(actor, c, choice.rationale, tx);
      if (!r.ok) return refused("refused", r.reason === "views_missing" ? "views_missing" : "no_open_closure_proposal");
      return { ok: true, decisionId: r.decisionId, taskIds: [] };
    }
    deps.closure.withdraw(actor, c, tx);
    return plain(deps, tx, actor, c, "closure", "keep_open", choice.rationale);
  }
  if (!(CHECK_IN_OUTCOMES as readonly string[]).includes(choice.outcome))
    return refused("invalid_payload", "check_in_outcome_needed");
  return plain(deps, tx, actor, c, "check_in", choice.outcome, choice.rationale);
}

/** A decision that moves nothing: a check-in's outcome, or a closure proposal kept open. */
function plain(
  deps: CaseDecisionDeps,
  tx: Tx,
  actor: AuditActor & { personId: string },
  c: CaseWithScope,
  kind: "check_in" | "closure",
  outcome: string,
  rationale: string,
): CaseDecided {
  const r = deps.caseRegister.recordDecision(tx, actor, c, { kind, outcome, rationale });
  if (!r.ok) return { ok: false, code: "refused", reason: r.reason };
  return { ok: true, decisionId: r.decisionId, taskIds: [] };
}
