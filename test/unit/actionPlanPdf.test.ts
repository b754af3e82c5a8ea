import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderActionPlanPdf } from "../../server/documents/actionPlanPdf.ts";
import { writeAtomically } from "../../server/documents/writeAtomically.ts";
import { planFixture } from "../fixtures/planFixture.ts";
import { pdfInfo, pdfPages, pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";

describe.skipIf(!pdfToolsAvailable)("the action plan PDF", () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderActionPlanPdf(planFixture(), { createdAt: new Date("2030-05-12T10:00:00Z") });
    text = pdfText(pdf);
  });

  it("is valid and tagged, with title, author and creation date", () => {
    qpdfCheck(pdf);
    const info = pdfInfo(pdf);
    expect(info.Title).toBe("Action plan: case C-2030-0003");
    expect(info.Author).toBe("Casetable");
    expect(info.Tagged).toBe("yes");
    expect(info.CreationDate).toMatch(/^2030-05-12T10:00:00/);
  });

  it("holds the context, SMART goals, the actions table, coordinators, check-in and version", () => {
    for (const s of [
      "Lives with his mother and two sisters",
      "The family accepts support from social services.",
      "Goal 1: Back in vocational training or an apprenticeship",
      "Enrolled and attending 4 of 5 days for 6 weeks",
      "30 September 2030",
      "Attained",
      "Elena Novak",
      "Tomás Ruiz",
      "Σχολική Υπηρεσία (School Service)",
      "1 July 2030",
    ])
      expect(text).toContain(s);
    expect(pdfText(pdf, { layout: true })).toMatch(/Version +2\n/);
    expect(text).toMatch(/Stopped: Not\s+possible:\s+circumstances\s+changed/);
    expect(text).toMatch(/^In progress$/m);
    expect(text).toMatch(/Łukasz\s+Zieliński/);
    for (const page of pdfPages(pdf)) {
      expect(page.match(/RESTRICTED/g)!.length).toBeGreaterThanOrEqual(2);
      expect(page).toMatch(/Action plan C-2030-0003 · version 2 · Sunday, 12 May 2030/);
    }
  });

  it("says what changed since the previous version", () => {
    const changes = text.slice(text.indexOf("What changed since version 1"));
    expect(changes.length).toBeGreaterThan(30);
    expect(changes).toMatch(/Next check-in: 10 June 2030 → 1 July 2030/);
    expect(changes).toMatch(/What: Back in vocational training → Back in\s+vocational training or an apprenticeship/);
    expect(changes).toMatch(/Where it stands: Open → Attained/);
    expect(changes).toMatch(/Status: Planned → Stopped/);
    expect(changes).toMatch(/Added[\s\S]*Action: Apprenticeship fair with the\s+mentor/);
  });

  it("a first version says so; a network's marking replaces the default; a long table repeats its header", async () => {
    const first = await renderActionPlanPdf({
      ...planFixture(60),
      version: 1,
      previous: null,
      classification: "OFFICIAL-SENSITIVE",
    });
    qpdfCheck(first);
    const pages = pdfPages(first);
    expect(pdfText(first)).toContain("This is the first version of the plan.");
    expect(pdfText(first)).not.toContain("RESTRICTED");
    const tablePages = pages.filter((p) => /Action \d+: intake talk/.test(p));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages)
      for (const h of ["Goal", "Action", "Owner", "Agency", "Start", "Due", "Status"])
        expect(p).toMatch(new RegExp(`^${h}$`, "m"));
  });
});

describe("writeAtomically", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "casetable-atomic-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces a file whole and leaves no temporary file", async () => {
    const target = join(dir, "sub", "minutes.pdf");
    await writeAtomically(target, Buffer.from("first"));
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => writeAtomically(target, Buffer.from(`version ${i} `.repeat(10_000)))),
    );
    expect(readFileSync(target, "utf8")).toMatch(/^(version (\d) )\1*$/);
    expect(readdirSync(join(dir, "sub"))).toEqual(["minutes.pdf"]);
  });

  it("a failed write leaves the old file as it was and no stray file", async () => {
    const target = join(dir, "kept.pdf");
    writeFileSync(target, "old");
    // A directory where the file should go makes the rename fail after the data is written.
    const blocked = join(dir, "blocked.pdf");
    await writeAtomically(join(blocked, "x"), "x");
    await expect(writeAtomically(blocked, Buffer.from("new"))).rejects.toThrow();
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(join(blocked, "x"))).toBe(true);
  });
});
