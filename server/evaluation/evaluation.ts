import { and, asc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Store } from "../../db/store.ts";
import { CASE_STAGES, OPEN_STAGES, ROUTINGS, type CaseStage, type Routing } from "../../app/contract/vocabulary.ts";
import { addWorkingDays, dayIn } from "../../app/contract/minutesDeadline.ts";
import { days } from "../../app/contract/time.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { stageHistory, stageOn, type StageStay } from "./stageHistory.ts";
import { registerLines } from "./register.ts";
import { figureTable, registerTable, toCsv } from "./csv.ts";
import type { EvaluationExport } from "../../app/contract/evaluationExports.ts";
import { median, quantile, quarterOf, quartersBetween, monthEnds } from "./periods.ts";

export interface QuarterFigures {
  quarter: string;
  signals: number;
  medianDaysToRouting: number | null;
  medianDaysToFirstPlan: number | null;
  goals: number;
  goalsAttained: number;
  closures: number;
  reopenings: number;
  meetingsEnded: number;
  minutesOnTime: number;
  minutesLate: number;
  minutesNotSent: number;
}

export interface Evaluation {
  /** The last day counted (YYYY-MM-DD) and the first: twelve months back. */
  period: { from: string; to: string };
  stagesToday: Record<CaseStage, number>;
  /** Cases in each stage at the end of each of the last twelve months (the current one: today). */
  stagesOverTime: { month: string; counts: Record<CaseStage, number> }[];
  /** Days spent in each stage, over the stays that ended in the period. */
  timeInStage: {
    stage: Exclude<CaseStage, "closed">;
    stays: number;
    median: number | null;
    q1: number | null;
    q3: number | null;
  }[];
  quarters: QuarterFigures[];
  /** The signals received in the period, by the routing of their first analysis. */
  signalsByRouting: { routing: Routing | "not_routed"; signals: number }[];
  /** The same signals by the source grade of their latest analysis. */
  signalsBySourceGrade: { scale: string; grade: string; signals: number }[];
}

const goalsOnly = z.object({ goals: z.array(z.object({ byWhen: z.string(), standing: z.string() })) });

const NOT_GRADED = { scale: "none", grade: "none" } as const;

/**
 * Anonymous figures for evaluating a network's work over the last twelve months: counts,
 * medians and spreads only, never a name or a case code. Built from the register itself,
 * so evaluation takes no extra work from anyone.
 */
