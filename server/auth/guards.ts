import { data, redirect, type AppLoadContext } from "react-router";
import type { SignedInPerson } from "./sessions.ts";
import { can, type Action } from "./policy.ts";

/** The signed-in person, or a redirect to the sign-in page that comes back here. */
export function requireViewer(context: AppLoadContext, request: Request): SignedInPerson {
  if (context.viewer) return context.viewer;
  const url = new URL(request.url);
  throw redirect(`/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
}

/**
 * The signed-in person, allowed to do `action` in the network. Someone outside the
 * network gets 404 (its existence is not confirmed); a member without the right, 403.
 */
export function requireNetworkAction(
  context: AppLoadContext,
  request: Request,
  networkId: string | undefined,
  action: Action,
): SignedInPerson {
  const viewer = requireViewer(context, request);
  if (!networkId || !viewer.roles[networkId]) throw data({ reason: "not_found" }, { status: 404 });
  if (!can(viewer, action, networkId)) throw data({ reason: "forbidden" }, { status: 403 });
  return viewer;
}

/** Who did it and from where, for the audit log. */
export function actorOf(context: AppLoadContext, viewer: SignedInPerson | null) {
  return { personId: viewer?.personId ?? null, ip: context.requestInfo.ip };
}
