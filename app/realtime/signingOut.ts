// A sign-out asked for on this page: its own session ending is then no news to tell. Kept
// apart from the socket so the header does not load socket.io to say it.
let here = false;

/** Called as this page's sign-out form is sent. */
export function signingOutHere(): void {
  here = true;
}

/**
 * Whether the session that just ended was signed out on this page (its redirect is then
 * let be). Asked once per ending: a later sign-in on this page starts afresh, so a sign-out
 * elsewhere after it is told as news again.
 */
export function takeSigningOutHere(): boolean {
  const asked = here;
  here = false;
  return asked;
}
