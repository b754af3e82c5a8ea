// A moment typed into a form ("2026-03-14T09:30") means that wall-clock time in the
// network's time zone, whatever the browser's or the server's zone is. Stored in UTC.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

function wallClock(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute") };
}

/** The value of a `datetime-local` input showing `at` in the time zone. */
export function toLocalInput(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.y}-${w.m}-${w.d}T${w.h}:${w.min}`;
}

/** The zone's offset from UTC at a moment, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  const asUtc = Date.UTC(+w.y, +w.m - 1, +w.d, +w.h, +w.min);
  return asUtc - Math.floor(at / 60_000) * 60_000;
}

/**
 * The UTC moment of a wall-clock time in the zone, or null if the text is not one.
 * In the hour skipped when clocks go forward, the later offset is used.
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, min] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, min);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || min > 59) return null;
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return new Date(second);
}
