import type { Judgement } from "./vocabulary.ts";

/** The group's answers for one life domain. No score: a judgement and the reasoning behind it. */
export interface DomainAnswer {
  key: string;
  riskFactors: string;
  protectiveFactors: string;
  known: string;
  /** What is not known and matters: an information gap is information too. */
  unknown: string;
  judgement: Judgement;
  reasoning: string;
}

export const DOMAIN_TEXTS = ["riskFactors", "protectiveFactors", "known", "unknown", "reasoning"] as const;
export type DomainText = (typeof DOMAIN_TEXTS)[number];

export interface DomainChange {
  key: string;
  /** "added": not in the previous assessment (e.g. another template); "dropped": only in the previous one. */
  status: "first" | "added" | "dropped" | "changed" | "same";
  judgement: {
    from: Judgement | null;
    to: Judgement | null;
    direction: "less_concern" | "more_concern" | "unclear";
  } | null;
  texts: { field: DomainText; from: string; to: string }[];
}

// Only the ordered judgements say which way concern moved; "unknown" says nothing either way.
const CONCERN: Partial<Record<Judgement, number>> = { none: 0, low: 1, medium: 2, high: 3 };

function direction(from: Judgement | null, to: Judgement | null): "less_concern" | "more_concern" | "unclear" {
  const a = from ? CONCERN[from] : undefined;
  const b = to ? CONCERN[to] : undefined;
  if (a === undefined || b === undefined) return "unclear";
  return b < a ? "less_concern" : "more_concern";
}

const same = (a: string, b: string) => a.trim() === b.trim();

/**
 * What changed per domain between an assessment and the one before it. With no previous
 * assessment every domain is "first". Domains keep the current assessment's order.
 */
export function compareAssessments(
  previous: readonly DomainAnswer[] | null,
  current: readonly DomainAnswer[],
): DomainChange[] {
  if (!previous) return current.map((d) => ({ key: d.key, status: "first", judgement: null, texts: [] }));
  const before = new Map(previous.map((d) => [d.key, d]));
  const changes: DomainChange[] = current.map((d) => {
    const p = before.get(d.key);
    if (!p)
      return {
        key: d.key,
        status: "added",
        judgement: { from: null, to: d.judgement, direction: "unclear" },
        texts: [],
      };
    const texts = DOMAIN_TEXTS.filter((f) => !same(p[f], d[f])).map((field) => ({
      field,
      from: p[field],
      to: d[field],
    }));
    const judgement =
      p.judgement === d.judgement
        ? null
        : { from: p.judgement, to: d.judgement, direction: direction(p.judgement, d.judgement) };
    return { key: d.key, status: judgement || texts.length ? "changed" : "same", judgement, texts };
  });
  const kept = new Set(current.map((d) => d.key));
  for (const p of previous) {
    if (!kept.has(p.key))
      changes.push({
        key: p.key,
        status: "dropped",
        judgement: { from: p.judgement, to: null, direction: "unclear" },
        texts: [],
      });
  }
  return changes;
}
