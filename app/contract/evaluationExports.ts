// What the evaluation page offers as CSV: each figure, and the register (codes only).

export const EVALUATION_EXPORTS = [
  "stages",
  "time-in-stage",
  "signals-by-routing",
  "signals-by-grade",
  "goals",
  "closures",
  "minutes",
  "quarters",
  "register",
] as const;
export type EvaluationExport = (typeof EVALUATION_EXPORTS)[number];

export const isEvaluationExport = (s: string): s is EvaluationExport =>
  (EVALUATION_EXPORTS as readonly string[]).includes(s);
