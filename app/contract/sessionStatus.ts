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

/**
 * Why a session ended, as the live connection is told (`session:ended`) and the sign-in
 * page says (`?ended=`): nothing done for a while, its longest allowed time reached,
 * signed out (in another tab or window), removed from a network, the password changed
 * in another session, or the second factor reset by two administrators.
 */
export const SESSION_END_REASONS = [
  "idle",
  "expired",
  "signed_out",
  "removed",
  "password_changed",
  "second_factor_reset",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** The reason named in a sign-in address, if it is one (`ended=1`, from older pages, was the idle end). */
export function endReasonOf(param: string | null): SessionEndReason | null {
  if (param === "1") return "idle";
  return (SESSION_END_REASONS as readonly string[]).includes(param ?? "") ? (param as SessionEndReason) : null;
}

/** The sign-in page, saying why the session ended, that brings the person back to `here`. */
export const signInAfterEnd = (reason: SessionEndReason, here: string) =>
  `/sign-in?ended=${reason}&next=${encodeURIComponent(here)}`;
