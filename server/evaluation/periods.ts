// Periods and summaries of the evaluation: quarters and months (UTC), medians and quartiles.

/** "2026-Q3" for a date or a YYYY-MM-DD day. */
export function quarterOf(at: Date | string): string {
  const d = typeof at === "string" ? new Date(`${at.slice(0, 10)}T00:00:00Z`) : at;
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** Every quarter from the one holding `from` to the one holding `to`, oldest first. */
export function quartersBetween(from: Date, to: Date): string[] {
  const quarters: string[] = [];
  const at = new Date(Date.UTC(from.getUTCFullYear(), Math.floor(from.getUTCMonth() / 3) * 3, 1));
  while (at.getTime() <= to.getTime()) {
    quarters.push(quarterOf(at));
    at.setUTCMonth(at.getUTCMonth() + 3);
  }
  return quarters;
}

/** The last `count` months up to `now`, oldest first, each with the moment it ends (the current one: now). */
export function monthEnds(now: Date, count: number): { month: string; end: Date }[] {
  return Array.from({ length: count }, (_, i) => {
    const back = count - 1 - i;
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    return {
      month: first.toISOString().slice(0, 7),
      end: back === 0 ? now : new Date(next.getTime() - 1),
    };
  });
}

/** The q-quantile by linear interpolation between the closest ranks; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