export function createEvaluation(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t, db } = store;

  async function figures(networkId: string, now: Date = new Date()): Promise<Evaluation> {
    const start = new Date(now);
    start.setUTCFullYear(start.getUTCFullYear() - 1);
    const inPeriod = (at: Date) => at.getTime() >= start.getTime() && at.getTime() <= now.getTime();
    const quarters = new Map(quartersBetween(start, now).map((q) => [q, emptyQuarter(q)]));
    const quarterFor = (at: Date | string) => quarters.get(quarterOf(at));

    // The life of every case, rebuilt from its decisions.
    const caseRows = await db
      .select({ id: t.cases.id, stage: t.cases.stage, createdAt: t.cases.createdAt, updatedAt: t.cases.updatedAt })
      .from(t.cases)
      .where(eq(t.cases.networkId, networkId));
    const decisionRows = await db
      .select({
        caseId: t.decisions.caseId,
        kind: t.decisions.kind,
        outcome: t.decisions.outcome,
        decidedAt: t.decisions.decidedAt,
        signalId: t.decisions.signalId,
      })
      .from(t.decisions)
      .where(eq(t.decisions.networkId, networkId))
      .orderBy(asc(t.decisions.decidedAt));
    const byCase = groupBy(decisionRows, (d) => d.caseId);
    const lives = new Map<string, StageStay[]>(caseRows.map((c) => [c.id, stageHistory(c, byCase.get(c.id) ?? [])]));

    const stagesToday = countStages(caseRows.map((c) => c.stage));
    const stagesOverTime = monthEnds(now, 12).map(({ month, end }) => ({
      month,
      counts: countStages([...lives.values()].map((stays) => stageOn(stays, end)).filter((s) => s !== null)),
    }));

    const stayDays = new Map<CaseStage, number[]>();
    for (const stays of lives.values()) {
      for (const s of stays) {
        if (!s.until || !inPeriod(s.until)) continue;
        const list = stayDays.get(s.stage) ?? [];
        list.push((s.until.getTime() - s.from.getTime()) / days(1));
        stayDays.set(s.stage, list);
      }
    }
    const timeInStage = OPEN_STAGES.map((stage) => {
      const values = stayDays.get(stage) ?? [];
      return {
        stage,
        stays: values.length,
        median: median(values),
        q1: quantile(values, 0.25),
        q3: quantile(values, 0.75),
      };
    });

    for (const d of decisionRows) {
      if (!inPeriod(d.decidedAt)) continue;
      const q = quarterFor(d.decidedAt);
      if (!q) continue;
      if (d.kind === "reopening") q.reopenings++;
      else if (d.kind === "closure" && d.outcome === "closed") q.closures++;
    }

    // Signals: the first of each case opens it; every signal counts by its routing and grade.
    const signalRows = (
      await db
        .select({ id: t.signals.id, caseId: t.signals.caseId, receivedAt: t.signals.receivedAt })
        .from(t.signals)
        .where(and(eq(t.signals.networkId, networkId), gte(t.signals.receivedAt, start)))
    ).filter((s) => inPeriod(s.receivedAt));
    // The first routing of each signal (decisions come oldest first).
    const routingOf = new Map<string, { routing: Routing; at: Date }>();
    for (const d of decisionRows) {
      if (d.kind === "routing" && d.signalId && !routingOf.has(d.signalId) && isRouting(d.outcome)) {
        routingOf.set(d.signalId, { routing: d.outcome, at: d.decidedAt });
      }
    }
    const gradeOf = new Map<string, { scale: string; grade: string }>();
    if (signalRows.length) {
      for (const a of await db
        .select({
          signalId: t.signalAnalyses.signalId,
          scale: t.signalAnalyses.scale,
          grade: t.signalAnalyses.sourceGrade,
        })
        .from(t.signalAnalyses)
        .where(
          inArray(
            t.signalAnalyses.signalId,
            signalRows.map((s) => s.id),
          ),
        )
        .orderBy(asc(t.signalAnalyses.recordedAt))) {
        gradeOf.set(a.signalId, { scale: a.scale, grade: a.grade });
      }
    }
    const routed = new Map<Routing | "not_routed", number>();
    const graded = new Map<string, { scale: string; grade: string; signals: number }>();
    const firstPlan = await firstPlanDates(networkId);
    for (const s of signalRows) {
      const routing = routingOf.get(s.id)?.routing ?? "not_routed";
      routed.set(routing, (routed.get(routing) ?? 0) + 1);
      const g = gradeOf.get(s.id) ?? NOT_GRADED;
      const key = `${g.scale}:${g.grade}`;
      graded.set(key, { ...g, signals: (graded.get(key)?.signals ?? 0) + 1 });
      const q = quarterFor(s.receivedAt);
      if (!q) continue;
      q.signals++;
      const routedAt = routingOf.get(s.id)?.at;
      if (routedAt) q.routingDays.push(Math.max(0, (routedAt.getTime() - s.receivedAt.getTime()) / days(1)));
      const planned = firstPlan.get(s.caseId);
      if (planned && planned >= s.receivedAt) q.planDays.push((planned.getTime() - s.receivedAt.getTime()) / days(1));
    }

    await countGoals(networkId, quarterFor);
    await countMinutes(networkId, start, now, quarterFor);

    return {
      period: { from: start.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) },
      stagesToday,
      stagesOverTime,
      timeInStage,
      quarters: [...quarters.values()].map(({ routingDays, planDays, ...q }) => ({
        ...q,
        medianDaysToRouting: median(routingDays),
        medianDaysToFirstPlan: median(planDays),
      })),
      signalsByRouting: [...ROUTINGS, "not_routed" as const].map((routing) => ({
        routing,
        signals: routed.get(routing) ?? 0,
      })),
      signalsBySourceGrade: [...graded.values()].sort(
        (a, b) => a.scale.localeCompare(b.scale) || a.grade.localeCompare(b.grade),
      ),
    };
  }

  async function firstPlanDates(networkId: string): Promise<Map<string, Date>> {
    const first = new Map<string, Date>();
    for (const v of await db
      .select({ caseId: t.planVersions.caseId, savedAt: t.planVersions.savedAt })
      .from(t.planVersions)
      .innerJoin(t.cases, eq(t.cases.id, t.planVersions.caseId))
      .where(eq(t.cases.networkId, networkId))
      .orderBy(asc(t.planVersions.savedAt))) {
      if (!first.has(v.caseId)) first.set(v.caseId, v.savedAt);
    }
    return first;
  }

  /** The goals of each case's current plan, counted in the quarter they were due. */
  async function countGoals(networkId: string, quarterFor: (at: string) => WorkingQuarter | undefined) {
    const current = new Map<string, { version: number; content: unknown }>();
    for (const v of await db
      .select({ caseId: t.planVersions.caseId, version: t.planVersions.version, content: t.planVersions.content })
      .from(t.planVersions)
      .innerJoin(t.cases, eq(t.cases.id, t.planVersions.caseId))
      .where(eq(t.cases.networkId, networkId))) {
      if ((current.get(v.caseId)?.version ?? 0) < v.version) current.set(v.caseId, v);
    }
    for (const { content } of current.values()) {
      const parsed = goalsOnly.safeParse(content);
      if (!parsed.success) continue;
      for (const g of parsed.data.goals) {
        const q = quarterFor(g.byWhen);
        if (!q) continue;
        q.goals++;
        if (g.standing === "attained") q.goalsAttained++;
      }
    }
  }

  /** Meetings that ended in the period, by whether their minutes went out by the network's deadline. */
  async function countMinutes(
    networkId: string,
    start: Date,
    now: Date,
    quarterFor: (at: Date) => WorkingQuarter | undefined,
  ) {
    const [network] = await db
      .select({ timeZone: t.networks.timeZone, dueDays: t.networks.minutesDueDays })
      .from(t.networks)
      .where(eq(t.networks.id, networkId));
    if (!network) return;
    const ended = await db
      .select({ id: t.meetings.id, endedAt: t.meetings.endedAt })
      .from(t.meetings)
      .where(and(eq(t.meetings.networkId, networkId), isNotNull(t.meetings.endedAt), gte(t.meetings.endedAt, start)));
    if (ended.length === 0) return;
    const sent = new Map<string, Date>();
    for (const v of await db
      .select({ meetingId: t.minutesVersions.meetingId, at: t.minutesVersions.distributedAt })
      .from(t.minutesVersions)
      .where(
        and(
          inArray(
            t.minutesVersions.meetingId,
            ended.map((m) => m.id),
          ),
          isNotNull(t.minutesVersions.distributedAt),
        ),
      )
      .orderBy(asc(t.minutesVersions.distributedAt))) {
      if (v.at && !sent.has(v.meetingId)) sent.set(v.meetingId, v.at);
    }
    for (const m of ended) {
      if (!m.endedAt || m.endedAt > now) continue;
      const q = quarterFor(m.endedAt);
      if (!q) continue;
      q.meetingsEnded++;
      const dueOn = addWorkingDays(dayIn(m.endedAt, network.timeZone), network.dueDays);
      const at = sent.get(m.id);
      if (!at) q.minutesNotSent++;
      else if (dayIn(at, network.timeZone) <= dueOn) q.minutesOnTime++;
      else q.minutesLate++;
    }
  }

  return {
    figures,
    /**
     * A figure, or the register (codes only), as CSV, audited: who took which figure and
     * how many lines, never what they held. Whether the person may have it is the caller's.
     */
    async exportCsv(actor: AuditActor, networkId: string, what: EvaluationExport): Promise<string> {
      const table =
        what === "register"
          ? registerTable(await registerLines(store, networkId))
          : figureTable(await figures(networkId), what);
      await store.transaction((tx) =>
        audit.append(tx, actor, {
          action: "evaluation.exported",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { what, rows: table.rows.length },
        }),
      );
      return toCsv(table);
    },
  };
}

type WorkingQuarter = Omit<QuarterFigures, "medianDaysToRouting" | "medianDaysToFirstPlan"> & {
  routingDays: number[];
  planDays: number[];
};

function emptyQuarter(quarter: string): WorkingQuarter {
  return {
    quarter,
    signals: 0,
    goals: 0,
    goalsAttained: 0,
    closures: 0,
    reopenings: 0,
    meetingsEnded: 0,
    minutesOnTime: 0,
    minutesLate: 0,
    minutesNotSent: 0,
    routingDays: [],
    planDays: [],
  };
}

function countStages(stages: readonly CaseStage[]): Record<CaseStage, number> {
  const counts = Object.fromEntries(CASE_STAGES.map((s) => [s, 0])) as Record<CaseStage, number>;
  for (const s of stages) counts[s]++;
  return counts;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const list = groups.get(key(r)) ?? [];
    list.push(r);
    groups.set(key(r), list);
  }
  return groups;
}

const isRouting = (s: string): s is Routing => (ROUTINGS as readonly string[]).includes(s);
