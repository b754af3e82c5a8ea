import type { Store } from "../../db/store.ts";
import type { CaseStage } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { auditedWrite } from "../audit/auditedWrite.ts";
import type { CaseRegister, CaseRow } from "./caseRegister.ts";
import { allowedMoves } from "./lifecycle.ts";

/** Moves a case by an explicit decision outside the routing and the closure flows. */
export function createStages(deps: {
  store: Store;
  audit: AuditChain;
  caseRegister: CaseRegister;
  hasPlan: (caseId: string) => Promise<boolean>;
}) {
  const { store, audit, caseRegister, hasPlan } = deps;

  return {
    /** The moves to offer on the case file: routing and closure have their own pages. */
    offeredMoves(c: CaseRow): CaseStage[] {
      if (c.stage === "signal") return [];
      return allowedMoves(c.stage).filter((to) => !(to === "closed" && c.stage !== "assessment"));
    },

    async move(actor: AuditActor & { personId: string }, c: CaseRow, to: CaseStage, rationale: string) {
      const reopening = c.stage === "closed";
      const planned = await hasPlan(c.id);
      return auditedWrite(store, audit, actor, undefined, (tx, audits) =>
        caseRegister.recordDecision(tx, audits, actor, c, {
          kind: reopening ? "reopening" : "stage",
          outcome: reopening ? "reopened" : to,
          rationale,
          moveTo: to,
          caseOutcome: to === "closed" ? "closed_by_decision" : null,
          facts: { hasPlan: planned },
        }),
      );
    },
  };
}
