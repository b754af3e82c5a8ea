import { and, count, eq, gt, lt, min } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { signInFailures } from "../../db/schema/index.ts";

export const LIMIT_WINDOW_MS = 15 * 60_000;
/** Failed attempts on one account within the window before it is locked for the rest of it. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed attempts from one address (on any accounts) within the window. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/** Failed sign-ins are counted in the database, so a restart does not reset the limit. */
export function createSignInLimit(db: Db) {
  function blockedUntil(column: typeof signInFailures.email | typeof signInFailures.ip, value: string, max: number) {
    const since = new Date(Date.now() - LIMIT_WINDOW_MS);
    const row = db
      .select({ n: count(), first: min(signInFailures.at) })
      .from(signInFailures)
      .where(and(eq(column, value), gt(signInFailures.at, since)))
      .get();
    if (!row || row.n < max || !row.first) return null;
    return new Date(row.first.getTime() + LIMIT_WINDOW_MS);
  }

  return {
    check(email: string, ip: string): LimitCheck {
      const until = [
        blockedUntil(signInFailures.email, email, MAX_FAILURES_PER_ACCOUNT),
        blockedUntil(signInFailures.ip, ip, MAX_FAILURES_PER_ADDRESS),
      ].filter((d): d is Date => d !== null);
      if (until.length === 0) return { allowed: true };
      const latest = Math.max(...until.map((d) => d.getTime()));
      return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((latest - Date.now()) / 60_000)) };
    },
    recordFailure(email: string, ip: string): void {
      db.insert(signInFailures).values({ email, ip, at: new Date() }).run();
      db.delete(signInFailures)
        .where(lt(signInFailures.at, new Date(Date.now() - LIMIT_WINDOW_MS)))
        .run();
    },
    clearAccount(email: string): void {
      db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
    },
  };
}
