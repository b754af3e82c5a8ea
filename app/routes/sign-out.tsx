import { redirect } from "react-router";
import { clearedSessionCookie } from "../../server/auth/sessionCookie.ts";
import { actorOf } from "../../server/auth/guards.ts";
import type { Route } from "./+types/sign-out";

export async function loader() {
  throw redirect("/");
}

export async function action({ context }: Route.ActionArgs) {
  const viewer = context.viewer;
  if (viewer)
    await context.services.accounts.signOut(
      { ...actorOf(context, viewer), personId: viewer.personId },
      viewer.sessionId,
    );
  // Half signed in (second step or enrolment not finished): that session goes too.
  if (context.pending) await context.services.sessions.abandonPending(context.pending.sessionId);
  throw redirect("/sign-in", { headers: { "Set-Cookie": clearedSessionCookie(context.requestInfo.secure) } });
}
