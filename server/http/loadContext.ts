import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { AppLoadContext } from "react-router";
import type { Language } from "../../app/contract/vocabulary.ts";
import { sessionTokenOf } from "../auth/sessionCookie.ts";
import type { PendingSignIn, SignedInPerson } from "../auth/sessions.ts";
import type { Log } from "../log.ts";
import type { Services } from "../services.ts";
import { languageOf } from "./language.ts";

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
  /** The request reached us over https (directly or through a trusted proxy). */
  secure: boolean;
}

/** What every loader and action receives besides the request. */
export interface CasetableContext {
  services: Services;
  viewer: SignedInPerson | null;
  /**
   * Someone half signed in (second factor owed, or enrolment due): only the sign-in step
   * and enrolment pages read this; to everything else they are not signed in.
   */
  pending: PendingSignIn | null;
  requestInfo: RequestInfo;
  cspNonce: string;
  /** The configured public address, when Casetable sits behind a proxy. */
  publicUrl: string | undefined;
  /** The language of this request's pages (see languageOf). */
  language: Language;
  /** The browser's scripts of that language's strings (languageScriptsOf); none from Vite's dev server. */
  languageScripts: string[];
  /** The server log, bound to this request (its id, method and path). */
  log: Log;
}

declare module "react-router" {
  interface AppLoadContext extends CasetableContext {}
}

/**
 * The client's address is the connection's, or what a trusted proxy (TRUST_PROXY: a hop
 * count or its addresses) says in X-Forwarded-For; anyone else's X-Forwarded-For is ignored
 * (Express's "trust proxy"). Secure when the request came over https, or the configured
 * public address is https.
 */
export function requestInfoOf(req: ExpressRequest, publicUrl?: string): RequestInfo {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
    userAgent: req.get("user-agent") ?? null,
    secure: req.secure || (publicUrl?.startsWith("https:") ?? false),
  };
}

/** Asking how long the session has left is not activity; every other request is. */
export const SESSION_STATUS_PATH = "/session";

export function createLoadContext(
  services: Services,
  publicUrl: string | undefined,
  languageScripts: Record<Language, string[]> | null,
) {
  return async (req: ExpressRequest, res: ExpressResponse): Promise<AppLoadContext> => {
    const requestInfo = requestInfoOf(req, publicUrl);
    const token = sessionTokenOf(req.get("cookie"), requestInfo.secure);
    const viewer = await services.sessions.lookup(token);
    const pending = viewer ? null : await services.sessions.lookupPending(token);
    if (viewer && !(req.method === "GET" && req.path.replace(/\.data$/, "") === SESSION_STATUS_PATH))
      await services.sessions.touch(viewer);
    const language = await languageOf(req, viewer?.language, services);
    return {
      services,
      viewer,
      language,
      languageScripts: languageScripts?.[language] ?? [],
      pending,
      requestInfo,
      cspNonce: String(res.locals.cspNonce),
      publicUrl,
      log: req.log,
    };
  };
}
