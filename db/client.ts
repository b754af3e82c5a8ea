import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema/index.ts";

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  /** Answers whether the database still responds; used by the health check. */
  isHealthy(): boolean;
  close(): void;
}

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Accepts a plain path or a `file:` URL, as DATABASE_URL may hold either. */
export function databasePath(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) {
    const rest = databaseUrl.slice("file:".length);
    return rest.startsWith("//") ? fileURLToPath(databaseUrl) : rest;
  }
  return databaseUrl;
}

/** Opens the database, applies the committed migrations and returns the handle. */
export function openDatabase(databaseUrl: string): DatabaseHandle {
  const path = databasePath(databaseUrl);
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return {
    db,
    isHealthy() {
      try {
        return sqlite.prepare("select 1 as ok").get() !== undefined;
      } catch {
        return false;
      }
    },
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
