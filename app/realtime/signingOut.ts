// A sign-out asked for on this page: its own session ending is then no news to tell. Kept
// apart from the socket so the header does not load socket.io to say it.
let here = false;

/** Called as this page's sign-out form is sent. */
export function signingOutHere(): void {
  here = true;
}

/** Whether this page asked to sign out (and the sign-out's own redirect should be let be). */
export function isSigningOutHere(): boolean {
  return here;
}
