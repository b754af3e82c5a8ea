import {
  CASE_STAGES,
  ROUTINGS,
  type CaseStage,
  type DecisionKind,
  type Routing,
} from "../../app/contract/vocabulary.ts";
import { routingTarget } from "../cases/lifecycle.ts";

/** One stay of a case in a stage: from when it entered until it left (null while it is there). */
export interface StageStay {
  stage: CaseStage;
  from: Date;
  until: Date | null;
}

/** The decisions of one case that can move it, in the order they were taken. */
export interface MovingDecision {
  kind: DecisionKind;
  outcome: string;
  decidedAt: Date;
}

const isStage = (s: string): s is CaseStage => (CASE_STAGES as readonly string[]).includes(s);
const isRouting = (s: string): s is Routing => (ROUTINGS as readonly string[]).includes(s);

/** Where a decision takes a case, as the case register moved it (see `recordDecision`), or null if it stays. */
function stageAfter(d: MovingDecision): CaseStage | null {
  switch (d.kind) {
    case "routing":
      return isRouting(d.outcome) ? routingTarget(d.outcome).stage : null;
    case "stage":
      return isStage(d.outcome) ? d.outcome : null;
    case "closure":
      // A closure proposal kept open is a closure decision too, but closes nothing.
      return d.outcome === "closed" ? "closed" : null;
    case "reopening":
      return "assessment";
    case "check_in":
      return null;
  }
}

/**
 * A case's life as stays in stages, rebuilt from its decisions: every case opens at the
 * signal stage, and only decisions move it (decision 0005), so the register holds its
 * whole history without a second table that could disagree with it. `opened` is the
 * case as the register holds it now.
 */
export function stageHistory(
  opened: { createdAt: Date; stage: CaseStage; updatedAt: Date },
  decisions: readonly MovingDecision[],
): StageStay[] {
  const stays: StageStay[] = [{ stage: "signal", from: opened.createdAt, until: null }];
  for (const d of [...decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())) {
    const to = stageAfter(d);
    const current = stays[stays.length - 1];
    if (!to || to === current.stage) continue;
    current.until = d.decidedAt;
    stays.push({ stage: to, from: d.decidedAt, until: null });
  }
  // A case put at a stage without a decision (brought in from an earlier register) is
  // where the register says, since it was last changed.
  const last = stays[stays.length - 1];
  if (last.stage !== opened.stage) {
    const from = new Date(Math.max(opened.updatedAt.getTime(), last.from.getTime()));
    last.until = from;
    stays.push({ stage: opened.stage, from, until: null });
  }
  return stays;
}

/** The stage a case was in at a moment, or null if it was not open yet. */
export function stageOn(stays: readonly StageStay[], at: Date): CaseStage | null {
  let stage: CaseStage | null = null;
  for (const s of stays) if (s.from.getTime() <= at.getTime()) stage = s.stage;
  return stage;
}
