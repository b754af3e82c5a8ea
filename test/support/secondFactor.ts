import { Secret, TOTP } from "otpauth";
import { DEFAULT_SECOND_FACTOR_ROLES } from "../../server/auth/secondFactor.ts";
import type { Services } from "../../server/services.ts";
import { PASSWORD } from "./fixtures.ts";
import { Visitor } from "./http.ts";

/** The network's setting back to its default: admins, chairs and coordinators need a second factor. */
export async function requireSecondFactor(services: Services, networkId: string, adminId: string): Promise<void> {
  await services.secondFactor.setRoles({ personId: adminId, ip: null }, networkId, DEFAULT_SECOND_FACTOR_ROLES);
}

/** The code an authenticator app shows for a secret, now or `stepsAhead` thirty-second steps later. */
export function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** Posts the password; returns the visitor (with its half-signed-in cookie) and where it was sent. */
export async function passwordStep(baseUrl: string, email: string): Promise<{ visitor: Visitor; location: string }> {
  const visitor = new Visitor(baseUrl);
  const res = await visitor.post("/sign-in", { email, password: PASSWORD });
  if (res.status !== 302) throw new Error(`password step of ${email}: ${res.status}`);
  return { visitor, location: res.headers.get("location")! };
}

const SECRET = /data-testid="totp-secret">([A-Z2-7]+)</;
const CODES = /<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<\/code>/g;

/** Enrols an authenticator app through the real page; returns its secret and the recovery codes shown once. */
export async function enrolTotp(visitor: Visitor): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await visitor.post("/account/second-factor", { intent: "totp-start" });
  const secret = SECRET.exec(await started.text())?.[1];
  if (!secret) throw new Error(`no TOTP secret shown (${started.status})`);
  const confirmed = await visitor.post("/account/second-factor", { intent: "totp-confirm", code: totpCode(secret) });
  const html = await confirmed.text();
  if (confirmed.status !== 200) throw new Error(`TOTP confirmation refused (${confirmed.status})`);
  return { secret, recoveryCodes: [...html.matchAll(CODES)].map((m) => m[1]) };
}
