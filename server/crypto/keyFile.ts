import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { databasePath } from "../../db/client.ts";
import { dialectOf } from "../../db/store.ts";

// The key file: the keys that seal identities, kept outside the database so that the
// database file alone (a stolen disk, a backup) shows no name. JSON, readable by its owner only.

const keySchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8}$/),
  /** 32 bytes, base64: an AES-256-GCM key. */
  key: z.string().refine((k) => Buffer.from(k, "base64").length === 32, "32 bytes of base64"),
  createdAt: z.string(),
});

export const keyFileSchema = z.object({
  format: z.literal("casetable-keys"),
  version: z.literal(1),
  /** The key new values are sealed with; the others are kept only while a rotation runs. */
  active: z.string(),
  keys: z.array(keySchema).min(1),
  /** For keyed hashes (audit checkpoints, hashed addresses): stable across rotations. */
  macKey: z.string().refine((k) => Buffer.from(k, "base64").length === 32, "32 bytes of base64"),
});
export type KeyFileContent = z.infer<typeof keyFileSchema>;
export type StoredKey = z.infer<typeof keySchema>;

/** The server or a command refuses to go on: the message says what to do. */
export class KeyFileRefused extends Error {}

export function newKey(): StoredKey {
  return {
    id: randomBytes(4).toString("hex"),
    key: randomBytes(32).toString("base64"),
    createdAt: new Date().toISOString(),
  };
}

/** `data/casetable.db` → `data/casetable.key`: beside the database, named after it. */
export function defaultKeyFile(databaseFile: string): string {
  return resolve(databaseFile.replace(/\.(db|sqlite3?)$/i, "") + ".key");
}

/**
 * The key file of the database DATABASE_URL names: CASETABLE_KEY_FILE when set, else beside
 * a SQLite file. A PostgreSQL database has no "beside": its key file must be named (null).
 */
export function keyFileOf(databaseUrl: string, configured: string | undefined): string | null {
  if (configured) return resolve(configured);
  return dialectOf(databaseUrl) === "sqlite" ? defaultKeyFile(databasePath(databaseUrl)) : null;
}

/**
 * The key file the server and `keys:rotate` open for DATABASE_URL. On PostgreSQL without
 * CASETABLE_KEY_FILE they refuse to start: a key file beside nothing has no place, and one
 * made up in the working folder would be lost, or differ from node to node.
 */
export function keyFileFor(databaseUrl: string, configured: string | undefined): string {
  const file = keyFileOf(databaseUrl, configured);
  if (file === null)
    throw new KeyFileRefused(
      "DATABASE_URL names a PostgreSQL database, so CASETABLE_KEY_FILE must name the key file that seals its identities " +
        "(there is no folder beside the database to keep it in). Set it to a path on this machine, outside the database's " +
        "backups, readable by the server's user only; every node of the installation uses a copy of the same file " +
        '(README, "Moving to a hosted database").',
    );
  return file;
}

/** Only its owner may read it (POSIX; Windows has no such bits). */
function checkPermissions(file: string): void {
  if (process.platform === "win32") return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new KeyFileRefused(
      `The key file ${file} can be read by others (permissions ${mode.toString(8).padStart(4, "0")}). ` +
        `Only its owner may read it: run  chmod 600 ${file}  and start again.`,
    );
}

export function readKeyFile(file: string): KeyFileContent {
  checkPermissions(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new KeyFileRefused(`The key file ${file} cannot be read: ${(error as Error).message}.`);
  }
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success || !result.data.keys.some((k) => k.id === result.data.active))
    throw new KeyFileRefused(`The key file ${file} is not a Casetable key file (or is damaged).`);
  return result.data;
}

export function writeKeyFile(file: string, content: KeyFileContent): void {
  writePrivateFile(file, JSON.stringify(content, null, 2) + "\n");
}

/**
 * Whole or not at all, readable by its owner only: written beside it with mode 0600, synced,
 * then renamed over it. The partial file is this write's own, so that two nodes writing one
 * shared file at once (the audit checkpoint) each rename a whole one: the last one stays.
 */
export function writePrivateFile(file: string, text: string): void {
  renameSync(writePartial(file, text), file);
  syncFolder(dirname(file));
}

/**
 * Creates `file` whole, readable by its owner only, unless it exists: written beside it as
 * writePrivateFile does, then linked to its name, which fails when another process made it
 * first. Nodes starting together on a shared folder thus agree on one file: the first one.
 * Returns whether this call made it.
 */
export function createPrivateFile(file: string, text: string): boolean {
  const partial = writePartial(file, text);
  try {
    linkSync(partial, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(partial, { force: true });
    syncFolder(dirname(file));
  }
}

/** `text` in a file of this write's own beside `file`, mode 0600, synced: its name. */
function writePartial(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.partial`;
  const fd = openSync(partial, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return partial;
}

/** Makes a rename, link or removal in `folder` durable. */
function syncFolder(folder: string): void {
  const dirFd = openSync(folder, "r");
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Reads the key file, or creates it when there is none and nothing sealed exists yet.
 * A missing key file while sealed values exist stops the start: a new key would make
 * them unreadable for good. Nodes starting at once on a shared folder with no key file
 * yet each make one, but only the first is kept (createPrivateFile); the others read it,
 * so that all seal under the same key.
 */
export function loadOrCreateKeyFile(file: string, sealedKeyIds: () => string[]): KeyFileContent {
  if (existsSync(file)) return readKeyFile(file);
  const sealed = sealedKeyIds();
  if (sealed.length > 0)
    throw new KeyFileRefused(
      `The key file ${file} is missing, but the database holds identities sealed with key ${sealed.join(", ")}. ` +
        `Put the key file back from its backup (README, "Backups"), or set CASETABLE_KEY_FILE to where it is; ` +
        `without it those identities cannot be read.`,
    );
  const key = newKey();
  const content: KeyFileContent = {
    format: "casetable-keys",
    version: 1,
    active: key.id,
    keys: [key],
    macKey: randomBytes(32).toString("base64"),
  };
  return createPrivateFile(file, JSON.stringify(content, null, 2) + "\n") ? content : readKeyFile(file);
}
