import type { GradingScale } from "./vocabulary.ts";

/**
 * The source-grading scales a network may choose. The source and the information are
 * graded independently: a reliable source can pass on a rumour, and an unknown source
 * can report something others confirm. Meanings live in the locale
 * (`signals.scales.<scale>.<dimension>.<grade>`), so every screen words them the same.
 */
export const SCALES = {
  admiralty: {
    source: ["A", "B", "C", "D", "E", "F"],
    information: ["1", "2", "3", "4", "5", "6"],
    handling: [],
  },
  uk3x5x2: {
    source: ["A", "B", "C"],
    information: ["1", "2", "3", "4", "5"],
    handling: ["P", "C"],
  },
} as const satisfies Record<GradingScale, Record<GradeDimension, readonly string[]>>;

export type GradeDimension = "source" | "information" | "handling";

export interface Grade {
  source: string;
  information: string;
  /** UK 3x5x2 only. */
  handling: string | null;
}

export type GradeProblem = { field: GradeDimension; reason: "outside_scale" | "required" | "not_on_scale" };

export function gradesOf(scale: GradingScale, dimension: GradeDimension): readonly string[] {
  return SCALES[scale][dimension];
}

export function usesHandling(scale: GradingScale): boolean {
  return SCALES[scale].handling.length > 0;
}

/** The locale key of one grade's meaning, e.g. `signals.scales.admiralty.source.A`. */
export function meaningKey(scale: GradingScale, dimension: GradeDimension, grade: string): string {
  return `signals.scales.${scale}.${dimension}.${grade}`;
}

/** The locale key of a dimension's name: UK 3x5x2 grades "intelligence" where Admiralty grades "information". */
export function dimensionKey(scale: GradingScale, dimension: GradeDimension): string {
  return `signals.dimensions.${scale === "uk3x5x2" && dimension === "information" ? "intelligence" : dimension}`;
}

/** The short form a practitioner writes, e.g. "B2" or "A1P". */
export function gradeCode(grade: Grade): string {
  return `${grade.source}${grade.information}${grade.handling ?? ""}`;
}

/** Whether a grade belongs to the scale; the first problem found is named. */
export function checkGrade(scale: GradingScale, grade: Grade): { ok: true } | ({ ok: false } & GradeProblem) {
  if (!gradesOf(scale, "source").includes(grade.source)) return { ok: false, field: "source", reason: "outside_scale" };
  if (!gradesOf(scale, "information").includes(grade.information))
    return { ok: false, field: "information", reason: "outside_scale" };
  if (usesHandling(scale)) {
    if (!grade.handling) return { ok: false, field: "handling", reason: "required" };
    if (!gradesOf(scale, "handling").includes(grade.handling))
      return { ok: false, field: "handling", reason: "outside_scale" };
  } else if (grade.handling) {
    return { ok: false, field: "handling", reason: "not_on_scale" };
  }
  return { ok: true };
}

/** A first analysis of a signal as recorded: the grading, its reasons, and the motives check. */
export interface SignalAnalysisInput {
  isSecuritySignal: boolean;
  sourceGrade: string;
  informationGrade: string;
  handling: string | null;
  gradingRationale: string;
  knownConflict: string | null;
  reporterInterest: string | null;
  corroboration: string | null;
}
