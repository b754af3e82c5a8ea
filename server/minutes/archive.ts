import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { isAbsolute, resolve, sep } from "node:path";
import { writeAtomically } from "../documents/writeAtomically.ts";

// The archive of approved minutes: each version's full PDF, written whole, once. The
// database keeps a path RELATIVE to the archive folder (`<network>/<meeting>/minutes-v<N>-<id>.pdf`,
// always with "/"), so a backup restored under another ARCHIVE_DIR still finds its files.

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

export type ArchivedPdf = { ok: true; pdf: Buffer } | { ok: false; reason: "missing" | "tampered" };

export function createMinutesArchive(archiveDir: string) {
  const root = resolve(archiveDir);

  /** The file a stored path names; refuses anything that would leave the archive. */
  function fileOf(path: string): string {
    const file = resolve(root, ...path.split("/"));
    if (isAbsolute(path) || path.split("/").includes("..") || !file.startsWith(root + sep))
      throw new Error(`Not a path inside the minutes archive: ${path}`);
    return file;
  }

  return {
    /** Where a version's PDF goes, named by its row too: two approvals racing for one number never share a file. */
    pathFor(networkId: string, meetingId: string, version: number, versionId: string): string {
      return [networkId, meetingId, `minutes-v${version}-${versionId}.pdf`].join("/");
    },

    /** Writes the PDF whole (or not at all) and returns its SHA-256. */
    async write(path: string, pdf: Buffer): Promise<string> {
      await writeAtomically(fileOf(path), pdf);
      return sha256(pdf);
    },

    /** The archived PDF, checked against the SHA-256 stored with its version. */
    async read(path: string, expectedSha256: string): Promise<ArchivedPdf> {
      let pdf: Buffer;
      try {
        pdf = await readFile(fileOf(path));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ok: false, reason: "missing" };
        throw e;
      }
      return sha256(pdf) === expectedSha256 ? { ok: true, pdf } : { ok: false, reason: "tampered" };
    },

    /** Removes a file no version row points to (the loser of a race). */
    remove(path: string): Promise<void> {
      return rm(fileOf(path), { force: true });
    },

    /** The absolute file, for tools that check the archive (backup, restore). */
    fileOf,
  };
}
