import { data } from "react-router";
import { sessionLeft, type SessionStatus } from "../contract/sessionStatus.ts";
import type { Route } from "./+types/session";

function statusOf(context: Route.LoaderArgs["context"]): SessionStatus {
  const viewer = context.viewer;
  return viewer ? sessionLeft(viewer, context.services.sessions.limits.idleMs) : { signedIn: false };
}

/** How long the session has left; asking is not activity (server/http/loadContext.ts). */
export function loader({ context }: Route.LoaderArgs) {
  return data(statusOf(context));
}

/** "Stay signed in": the request itself is the activity that starts the idle time again. */
export function action({ context }: Route.ActionArgs) {
  return data(statusOf(context));
}
