// A meeting is planned for now or later: a start in the past is refused when scheduling
// and when moving a meeting. A few minutes' grace lets "now" typed into a form (minute
// precision) or a meeting called at once still pass.

const GRACE_MS = 5 * 60_000;

export function startsInThePast(startsAt: Date, now: Date = new Date()): boolean {
  return startsAt.getTime() < now.getTime() - GRACE_MS;
}
