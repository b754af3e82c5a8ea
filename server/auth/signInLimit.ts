import { createHash } from "node:crypto";
import { lt } from "drizzle-orm";
import {
  RateLimiterPostgres,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
  type RateLimiterRes,
} from "rate-limiter-flexible";
import type { Store } from "../../db/store.ts";

/**
 * Failed sign-ins slow down whoever makes them, and never lock anyone else out:
 * - per account and address: three free failures, then a wait that doubles with each
 *   further one (2 s, 4 s, 8 s…) up to 15 minutes; counted over a day;
 * - per address, on any accounts: ten free failures, then a wait that doubles up to one
 *   minute (an office behind one address is slowed, never shut out); counted over an hour.
 * Every wrong password counts, also one sent while waiting (it is checked, then refused
 * anyway), so hammering only lengthens the wait. The right password from an address
 * without failures is never held back, whatever was tried from elsewhere. A success
 * clears the pair's count. Counts live in the database (rate-limiter-flexible's store,
 * table `sign_in_throttle`), so a restart does not reset them and every node counts the
 * same; keys are hashes, no address or email in clear.
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

/**
 * Counts live in the database every node uses (decision 0044): rate-limiter-flexible's
 * SQLite store on the write connection, or its PostgreSQL store on the pool, both in the
 * table `sign_in_throttle` that the migrations own.
 */
function limiters(store: Store) {
  const { driver } = store;
  const common = { tableName: "sign_in_throttle", tableCreated: true, clearExpiredByTimeout: false } as const;
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterStoreAbstract =>
    driver.dialect === "sqlite"
      ? new RateLimiterSQLite({
          ...common,
          storeClient: driver.writer,
          storeType: "better-sqlite3",
          keyPrefix,
          points,
          duration,
        })
      : new RateLimiterPostgres({
          ...common,
          storeClient: driver.pool,
          storeType: "pool",
          keyPrefix,
          points,
          duration,
        });
  // SQLite's writer is shared: a count is written in a turn of its own, never inside another
  // transaction that is waiting on the connection (and durable like every other write).
  const write = <T>(change: () => Promise<T>): Promise<T> =>
    driver.dialect === "sqlite" ? store.transaction(change) : change();
  return { make, write };
}

export function createSignInLimit(store: Store) {
  const { make, write } = limiters(store);
  const { t } = store;
  const failures = {
    pair: make("failures-pair", Number.MAX_SAFE_INTEGER, THROTTLE.pair.windowSeconds),
    address: make("failures-address", Number.MAX_SAFE_INTEGER, THROTTLE.address.windowSeconds),
  };
  // A wait is a block on a one-point limiter: blocked while its points exceed one.
  const waits = {
    pair: make("wait-pair", 1, THROTTLE.pair.maxWaitSeconds),
    address: make("wait-address", 1, THROTTLE.address.maxWaitSeconds),
  };
  const keys = (email: string, ip: string) => ({ pair: key(email, ip), address: key(ip) });

  async function remaining(limiter: RateLimiterStoreAbstract, k: string): Promise<number> {
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
        const counted: RateLimiterRes = await write(() => failures[which].penalty(k[which], 1));
        const wait = waitAfter(counted.consumedPoints, THROTTLE[which]);
        if (wait > 0) await write(() => waits[which].block(k[which], wait));
      }
    },

    /** The right password: this pair starts again (the address's count stays, it may try others). */
    async recordSuccess(email: string, ip: string): Promise<void> {
      const k = keys(email, ip);
      await write(() => failures.pair.delete(k.pair));
      await write(() => waits.pair.delete(k.pair));
    },

    /** Counts whose window has passed. */
    async forgetOld(): Promise<void> {
      await store.transaction((tx) => tx.delete(t.signInThrottle).where(lt(t.signInThrottle.expire, Date.now())));
    },
  };
}
