import { data, redirect, type AppLoadContext } from "react-router";
import type { SignedInPerson } from "./sessions.ts";
import type { CaseWithScope } from "../cases/caseRegister.ts";
import { can, canOnCase, handlesAccessRequests, type Action, type CaseAction } from "./policy.ts";
import { relyingPartyOf, type RelyingParty } from "./secondFactor.ts";

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
export async function requireNetworkAction(
  context: AppLoadContext,
  request: Request,
  networkId: string | undefined,
  action: Action,
): Promise<SignedInPerson> {
  const viewer = requireViewer(context, request);
  if (!networkId || !viewer.memberships[networkId]) {
    if (networkId) await refused(context, viewer, request, { action, subjectType: "network", subjectId: networkId });
    throw data({ reason: "not_found" }, { status: 404 });
  }
  if (!can(viewer, action, networkId)) {
    await refused(context, viewer, request, { action, networkId, subjectType: "network", subjectId: networkId });
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  return viewer;
}

/**
 * Every refusal of a signed-in person is audited: who, which right, on what, when (the
 * entry's time), by which method; never the request's content (decision 0029). The entry
 * is on record before the refusal is answered.
 */
async function refused(
  context: AppLoadContext,
  viewer: SignedInPerson,
  request: Request,
  what: { action: string; networkId?: string; subjectType: string; subjectId: string },
): Promise<void> {
  const { database, auditChain } = context.services;
  await database.store.transaction((tx) =>
    auditChain.append(tx, actorOf(context, viewer), {
      action: "access.refused",
      networkId: what.networkId ?? null,
      subjectType: what.subjectType,
      // An id from the address, cut short: whatever was typed there is not kept whole.
      subjectId: what.subjectId.slice(0, 64),
      details: { right: what.action, method: request.method },
    }),
  );
}

/** Who did it and from where, for the audit log. */
export function actorOf(context: AppLoadContext, viewer: SignedInPerson | null) {
  return { personId: viewer?.personId ?? null, ip: context.requestInfo.ip };
}

/**
 * The case behind a URL, for someone allowed `action` on it. A case the person may not
 * even view is 404, exactly like a case that does not exist: its existence is not
 * confirmed to those outside it. Viewable but not allowed: 403.
 */
export async function requireCase(
  context: AppLoadContext,
  request: Request,
  networkId: string | undefined,
  code: string | undefined,
  action: CaseAction,
): Promise<{ viewer: SignedInPerson; theCase: CaseWithScope }> {
  const viewer = requireViewer(context, request);
  const theCase =
    networkId && code && viewer.memberships[networkId]
      ? await context.services.caseRegister.findByCode(networkId, code)
      : null;
  if (!theCase) throw data({ reason: "not_found" }, { status: 404 });
  const where = { networkId: theCase.networkId, subjectType: "case", subjectId: theCase.id };
  if (!canOnCase(viewer, "case:view", theCase.scope)) {
    await refused(context, viewer, request, { action: "case:view", ...where });
    throw data({ reason: "not_found" }, { status: 404 });
  }
  if (!canOnCase(viewer, action, theCase.scope)) {
    await refused(context, viewer, request, { action, ...where });
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  return { viewer, theCase };
}

/** Where passkeys belong: the configured public address, else the address the browser used. */
export function relyingPartyFor(context: AppLoadContext, request: Request): RelyingParty {
  return relyingPartyOf(context.publicUrl ? new URL(context.publicUrl).origin : new URL(request.url).origin);
}

/**
 * A case form's intent and the right it needs (`rights` maps each intent to one): an
 * unknown intent is 400; otherwise the case as `requireCase` gives it, with the actor
 * for the audit log.
 */
export async function requireCaseIntent<I extends string>(
  context: AppLoadContext,
  request: Request,
  params: { networkId?: string; code?: string },
  formData: FormData,
  rights: Record<I, CaseAction>,
) {
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(rights, intent)) throw data({ reason: "bad_request" }, { status: 400 });
  const known = intent as I;
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, rights[known]);
  return { intent: known, viewer, theCase, actor: { ...actorOf(context, viewer), personId: viewer.personId } };
}

/**
 * The pages of a data subject's requests (decision 0038): the coordinator, who asks, and
 * the accountable officer, who confirms. Anyone else of the network is refused (audited).
 */
export async function requireAccessHandler(context: AppLoadContext, request: Request, networkId: string | undefined) {
  const viewer = await requireNetworkAction(context, request, networkId, "network:view");
  if (!handlesAccessRequests(viewer, networkId!)) {
    await refused(context, viewer, request, {
      action: "access:handle",
      networkId,
      subjectType: "network",
      subjectId: networkId!,
    });
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  return { viewer, actor: { ...actorOf(context, viewer), personId: viewer.personId } };
}
