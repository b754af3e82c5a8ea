import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { parse as parseCookies } from "cookie";
import type { AppLoadContext } from "react-router";
import { SESSION_COOKIE, type SignedInPerson } from "../auth/sessions.ts";
import type { Log } from "../log.ts";
import type { Services } from "../services.ts";

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
  requestInfo: RequestInfo;
  cspNonce: string;
  /** The configured public address, when Casetable sits behind a proxy. */
  publicUrl: string | undefined;
  /** The server log, bound to this request (its id, method and path). */
  log: Log;
}

declare module "react-router" {
  interface AppLoadContext extends CasetableContext {}
}

export function requestInfoOf(req: ExpressRequest): RequestInfo {
  return {
    ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
    userAgent: req.get("user-agent") ?? null,
    secure: req.secure,
  };
}

export function createLoadContext(services: Services, publicUrl: string | undefined) {
  return async (req: ExpressRequest, res: ExpressResponse): Promise<AppLoadContext> => {
    const token = parseCookies(req.get("cookie") ?? "")[SESSION_COOKIE];
    return {
      services,
      viewer: await services.sessions.lookup(token),
      requestInfo: requestInfoOf(req),
      cspNonce: String(res.locals.cspNonce),
      publicUrl,
      log: req.log,
    };
  };
}
