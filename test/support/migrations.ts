import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

/**
 * A database file as an earlier version left it: the committed migrations before `tag`
 * applied, foreign keys off so a test can write old rows directly. The caller closes it,
 * then opens the file with `openDatabase`, which applies the rest.
 */
export function databaseBefore(dir: string, tag: string): { file: string; sqlite: Database.Database } {
  const migrations = resolve(import.meta.dirname, "../../db/migrations");
  const before = join(dir, `migrations-before-${tag}`);
  cpSync(migrations, before, { recursive: true });
  const journal = JSON.parse(readFileSync(join(before, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  if (!journal.entries.some((e) => e.tag === tag)) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(join(before, "meta/_journal.json"), JSON.stringify(journal));
  const file = join(dir, `before-${tag}.db`);
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: before });
  sqlite.pragma("foreign_keys = OFF");
  return { file, sqlite };
}
