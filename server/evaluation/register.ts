import { count, eq, max } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { caseAgencies, cases, decisions, signals } from "../../db/schema/index.ts";
import type { CaseOutcome, CaseStage } from "../../app/contract/vocabulary.ts";

/** One line of the register as exported: the case's code and its course, never who it is about. */
export interface RegisterLine {
  code: string;
  stage: CaseStage;
  outcome: CaseOutcome | null;
  openedOn: string;
  signals: number;
  agencies: number;
  lastDecisionOn: string | null;
}

const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : null);

/** The network's register, codes only, oldest case first. */
export function registerLines(db: Db, networkId: string): RegisterLine[] {
  const signalCounts = new Map(
    db
      .select({ caseId: signals.caseId, n: count() })
      .from(signals)
      .where(eq(signals.networkId, networkId))
      .groupBy(signals.caseId)
      .all()
      .map((r) => [r.caseId, r.n]),
  );
  const agencyCounts = new Map(
    db
      .select({ caseId: caseAgencies.caseId, n: count() })
      .from(caseAgencies)
      .innerJoin(cases, eq(cases.id, caseAgencies.caseId))
      .where(eq(cases.networkId, networkId))
      .groupBy(caseAgencies.caseId)
      .all()
      .map((r) => [r.caseId, r.n]),
  );
  const lastDecision = new Map(
    db
      .select({ caseId: decisions.caseId, at: max(decisions.decidedAt) })
      .from(decisions)
      .where(eq(decisions.networkId, networkId))
      .groupBy(decisions.caseId)
      .all()
      .map((r) => [r.caseId, r.at]),
  );
  return db
    .select({ id: cases.id, code: cases.code, stage: cases.stage, outcome: cases.outcome, createdAt: cases.createdAt })
    .from(cases)
    .where(eq(cases.networkId, networkId))
    .orderBy(cases.createdAt)
    .all()
    .map((c) => ({
      code: c.code,
      stage: c.stage,
      outcome: c.outcome,
      openedOn: day(c.createdAt)!,
      signals: signalCounts.get(c.id) ?? 0,
      agencies: agencyCounts.get(c.id) ?? 0,
      lastDecisionOn: day(lastDecision.get(c.id) ?? null),
    }));
}
