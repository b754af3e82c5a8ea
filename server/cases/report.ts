import { and, count, eq, inArray, min } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { cases, decisions, planVersions, signals } from "../../db/schema/index.ts";
import type { CaseStage } from "../../app/contract/vocabulary.ts";
import { days } from "../../app/contract/time.ts";

/** "2026-Q3" for a date or a YYYY-MM-DD day. */
export function quarterOf(at: Date | string): string {
  const d = typeof at === "string" ? new Date(`${at.slice(0, 10)}T00:00:00Z`) : at;
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const goalsOnly = z.object({ goals: z.array(z.object({ byWhen: z.string(), standing: z.string() })) });

export interface QuarterFigures {
  quarter: string;
  signals: number;
  medianDaysToRouting: number | null;
  medianDaysToFirstPlan: number | null;
  goals: number;
  goalsAttained: number;
  closures: number;
  reopenings: number;
}

/**
 * Anonymous aggregate figures for evaluating the network's work: no identities, no case
 * codes, only counts and medians. Built in so that evaluation needs no extra work.
 */
export function createReport(deps: { db: Db }) {
  const { db } = deps;

  return {
    async forNetwork(
      networkId: string,
    ): Promise<{ stages: Partial<Record<CaseStage, number>>; quarters: QuarterFigures[] }> {
      const stages = Object.fromEntries(
        db
          .select({ stage: cases.stage, n: count() })
          .from(cases)
          .where(eq(cases.networkId, networkId))
          .groupBy(cases.stage)
          .all()
          .map((r) => [r.stage, r.n]),
      );
      const firstSignal = db
        .select({ caseId: signals.caseId, at: min(signals.receivedAt) })
        .from(signals)
        .where(eq(signals.networkId, networkId))
        .groupBy(signals.caseId)
        .all();
      const caseIds = firstSignal.map((s) => s.caseId);
      const firstRouting = new Map(
        caseIds.length
          ? db
              .select({ caseId: decisions.caseId, at: min(decisions.decidedAt) })
              .from(decisions)
              .where(and(inArray(decisions.caseId, caseIds), eq(decisions.kind, "routing")))
              .groupBy(decisions.caseId)
              .all()
              .map((r) => [r.caseId, r.at])
          : [],
      );
      const firstPlan = new Map(
        caseIds.length
          ? db
              .select({ caseId: planVersions.caseId, at: min(planVersions.savedAt) })
              .from(planVersions)
              .where(inArray(planVersions.caseId, caseIds))
              .groupBy(planVersions.caseId)
              .all()
              .map((r) => [r.caseId, r.at])
          : [],
      );
      const byQuarter = new Map<string, QuarterFigures & { routingDays: number[]; planDays: number[] }>();
      const bucket = (quarter: string) => {
        let b = byQuarter.get(quarter);
        if (!b) {
          b = {
            quarter,
            signals: 0,
            medianDaysToRouting: null,
            medianDaysToFirstPlan: null,
            goals: 0,
            goalsAttained: 0,
            closures: 0,
            reopenings: 0,
            routingDays: [],
            planDays: [],
          };
          byQuarter.set(quarter, b);
        }
        return b;
      };
      for (const s of firstSignal) {
        if (!s.at) continue;
        const b = bucket(quarterOf(s.at));
        b.signals++;
        const routed = firstRouting.get(s.caseId);
        if (routed) b.routingDays.push(Math.max(0, (routed.getTime() - s.at.getTime()) / days(1)));
        const planned = firstPlan.get(s.caseId);
        if (planned) b.planDays.push(Math.max(0, (planned.getTime() - s.at.getTime()) / days(1)));
      }
      for (const d of db
        .select({ kind: decisions.kind, outcome: decisions.outcome, at: decisions.decidedAt })
        .from(decisions)
        .where(and(eq(decisions.networkId, networkId), inArray(decisions.kind, ["closure", "reopening", "stage"])))
        .all()) {
        if (d.kind === "reopening") bucket(quarterOf(d.at)).reopenings++;
        // A closure proposal kept open is a closure decision too, but closes nothing.
        else if (d.outcome === "closed") bucket(quarterOf(d.at)).closures++;
      }
      // The goals of each case's current plan, counted in the quarter they were due.
      const latest = db
        .select({ caseId: planVersions.caseId, version: planVersions.version, content: planVersions.content })
        .from(planVersions)
        .innerJoin(cases, eq(cases.id, planVersions.caseId))
        .where(eq(cases.networkId, networkId))
        .all();
      const current = new Map<string, { version: number; content: string }>();
      for (const v of latest) if ((current.get(v.caseId)?.version ?? 0) < v.version) current.set(v.caseId, v);
      for (const { content } of current.values()) {
        const parsed = goalsOnly.safeParse(JSON.parse(content));
        if (!parsed.success) continue;
        for (const g of parsed.data.goals) {
          const b = bucket(quarterOf(g.byWhen));
          b.goals++;
          if (g.standing === "attained") b.goalsAttained++;
        }
      }
      const quarters = [...byQuarter.values()]
        .map(({ routingDays, planDays, ...figures }) => ({
          ...figures,
          medianDaysToRouting: median(routingDays),
          medianDaysToFirstPlan: median(planDays),
        }))
        .sort((a, b) => b.quarter.localeCompare(a.quarter));
      return { stages, quarters };
    },
  };
}
