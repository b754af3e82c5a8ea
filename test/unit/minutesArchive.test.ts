import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { minutesVersions } from "../../db/schema/index.ts";
import { createMinutesArchive } from "../../server/minutes/archive.ts";
import { databaseBefore } from "../support/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "casetable-archive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the minutes archive", () => {
  it("stores paths relative to its folder and reads them back checked against the SHA-256", async () => {
    const archive = createMinutesArchive(join(dir, "archive"));
    const path = archive.pathFor("net-1", "meeting-1", 2, "row-9");
    expect(path).toBe("net-1/meeting-1/minutes-v2-row-9.pdf");
    const hash = await archive.write(path, Buffer.from("%PDF-1.7 the record"));
    expect(readFileSync(join(dir, "archive", "net-1", "meeting-1", "minutes-v2-row-9.pdf"), "utf8")).toBe(
      "%PDF-1.7 the record",
    );
    expect(await archive.read(path, hash)).toEqual({ ok: true, pdf: Buffer.from("%PDF-1.7 the record") });
    // The same folder under another name (a restore elsewhere) answers the same path.
    cpSync(join(dir, "archive"), join(dir, "restored"), { recursive: true });
    expect(await createMinutesArchive(join(dir, "restored")).read(path, hash)).toMatchObject({ ok: true });
    writeFileSync(join(dir, "restored", path), "%PDF-1.7 altered");
    expect(await createMinutesArchive(join(dir, "restored")).read(path, hash)).toEqual({
      ok: false,
      reason: "tampered",
    });
    expect(await archive.read("net-1/meeting-1/minutes-v3-row-10.pdf", hash)).toEqual({ ok: false, reason: "missing" });
  });

  it("refuses a stored path that would leave the archive", async () => {
    const archive = createMinutesArchive(join(dir, "archive"));
    for (const bad of ["/etc/passwd", "../outside.pdf", "net-1/../../outside.pdf"]) {
      await expect(archive.read(bad, "x"), bad).rejects.toThrow(/Not a path inside the minutes archive/);
      await expect(archive.write(bad, Buffer.from("x")), bad).rejects.toThrow(/Not a path inside the minutes archive/);
    }
  });

  it("the migration turns archive paths stored absolute into paths relative to the archive", () => {
    // A database as the previous version left it: an absolute path.
    const { file, sqlite } = databaseBefore(dir, "0006_archive_relative_paths");
    sqlite
      .prepare(
        "insert into meetings (id, network_id, title, starts_at, template, created_by) values ('meeting-1', 'net-1', 'Monthly', 0, '{}', 'p')",
      )
      .run();
    const version = sqlite.prepare(
      "insert into minutes_versions (id, meeting_id, version, model, pdf_sha256, pdf_path, approved_by) values (?, 'meeting-1', ?, '{}', 'h', ?, 'p')",
    );
    version.run("v1", 1, "/srv/casetable/data/archive/net-1/meeting-1/minutes-v1-v1.pdf");
    version.run("v2", 2, "net-1/meeting-1/minutes-v2-v2.pdf");
    sqlite.close();

    const database = openDatabase(file);
    try {
      const rows = database.db
        .select({ id: minutesVersions.id, pdfPath: minutesVersions.pdfPath })
        .from(minutesVersions)
        .orderBy(minutesVersions.version)
        .all();
      expect(rows).toEqual([
        { id: "v1", pdfPath: "net-1/meeting-1/minutes-v1-v1.pdf" },
        { id: "v2", pdfPath: "net-1/meeting-1/minutes-v2-v2.pdf" },
      ]);
    } finally {
      database.close();
    }
  });
});
