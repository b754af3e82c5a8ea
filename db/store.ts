import type Database from "better-sqlite3";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type pg from "pg";
import type * as pgTables from "./schema-pg/index.ts";

// One data access for two dialects (decision 0040). A converted service takes a Store and
// writes its queries once against `store.t` and a `Query`; SQLite and PostgreSQL each give
// their own tables and connection behind the same types.

export type Dialect = "sqlite" | "postgresql";

/**
 * The tables, typed as PostgreSQL's. On SQLite they are db/schema's tables of the same
 * names, whose rows have the same types (test/unit/schemaDialects.test.ts).
 */
export type Tables = typeof pgTables;

/**
 * What a service queries with: awaited query builders only (no `.get()/.all()/.run()`),
 * typed as PostgreSQL's, which has none of SQLite's synchronous calls.
 */
export type Query = PgDatabase<NodePgQueryResultHKT>;

export interface Store {
  readonly dialect: Dialect;
  readonly t: Tables;
  /**
   * Reads outside a transaction; they see committed data only (SQLite: a read-only
   * connection; PostgreSQL: the pool). Every write goes through `transaction`.
   */
  readonly db: Query;
  /**
   * Runs `work` in a transaction and resolves once its commit is durable: SQLite commits
   * at NORMAL and resolves after the group fdatasync (decision 0031); PostgreSQL resolves
   * after COMMIT with synchronous_commit on. SQLite runs one transaction at a time, in the
   * order asked. `work` awaits only the database: no mail, no file, no network inside.
   */
  transaction<T>(work: (tx: Query) => Promise<T>): Promise<T>;
  /**
   * Serialises the transactions that take the same lock, until they end: PostgreSQL takes a
   * transaction-level advisory lock; SQLite has one writer at a time already. For the audit
   * chain and for numbers allocated as "the highest plus one".
   */
  lock(tx: Query, name: string): Promise<void>;
  /** How many rows an awaited update or delete changed. */
  changedRows(result: unknown): number;
  /** Whether a failed write broke a unique index or primary key. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * The driver's own connection, for a library that speaks SQL itself (the sign-in
   * limiter, decision 0044): SQLite's write connection, whose writes belong inside
   * `transaction`; PostgreSQL's pool.
   */
  readonly driver: { dialect: "sqlite"; writer: Database.Database } | { dialect: "postgresql"; pool: pg.Pool };
  close(): Promise<void>;
}

/** `postgres://` and `postgresql://` select PostgreSQL; anything else is SQLite's path or `file:` URL. */
export function dialectOf(databaseUrl: string): Dialect {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** The driver's error under drizzle's wrapping (DrizzleQueryError keeps it as `cause`). */
export function driverError(error: unknown): { code?: unknown } | null {
  let e = error;
  while (e && typeof e === "object") {
    if ("code" in e) return e as { code?: unknown };
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** The URL to name in messages: without its password. */
export function shownUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return databaseUrl;
  }
}
