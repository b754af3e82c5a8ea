import { asc, count, eq, max } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
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
export async function registerLines(store: Store, networkId: string): Promise<RegisterLine[]> {
  const { t, db } = store;
  const signalCounts = new Map(
    (
      await db
        .select({ caseId: t.signals.caseId, n: count() })
        .from(t.signals)
        .where(eq(t.signals.networkId, networkId))
        .groupBy(t.signals.caseId)
    ).map((r) => [r.caseId, r.n]),
  );
  const agencyCounts = new Map(
    (
      await db
        .select({ caseId: t.caseAgencies.caseId, n: count() })
        .from(t.caseAgencies)
        .innerJoin(t.cases, eq(t.cases.id, t.caseAgencies.caseId))
        .where(eq(t.cases.networkId, networkId))
        .groupBy(t.caseAgencies.caseId)
    ).map((r) => [r.caseId, r.n]),
  );
  const lastDecision = new Map(
    (
      await db
        .select({ caseId: t.decisions.caseId, at: max(t.decisions.decidedAt) })
        .from(t.decisions)
        .where(eq(t.decisions.networkId, networkId))
        .groupBy(t.decisions.caseId)
    ).map((r) => [r.caseId, r.at]),
  );
  const rows = await db
    .select({
      id: t.cases.id,
      code: t.cases.code,
      stage: t.cases.stage,
      outcome: t.cases.outcome,
      createdAt: t.cases.createdAt,
    })
    .from(t.cases)
    .where(eq(t.cases.networkId, networkId))
    // The code breaks a tie, so both dialects list cases opened at the same moment alike.
    .orderBy(asc(t.cases.createdAt), asc(t.cases.code));
  return rows.map((c) => ({
    code: c.code,
    stage: c.stage,
    outcome: c.outcome,
    openedOn: day(c.createdAt)!,
    signals: signalCounts.get(c.id) ?? 0,
    agencies: agencyCounts.get(c.id) ?? 0,
    lastDecisionOn: day(lastDecision.get(c.id) ?? null),
  }));
}
