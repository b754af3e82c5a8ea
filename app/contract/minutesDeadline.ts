// When minutes are due: a number of working days (Monday to Friday) after the day the
// meeting ended, in the network's time zone (the MARAC habit is three), and where a
// meeting's minutes stand against it. Pure: the meetings list, the home page and the
// reminder job all read it the same way.

/** The calendar day (YYYY-MM-DD) of a moment in a time zone. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The day `workingDays` working days after `day` (YYYY-MM-DD): Saturdays and Sundays do not count. */
export function addWorkingDays(day: string, workingDays: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const at = new Date(Date.UTC(y, m - 1, d));
  for (let left = workingDays; left > 0;) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at.toISOString().slice(0, 10);
}

/**
 * - `due`: not yet approved, the deadline still ahead (the coordinator has not drafted the wording);
 * - `awaiting_approval`: drafted, waiting for the chair, the deadline still ahead;
 * - `approval_overdue`: not approved by the end of the day it was due;
 * - `awaiting_distribution`: approved, not yet sent, the deadline still ahead;
 * - `distribution_overdue`: approved but not sent by the end of the day it was due.
 * Sent minutes have no state: nothing is waiting.
 */
export const MINUTES_STATES = [
  "due",
  "awaiting_approval",
  "approval_overdue",
  "awaiting_distribution",
  "distribution_overdue",
] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

export function minutesState(input: {
  endedAt: Date;
  timeZone: string;
  dueDays: number;
  latest: "approved" | "distributed" | null;
  drafted: boolean;
  now: Date;
}): { state: MinutesState; dueOn: string } | null {
  const dueOn = addWorkingDays(dayIn(input.endedAt, input.timeZone), input.dueDays);
  if (input.latest === "distributed") return null;
  const late = dayIn(input.now, input.timeZone) > dueOn;
  if (input.latest === "approved") return { state: late ? "distribution_overdue" : "awaiting_distribution", dueOn };
  if (late) return { state: "approval_overdue", dueOn };
  return { state: input.drafted ? "awaiting_approval" : "due", dueOn };
}
