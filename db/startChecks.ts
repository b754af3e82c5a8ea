import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";

/** Casetable refuses to start on this database file; the message names the path and the cause. */
export class DatabaseRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Casetable cannot start: the database ${path} ${reason}`);
    this.name = "DatabaseRefused";
  }
}

const sqliteHeader = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Before SQLite touches the file: a missing file is a new installation, but an empty file
 * or one that is not a database is a mistake (a failed copy, a wrong path) and must not
 * quietly become a fresh, empty Casetable.
 */
export function checkFileBeforeOpening(path: string): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new DatabaseRefused(path, "is not a file.");
    size = stat.size;
  } catch (error) {
    if (error instanceof DatabaseRefused) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new DatabaseRefused(path, `cannot be read: ${describeCause(error)}.`);
  }
  if (size === 0) {
    throw new DatabaseRefused(
      path,
      "is an empty file (0 bytes). A Casetable database is never empty: restore it from a backup, or remove the file to start a new installation.",
    );
  }
  const head = Buffer.alloc(sqliteHeader.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    readSync(fd, head, 0, head.length, 0);
  } catch (error) {
    throw new DatabaseRefused(path, `cannot be read: ${describeCause(error)}.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!head.equals(sqliteHeader))
    throw new DatabaseRefused(path, "is not a SQLite database (its first bytes are not a SQLite header).");
}

/** After opening, before migrating: the file must be whole, writable and from this version or an older one. */
export function checkOpenedDatabase(path: string, sqlite: Database.Database, migrationsFolder: string): void {
  let problems: { quick_check: string }[];
  try {
    problems = sqlite.pragma("quick_check") as { quick_check: string }[];
  } catch (error) {
    throw new DatabaseRefused(
      path,
      `failed its integrity check (PRAGMA quick_check): ${describeCause(error)}. Restore it from a backup.`,
    );
  }
  if (problems.length !== 1 || problems[0].quick_check !== "ok") {
    const shown = problems
      .slice(0, 3)
      .map((p) => p.quick_check)
      .join("; ");
    throw new DatabaseRefused(
      path,
      `failed its integrity check (PRAGMA quick_check): ${shown}. Restore it from a backup.`,
    );
  }
  try {
    sqlite.exec("BEGIN IMMEDIATE; ROLLBACK");
  } catch (error) {
    throw new DatabaseRefused(path, `cannot be written: ${describeCause(error)}.`);
  }
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
  if (tables.length === 0) return; // a new installation
  if (!tables.includes("__drizzle_migrations")) {
    throw new DatabaseRefused(path, "is a SQLite database but not a Casetable one (it has no migration record).");
  }
  const known = readMigrationFiles({ migrationsFolder });
  const knownHashes = new Set(known.map((m) => m.hash));
  const applied = sqlite
    .prepare("select hash, created_at as createdAt from __drizzle_migrations order by created_at")
    .all() as { hash: string; createdAt: number }[];
  const unknown = applied.filter((m) => !knownHashes.has(m.hash));
  if (unknown.length > 0) {
    const names = unknown
      .map((m) => `${new Date(Number(m.createdAt)).toISOString()} (${m.hash.slice(0, 12)})`)
      .join(", ");
    const newest = readJournalTags(migrationsFolder).at(-1);
    throw new DatabaseRefused(
      path,
      `has ${unknown.length} migration${unknown.length === 1 ? "" : "s"} this version of Casetable does not know: ${names}. This version knows up to ${newest}. It was probably written by a newer Casetable: run that version, or restore a backup made by this one.`,
    );
  }
}

function readJournalTags(migrationsFolder: string): string[] {
  // The journal names the migrations; readMigrationFiles keeps only their SQL and hash.
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** The cause in one line: SQLite's or the file system's own words, with its code. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
