import { serialize } from "cookie";
import { SESSION_COOKIE, SESSION_DAYS } from "./sessions.ts";
import { days } from "../../app/contract/time.ts";

/** httpOnly, SameSite=Lax, and Secure whenever the request came over https. */
export function sessionCookie(token: string, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: days(SESSION_DAYS) / 1000,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}
