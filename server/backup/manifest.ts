import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { z } from "zod";

// What a backup holds, with the SHA-256 of every file, so that a restore can prove it
// got back exactly what was saved.

export const MANIFEST = "manifest.json";
export const DATABASE = "casetable.db";
/** The folders of a backup, beside the database. */
export const ARCHIVE = "archive";
export const OUTBOX = "outbox";

export const manifestSchema = z.object({
  format: z.literal("casetable-backup"),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  /** The newest migration of the database, by name. */
  migration: z.string(),
  /** ARCHIVE_DIR where the backup was made, to place archive paths stored before they were relative. */
  archiveDir: z.string(),
  files: z.array(
    z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256OfFile(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => done(hash.digest("hex")))
      .on("error", fail);
  });
}

/** Every file under `folder`, as paths relative to it with "/" (sorted). */
export async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}
