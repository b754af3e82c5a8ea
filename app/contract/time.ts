// Durations in milliseconds, so a day count reads as one.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const hours = (n: number) => n * HOUR_MS;
export const days = (n: number) => n * DAY_MS;

/** The calendar day (`YYYY-MM-DD`, UTC) `n` days after `from`. */
export function dayAfter(n: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days(n)).toISOString().slice(0, 10);
}
