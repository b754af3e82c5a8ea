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
   *
   * `whileSyncing`, when given, runs after the commit and before the transaction resolves:
   * on SQLite while the log syncs (the next transaction waits for it), on PostgreSQL after
   * COMMIT. It is not in the transaction; it reads the record as `work` left it through
   * the connection it is given, for what the answer needs without waiting on the disk for
   * it (a live event cut for each audience, decision 0031). On SQLite that is the writer,
   * idle until `whileSyncing` ends, whose cache holds what `work` just touched (the read
   * connection starts cold after every commit); on PostgreSQL, `db`. Nothing is sent from
   * it: sends wait for durability.
   */
  /**
   * Runs `work`'s reads on one snapshot of the committed data, for what must agree with
   * itself: a meeting's state and the sequence number it is current to, or the events
   * since a number and the head they end at. Reads through `db` are each a snapshot of
   * their own, and another node's (or this one's) commit can land between two of them.
   * PostgreSQL: a REPEATABLE READ, READ ONLY transaction on one pooled connection. SQLite:
   * a read transaction on a read-only connection of its own, one at a time, so that no
   * other read shares its snapshot. `work` only reads, and awaits only the database.
   */
  read<T>(work: (q: Query) => Promise<T>): Promise<T>;
  transaction<T>(work: (tx: Query) => Promise<T>, whileSyncing?: (result: T, q: Query) => Promise<void>): Promise<T>;
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
