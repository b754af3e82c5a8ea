import { stringify } from "csv-stringify/sync";
import { CASE_STAGES } from "../../app/contract/vocabulary.ts";
import type { Evaluation } from "./evaluation.ts";
import type { RegisterLine } from "./register.ts";
import type { EvaluationExport } from "../../app/contract/evaluationExports.ts";

type Cell = string | number | null;
export interface Table {
  header: string[];
  rows: Cell[][];
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** One figure as a table with stable, machine-readable column names (codes, not words). */
export function figureTable(e: Evaluation, figure: Exclude<EvaluationExport, "register">): Table {
  switch (figure) {
    case "stages":
      return {
        header: ["month", ...CASE_STAGES],
        rows: e.stagesOverTime.map((m) => [m.month, ...CASE_STAGES.map((s) => m.counts[s])]),
      };
    case "time-in-stage":
      return {
        header: ["stage", "stays_ended", "median_days", "q1_days", "q3_days"],
        rows: e.timeInStage.map((s) => [s.stage, s.stays, round(s.median), round(s.q1), round(s.q3)]),
      };
    case "signals-by-routing":
      return { header: ["routing", "signals"], rows: e.signalsByRouting.map((r) => [r.routing, r.signals]) };
    case "signals-by-grade":
      return {
        header: ["scale", "source_grade", "signals"],
        rows: e.signalsBySourceGrade.map((g) => [g.scale, g.grade, g.signals]),
      };
    case "goals":
      return {
        header: ["quarter", "goals_due", "goals_attained"],
        rows: e.quarters.map((q) => [q.quarter, q.goals, q.goalsAttained]),
      };
    case "closures":
      return {
        header: ["quarter", "closures", "reopenings"],
        rows: e.quarters.map((q) => [q.quarter, q.closures, q.reopenings]),
      };
    case "minutes":
      return {
        header: ["quarter", "meetings_ended", "minutes_on_time", "minutes_late", "minutes_not_sent"],
        rows: e.quarters.map((q) => [q.quarter, q.meetingsEnded, q.minutesOnTime, q.minutesLate, q.minutesNotSent]),
      };
    case "quarters":
      return {
        header: ["quarter", "signals", "median_days_to_routing", "median_days_to_first_plan"],
        rows: e.quarters.map((q) => [
          q.quarter,
          q.signals,
          round(q.medianDaysToRouting),
          round(q.medianDaysToFirstPlan),
        ]),
      };
  }
}

export function registerTable(lines: readonly RegisterLine[]): Table {
  return {
    header: ["code", "stage", "outcome", "opened_on", "signals", "agencies_involved", "last_decision_on"],
    rows: lines.map((l) => [l.code, l.stage, l.outcome, l.openedOn, l.signals, l.agencies, l.lastDecisionOn]),
  };
}

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are
 * escaped, so an export can never carry a formula into someone's spreadsheet.
 */
export function toCsv(table: Table): string {
  return stringify([table.header, ...table.rows], { escape_formulas: true, record_delimiter: "windows" });
}
