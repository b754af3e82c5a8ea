// Durations in milliseconds, so a day count reads as one.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const hours = (n: number) => n * HOUR_MS;
export const days = (n: number) => n * DAY_MS;

/** The calendar day (`YYYY-MM-DD`, UTC) `n` days after `from`. */
export function dayAfter(n: number, from: Date = new Date()): string {
  return new Date(from.getTime() + days(n)).toISOString().slice(0, 10);
}

/** Today's calendar day (`YYYY-MM-DD`) in a time zone: the day people there call today. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
