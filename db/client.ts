import { closeSync, fdatasync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema/index.ts";
import { sqliteStore } from "./sqliteStore.ts";
import { checkFileBeforeOpening, checkOpenedDatabase, DatabaseRefused, describeCause } from "./startChecks.ts";
import { dialectOf, shownUrl, type Store } from "./store.ts";

export type Db = BetterSQLite3Database<typeof schema>;

/** SQLite: a read, its write lock, a synced write beside the file; PostgreSQL: a read, a committed write. */
export type HealthCheck = "read" | "write-lock" | "disk-write" | "write";
export type Health = { ok: true } | { ok: false; failed: HealthCheck; cause: string; code: string | null };

export interface DatabaseHandle {
  db: Db;
  /** The database file's path on disk. */
  path: string;
  /** The raw connection, for the backup API. */
  sqlite: Database.Database;
  /** Reads, takes the write lock, and writes and syncs a byte beside the database; names the first check that fails. */
  checkHealth(): Health;
  /**
   * The same database behind the async Store the services use (decision 0040), sharing
   * the write connection and the group sync; opened at first use.
   */
  readonly store: Store;
  close(): void;
}

/**
 * How long one statement waits for a write lock held by another connection. better-sqlite3
 * is synchronous, so this wait blocks the event loop: keep it short and let the caller
 * answer `busy` (see server/storage/storageErrors.ts).
 */
export const BUSY_TIMEOUT_MS = 200;

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Distinct SQL texts whose prepared statements are kept (a query with a list of ids makes a text per length). */
const KEPT_STATEMENTS = 1000;

/**
 * drizzle prepares every query anew, and preparing is a tenth of a live command's time
 * (docs/performance.md). The same SQL text gets its statement again instead, reset to the
 * plain mode drizzle expects (drizzle switches `raw` on where it wants arrays); a statement
 * still busy in an iteration is not shared.
 */
function reuseStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = prepare(source);
    if (!statement) {
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      kept.set(source, fresh);
    }
    return fresh;
  }) as Database.Database["prepare"];
}

/** Accepts a plain path or a `file:` URL, as DATABASE_URL may hold either. */
export function databasePath(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) {
    const rest = databaseUrl.slice("file:".length);
    return rest.startsWith("//") ? fileURLToPath(databaseUrl) : rest;
  }
  return databaseUrl;
}

export interface OpenOptions {
  /**
   * FULL (the default, and what the server uses) syncs the write-ahead log before a commit
   * returns, so an acknowledged command survives a power cut. NORMAL exists only so the
   * benchmark and the power-cut test can show what FULL buys (decision 0015).
   */
  synchronous?: "FULL" | "NORMAL";
}

/**
 * Opens the SQLite database, refuses a file that is not a whole Casetable database of this
 * version or an older one (DatabaseRefused, naming the path and the cause), applies the
 * committed migrations and returns the handle. PostgreSQL is opened as a Store
 * (db/openStore.ts, db/serverDatabase.ts); a `postgres://` URL here is not taken for a file name.
 */
export function openDatabase(databaseUrl: string, options: OpenOptions = {}): DatabaseHandle {
  if (dialectOf(databaseUrl) === "postgresql")
    throw new DatabaseRefused(
      shownUrl(databaseUrl),
      "is PostgreSQL, which is opened as a Store, not as a SQLite file.",
    );
  const path = databasePath(databaseUrl);
  checkFileBeforeOpening(path);
  let sqlite: Database.Database;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    sqlite = new Database(path);
  } catch (error) {
    throw new DatabaseRefused(path, `cannot be opened: ${describeCause(error)}.`);
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkOpenedDatabase(path, sqlite, migrationsFolder);
    if (sqlite.pragma("journal_mode = WAL", { simple: true }) !== "wal")
      throw new Error("it cannot use a write-ahead log");
    sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
    sqlite.pragma("foreign_keys = ON");
    // What is deleted or overwritten (an identity sealed, a purged case) is zeroed on disk,
    // not left readable in free pages.
    sqlite.pragma("secure_delete = ON");
  } catch (error) {
    sqlite.close();
    throw error instanceof DatabaseRefused
      ? error
      : new DatabaseRefused(path, `cannot be used: ${describeCause(error)}.`);
  }
  reuseStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  try {
    migrate(db, { migrationsFolder });
  } catch (error) {
    sqlite.close();
    throw new DatabaseRefused(path, `could not be brought up to date: ${describeCause(error)}.`);
  }
  const probeFile = `${path}-healthz`;
  const logSync = groupSync(`${path}-wal`);
  let store: Store | null = null;
  return {
    db,
    path,
    sqlite,
    checkHealth() {
      const step = (failed: HealthCheck, run: () => void): Health | null => {
        try {
          run();
          return null;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          return { ok: false, failed, cause: describeCause(error), code: typeof code === "string" ? code : null };
        }
      };
      return (
        step("read", () => sqlite.prepare("select 1").get()) ??
        // Takes the write lock as a command would, waiting at most BUSY_TIMEOUT_MS.
        step("write-lock", () => sqlite.exec("BEGIN IMMEDIATE; ROLLBACK")) ??
        // A file system gone read-only or full shows only on a real, synced write: a new
        // file each time, so that it needs new space rather than reusing the last one's.
        step("disk-write", () => {
          const fd = openSync(probeFile, "w");
          try {
            writeSync(fd, new Date().toISOString());
            fsyncSync(fd);
          } finally {
            closeSync(fd);
            rmSync(probeFile, { force: true });
          }
        }) ?? { ok: true }
      );
    },
    get store() {
      store ??= sqliteStore({
        writer: sqlite,
        path,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        fullSync: (options.synchronous ?? "FULL") === "FULL",
        syncLog: logSync,
        prepareOnce: reuseStatements,
      });
      return store;
    },
    close() {
      void store?.close();
      logSync.close();
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Syncs the write-ahead log off the event loop (fdatasync in libuv's pool). A call made
 * while a sync runs is served by the next one, which starts when that one ends: every
 * commit before the call is on disk when its promise holds, however many share it.
 */
function groupSync(walPath: string) {
  let fd: number | null = null;
  let inode = 0;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  /** The log's file as it is now (SQLite removes it only when the last connection closes). */
  const file = () => {
    const now = statSync(walPath).ino;
    if (fd === null || now !== inode) {
      if (fd !== null) closeSync(fd);
      fd = openSync(walPath, "r");
      inode = now;
    }
    return fd;
  };
  const start = () => {
    const p = new Promise<void>((done, failed) => {
      try {
        fdatasync(file(), (error) => (error ? failed(error) : done()));
      } catch (error) {
        failed(error as Error);
      }
    }).finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  const sync = () => {
    if (!running) return start();
    next ??= running
      .catch(() => {})
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
  sync.close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return sync;
}
