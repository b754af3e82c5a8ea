import { parse, serialize } from "cookie";

/**
 * Over https the cookie is `__Host-` prefixed: the browser then insists on Secure, path /
 * and no Domain, so no other site or subdomain can set or read it. Plain http (a
 * developer's machine) cannot carry a Secure cookie, so there it has the plain name.
 */
export const SESSION_COOKIE = "casetable_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

const nameFor = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/** httpOnly, SameSite=Lax, Secure and `__Host-` whenever the site is served over https. */
export function sessionCookie(token: string, secure: boolean, maxAgeMs: number): string {
  return serialize(nameFor(secure), token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(nameFor(secure), "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}

/**
 * The session token a request carries. Over https only the `__Host-` cookie counts; a
 * socket's handshake may not know the scheme behind a proxy, so it takes either
 * (`secure` undefined), the prefixed one first.
 */
export function sessionTokenOf(cookieHeader: string | undefined, secure: boolean | undefined): string | undefined {
  const cookies = parse(cookieHeader ?? "");
  if (secure === undefined) return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
  return cookies[nameFor(secure)];
}
