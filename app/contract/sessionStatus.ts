/**
 * What `/session` answers: how long the session has left (in milliseconds from the
 * answer, so the two clocks need not agree), for the warning before it ends.
 */
export type SessionStatus = { signedIn: false } | SessionLeft;
export interface SessionLeft {
  signedIn: true;
  /** Until it ends without activity. */
  idleLeftMs: number;
  /** Until it ends anyway (its absolute lifetime). */
  leftMs: number;
  warnMs: number;
}

/** The warning comes two minutes before the idle end, or a third of the idle time when shorter. */
export const warnBefore = (idleMs: number) => Math.min(2 * 60_000, Math.round(idleMs / 3));

export function sessionLeft(
  session: { idleEndsAt: Date; endsAt: Date },
  idleMs: number,
  now = Date.now(),
): SessionLeft {
  return {
    signedIn: true,
    idleLeftMs: session.idleEndsAt.getTime() - now,
    leftMs: session.endsAt.getTime() - now,
    warnMs: warnBefore(idleMs),
  };
}
