import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as tables from "./schema-pg/index.ts";
import { DatabaseRefused, describeCause } from "./startChecks.ts";
import { driverError, shownUrl, type Query, type Store } from "./store.ts";

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations-pg");

/** Held while one node migrates, so that nodes starting together migrate once. */
const MIGRATION_LOCK = 4_017_001;

/** PostgreSQL's code for a unique or primary key violation. */
const UNIQUE_VIOLATION = "23505";

export interface PostgresOptions {
  /** Connections in the pool (pg's default: 10). */
  poolSize?: number;
}

/**
 * Opens PostgreSQL behind the Store (decision 0040): refuses a server that would acknowledge
 * a commit before it is durable (synchronous_commit off), brings the schema up to date under
 * an advisory lock, and pools connections.
 */
export async function openPostgresStore(databaseUrl: string, options: PostgresOptions = {}): Promise<Store> {
  const shown = shownUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection lost (the server restarted, or ended it): the pool drops it and opens
  // another at the next query; a query in flight fails in its own caller. Unheard, the
  // pool's error event would end the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    try {
      const setting = (await client.query<{ synchronous_commit: string }>("SHOW synchronous_commit")).rows[0];
      if (setting?.synchronous_commit === "off")
        throw new DatabaseRefused(shown, "acknowledges commits before they are durable: set synchronous_commit to on.");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client), { migrationsFolder });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    if (error instanceof DatabaseRefused) throw error;
    throw new DatabaseRefused(shown, `cannot be used: ${describeCause(error)}.`);
  }
  const db = drizzle(pool) as unknown as Query;
  let closed: Promise<void> | undefined;
  return {
    dialect: "postgresql",
    t: tables,
    db,
    read: (work) => db.transaction((q) => work(q), { isolationLevel: "repeatable read", accessMode: "read only" }),
    async transaction(work, whileSyncing) {
      const result = await db.transaction((tx) => work(tx));
      if (whileSyncing) await whileSyncing(result, db);
      return result;
    },
    async lock(tx, name) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`);
    },
    changedRows: (result) => (result as { rowCount: number | null }).rowCount ?? 0,
    isUniqueViolation: (error) => driverError(error)?.code === UNIQUE_VIOLATION,
    driver: { dialect: "postgresql", pool },
    // Idempotent, as SQLite's is: the pool refuses a second end.
    close: () => (closed ??= pool.end()),
  };
}
