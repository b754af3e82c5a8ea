import { createWriteStream, existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { create as createTar } from "tar";
import { ARCHIVE, DATABASE, filesUnder, MANIFEST, OUTBOX, sha256OfFile, type Manifest } from "./manifest.ts";

export interface BackupSources {
  /** An open connection to the database: the server's own, or one opened for the backup. */
  sqlite: Database.Database;
  archiveDir: string;
  outboxDir: string;
}

/**
 * Writes one .tar.gz at `out` holding a consistent copy of the database (SQLite's online
 * backup API, while the server keeps writing), the archived minutes and the outbox, with
 * a manifest of SHA-256 sums. The database is copied first: an archived PDF is written
 * before the row that names it, so every PDF the copy names is already in the archive
 * folder when the folder is copied. Written beside `out` and renamed, so `out` is whole
 * or absent; readable by its owner only, as it holds everything Casetable knows.
 */
export async function createBackup(sources: BackupSources, out: string): Promise<Manifest> {
  const target = resolve(out);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}.`));
  try {
    const databaseCopy = join(staging, DATABASE);
    // One step copies every page under one read transaction: a consistent snapshot even
    // while other connections write (WAL lets them), and no restart-on-write livelock.
    await sources.sqlite.backup(databaseCopy, { progress: () => 2_147_483_647 });
    const copy = new Database(databaseCopy);
    try {
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`the copied database fails its integrity check: ${String(check)}`);
      copy.pragma("journal_mode = DELETE"); // one self-contained file
    } finally {
      copy.close();
    }
    const migration = latestMigration(databaseCopy);
    for (const [from, to] of [
      [sources.archiveDir, ARCHIVE],
      [sources.outboxDir, OUTBOX],
    ] as const) {
      if (existsSync(from))
        await cp(from, join(staging, to), { recursive: true, filter: (src) => !basename(src).endsWith(".tmp") });
      else await mkdir(join(staging, to));
    }
    const paths = await filesUnder(staging);
    const manifest: Manifest = {
      format: "casetable-backup",
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      migration,
      archiveDir: resolve(sources.archiveDir),
      files: await Promise.all(
        paths.map(async (path) => ({
          path,
          bytes: (await stat(join(staging, path))).size,
          sha256: await sha256OfFile(join(staging, path)),
        })),
      ),
    };
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    const partial = `${target}.partial`;
    await pipeline(
      createTar({ gzip: true, cwd: staging, portable: true }, [MANIFEST, ...paths]),
      createWriteStream(partial, { mode: 0o600 }),
    );
    const handle = await open(partial, "r");
    await handle.sync();
    await handle.close();
    await rename(partial, target);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function latestMigration(databaseFile: string): string {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db
      .prepare("select hash, created_at as createdAt from __drizzle_migrations order by created_at desc limit 1")
      .get() as { hash: string; createdAt: number } | undefined;
    return row ? `${new Date(Number(row.createdAt)).toISOString()} (${row.hash.slice(0, 12)})` : "none";
  } finally {
    db.close();
  }
}
