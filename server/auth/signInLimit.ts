import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { RateLimiterSQLite, type RateLimiterRes } from "rate-limiter-flexible";

/**
 * Failed sign-ins slow down whoever makes them, and never lock anyone else out:
 * - per account and address: three free failures, then a wait that doubles with each
 *   further one (2 s, 4 s, 8 s…) up to 15 minutes; counted over a day;
 * - per address, on any accounts: ten free failures, then a wait that doubles up to one
 *   minute (an office behind one address is slowed, never shut out); counted over an hour.
 * Every wrong password counts, also one sent while waiting (it is checked, then refused
 * anyway), so hammering only lengthens the wait. The right password from an address
 * without failures is never held back, whatever was tried from elsewhere. A success
 * clears the pair's count. Counts live in SQLite
 * (rate-limiter-flexible's store, table `sign_in_throttle`), so a restart does not reset
 * them; keys are hashes, no address or email in clear.
 */
export const THROTTLE = {
  pair: { free: 3, maxWaitSeconds: 15 * 60, windowSeconds: 24 * 3600 },
  address: { free: 10, maxWaitSeconds: 60, windowSeconds: 3600 },
} as const;

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Rule = (typeof THROTTLE)[keyof typeof THROTTLE];

/** The wait after the n-th failure: none for the free ones, then doubling up to the cap. */
export function waitAfter(failures: number, rule: Rule): number {
  return failures <= rule.free ? 0 : Math.min(rule.maxWaitSeconds, 2 ** (failures - rule.free));
}

const key = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32);

export function createSignInLimit(sqlite: Database.Database) {
  const store = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterSQLite({
      storeClient: sqlite,
      storeType: "better-sqlite3",
      tableName: "sign_in_throttle",
      tableCreated: true,
      keyPrefix,
      points,
      duration,
    });
  const failures = {
    pair: store("failures-pair", Number.MAX_SAFE_INTEGER, THROTTLE.pair.windowSeconds),
    address: store("failures-address", Number.MAX_SAFE_INTEGER, THROTTLE.address.windowSeconds),
  };
  // A wait is a block on a one-point limiter: blocked while its points exceed one.
  const waits = {
    pair: store("wait-pair", 1, THROTTLE.pair.maxWaitSeconds),
    address: store("wait-address", 1, THROTTLE.address.maxWaitSeconds),
  };
  const forget = sqlite.prepare("DELETE FROM sign_in_throttle WHERE expire < ?");
  const keys = (email: string, ip: string) => ({ pair: key(email, ip), address: key(ip) });

  async function remaining(limiter: RateLimiterSQLite, k: string): Promise<number> {
    const res = await limiter.get(k);
    return res && res.consumedPoints > 1 ? Math.ceil(res.msBeforeNext / 1000) : 0;
  }

  return {
    async check(email: string, ip: string): Promise<LimitCheck> {
      const k = keys(email, ip);
      const wait = Math.max(await remaining(waits.pair, k.pair), await remaining(waits.address, k.address));
      return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
    },

    async recordFailure(email: string, ip: string): Promise<void> {
      const k = keys(email, ip);
      for (const which of ["pair", "address"] as const) {
        const counted: RateLimiterRes = await failures[which].penalty(k[which], 1);
        const wait = waitAfter(counted.consumedPoints, THROTTLE[which]);
        if (wait > 0) await waits[which].block(k[which], wait);
      }
    },

    /** The right password: this pair starts again (the address's count stays, it may try others). */
    async recordSuccess(email: string, ip: string): Promise<void> {
      const k = keys(email, ip);
      await failures.pair.delete(k.pair);
      await waits.pair.delete(k.pair);
    },

    /** Counts whose window has passed. */
    forgetOld(): void {
      forget.run(Date.now());
    },
  };
}
