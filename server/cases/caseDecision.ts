import { eq } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { DecisionChoice } from "../../app/contract/decisionFields.ts";
import { CHECK_IN_OUTCOMES, CLOSURE_OUTCOMES } from "../../app/contract/vocabulary.ts";
import type { RefusalReason } from "../../app/contract/refusals.ts";
import type { AuditActor, AuditEntryInput } from "../audit/auditLog.ts";
import { canOnCase, type Viewer } from "../auth/policy.ts";
import type { RoutingInput, createAnalysis } from "./analysis.ts";
import type { CaseWithScope, CaseRegister } from "./caseRegister.ts";
import type { createClosure } from "./closure.ts";

// One decision on a case, wherever it is taken (an item in the room, a procedure in
// writing): a routing of its signal, the end of a closure proposal, or a check-in's
// outcome, each through the service that owns it. Runs in the caller's transaction and
// leaves its audit entries in the caller's list, for the caller to append last.

/** The caller's transaction and the audit entries it appends as its last writes. */
export interface InCallersTransaction {
  tx: Query;
  audits: AuditEntryInput[];
}

export interface CaseDecisionDeps {
  store: Store;
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

export async function decideOnCase(
  deps: CaseDecisionDeps,
  at: InCallersTransaction,
  actor: AuditActor & { personId: string },
  person: Viewer,
  c: CaseWithScope,
  on: DecisionOn,
  choice: DecisionChoice,
  /** The signal a routing is about; the case's first when not given. */
  signalId?: string | null,
): Promise<CaseDecided> {
  const refused = (code: "invalid_payload" | "forbidden" | "refused", reason: RefusalReason) =>
    ({ ok: false, code, reason }) as const;
  if (on === "routing") {
    const { t } = deps.store;
    const [first] = signalId
      ? [{ id: signalId }]
      : await at.tx
          .select({ id: t.signals.id })
          .from(t.signals)
          .where(eq(t.signals.caseId, c.id))
          .orderBy(t.signals.receivedAt)
          .limit(1);
    const signal = first?.id ?? "";
    const input = routingOf(choice, signal);
    if (!input) return refused("invalid_payload", "routing_outcome_needed");
    // Into multi-agency work only on a basis for sharing (issue 14, rule 3), as the case page's form asks.
    if (input.routing === "take_into_maw" && !input.basis) return refused("invalid_payload", "sharing_basis_needed");
    const r = await deps.analysis.route(actor, c, input, at);
    if (!r.ok) return refused("refused", r.reason);
    return r;
  }
  if (on === "closure") {
    if (!(CLOSURE_OUTCOMES as readonly string[]).includes(choice.outcome))
      return refused("invalid_payload", "closure_outcome_needed");
    if (choice.outcome === "close") {
      if (!canOnCase(person, "closure:signOff", c.scope)) return refused("forbidden", "accountable_officer_signs_off");
      const r = await deps.closure.signOff(actor, c, choice.rationale, at);
      if (!r.ok) return refused("refused", r.reason === "views_missing" ? "views_missing" : "no_open_closure_proposal");
      return { ok: true, decisionId: r.decisionId, taskIds: [] };
    }
    await deps.closure.withdraw(actor, c, at);
    return plain(deps, at, actor, c, "closure", "keep_open", choice.rationale);
  }
  if (!(CHECK_IN_OUTCOMES as readonly string[]).includes(choice.outcome))
    return refused("invalid_payload", "check_in_outcome_needed");
  return plain(deps, at, actor, c, "check_in", choice.outcome, choice.rationale);
}

/** A decision that moves nothing: a check-in's outcome, or a closure proposal kept open. */
async function plain(
  deps: CaseDecisionDeps,
  at: InCallersTransaction,
  actor: AuditActor & { personId: string },
  c: CaseWithScope,
  kind: "check_in" | "closure",
  outcome: string,
  rationale: string,
): Promise<CaseDecided> {
  const r = await deps.caseRegister.recordDecision(at.tx, at.audits, actor, c, { kind, outcome, rationale });
  if (!r.ok) return { ok: false, code: "refused", reason: r.reason };
  return { ok: true, decisionId: r.decisionId, taskIds: [] };
}
