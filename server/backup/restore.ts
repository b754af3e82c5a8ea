import { isNull } from "drizzle-orm";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { extract } from "tar";
import { openDatabase } from "../../db/client.ts";
import { minutesVersions } from "../../db/schema/index.ts";
import { createAuditChain } from "../audit/auditLog.ts";
import {
  ARCHIVE,
  DATABASE,
  filesUnder,
  MANIFEST,
  manifestSchema,
  OUTBOX,
  sha256OfFile,
  type Manifest,
} from "./manifest.ts";

export interface RestoreTarget {
  databasePath: string;
  archiveDir: string;
  outboxDir: string;
}

export interface Restored {
  manifest: Manifest;
  auditEntries: number;
  minutesVersions: number;
  files: number;
}

/** A restore that must not go ahead; the message says why, for the person running it. */
export class RestoreRefused extends Error {}

/**
 * Restores a backup made by createBackup into an empty data folder: unpacks it beside the
 * target, checks every file against the manifest, the database's integrity and audit
 * chain, and every archived minutes PDF against the SHA-256 stored with its version; only
 * then moves the files into place. Nothing is written to the target if a check fails.
 */
export async function restoreBackup(archive: string, target: RestoreTarget): Promise<Restored> {
  const databasePath = resolve(target.databasePath);
  for (const [what, path] of [
    ["data folder", dirname(databasePath)],
    ["archive folder (ARCHIVE_DIR)", resolve(target.archiveDir)],
    ["outbox folder (OUTBOX_DIR)", resolve(target.outboxDir)],
  ] as const) {
    if (existsSync(path) && (!statSync(path).isDirectory() || readdirSync(path).length > 0)) {
      throw new RestoreRefused(
        `The ${what} ${path} is not empty. A backup is restored only into an empty folder, so that nothing is overwritten.`,
      );
    }
  }
  if (!existsSync(archive)) throw new RestoreRefused(`There is no backup at ${archive}.`);
  await mkdir(dirname(databasePath), { recursive: true });
  // Unpacked inside the (empty) data folder: same file system as the target, so moving is a rename.
  const staging = await mkdtemp(join(dirname(databasePath), ".restore-"));
  try {
    try {
      await extract({ file: archive, cwd: staging, strict: true, preservePaths: false });
    } catch (error) {
      throw new RestoreRefused(`${archive} is not a readable Casetable backup: ${(error as Error).message}`);
    }
    const manifest = await readManifest(staging);
    const files = await checkFiles(staging, manifest);
    const { auditEntries, versions } = await checkDatabase(staging, manifest);
    await moveInto(join(staging, DATABASE), databasePath);
    await moveInto(join(staging, ARCHIVE), resolve(target.archiveDir));
    await moveInto(join(staging, OUTBOX), resolve(target.outboxDir));
    return { manifest, auditEntries, minutesVersions: versions, files };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readManifest(staging: string): Promise<Manifest> {
  try {
    return manifestSchema.parse(JSON.parse(await readFile(join(staging, MANIFEST), "utf8")));
  } catch (error) {
    throw new RestoreRefused(`The backup's manifest is missing or unreadable: ${(error as Error).message}`);
  }
}

/** Every file is listed with the right SHA-256, and nothing is there that the manifest does not list. */
async function checkFiles(staging: string, manifest: Manifest): Promise<number> {
  const present = (await filesUnder(staging)).filter((p) => p !== MANIFEST);
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const unlisted = present.filter((p) => !listed.has(p));
  if (unlisted.length)
    throw new RestoreRefused(`The backup holds files its manifest does not list: ${unlisted.slice(0, 5).join(", ")}`);
  for (const file of manifest.files) {
    if (!present.includes(file.path))
      throw new RestoreRefused(`The backup lacks ${file.path}, which its manifest lists.`);
    if ((await sha256OfFile(join(staging, file.path))) !== file.sha256)
      throw new RestoreRefused(
        `${file.path} in the backup does not match its SHA-256 in the manifest: the backup is damaged.`,
      );
  }
  if (!listed.has(DATABASE)) throw new RestoreRefused("The backup holds no database.");
  return manifest.files.length;
}

async function checkDatabase(staging: string, manifest: Manifest): Promise<{ auditEntries: number; versions: number }> {
  const handle = (() => {
    try {
      // Runs the start checks too: a backup from a newer Casetable is refused here.
      return openDatabase(join(staging, DATABASE));
    } catch (error) {
      throw new RestoreRefused((error as Error).message);
    }
  })();
  try {
    const integrity = handle.sqlite.pragma("integrity_check", { simple: true });
    if (integrity !== "ok")
      throw new RestoreRefused(`The backup's database fails its integrity check: ${String(integrity)}`);
    const audit = await createAuditChain(handle.store).verify();
    if (!audit.intact)
      throw new RestoreRefused(`The backup's audit log is broken at entry #${audit.brokenRowId}: ${audit.reason}.`);
    const versions = handle.db
      .select({
        version: minutesVersions.version,
        pdfPath: minutesVersions.pdfPath,
        pdfSha256: minutesVersions.pdfSha256,
      })
      .from(minutesVersions)
      // A version whose PDF the retention schedule removed has no file to find (decision 0033).
      .where(isNull(minutesVersions.purgedAt))
      .all();
    const archived = new Map(
      manifest.files
        .filter((f) => f.path.startsWith(`${ARCHIVE}/`))
        .map((f) => [f.path.slice(ARCHIVE.length + 1), f.sha256]),
    );
    for (const v of versions) {
      const path = archivePath(v.pdfPath, manifest.archiveDir);
      const sha = path === null ? undefined : archived.get(path);
      if (sha === undefined)
        throw new RestoreRefused(`Minutes version ${v.version} (${v.pdfPath}) is not in the backup's archive.`);
      if (sha !== v.pdfSha256)
        throw new RestoreRefused(
          `Minutes version ${v.version} (${v.pdfPath}) in the backup does not match the SHA-256 stored with it.`,
        );
    }
    return { auditEntries: audit.rows, versions: versions.length };
  } finally {
    handle.close();
  }
}

/** A stored PDF path inside the archive, "/"-separated: relative paths as they are; older absolute ones under the backup's ARCHIVE_DIR. */
function archivePath(stored: string, archiveDir: string): string | null {
  if (!isAbsolute(stored)) return stored;
  const inside = relative(archiveDir, stored);
  return inside.startsWith("..") || isAbsolute(inside) ? null : inside.split(sep).join("/");
}

async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  if (!existsSync(from)) return void (await mkdir(to, { recursive: true })); // an empty folder in the backup
  if (existsSync(to)) await rm(to, { recursive: true }); // an empty folder, checked above
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    await cp(from, to, { recursive: true });
  }
}
