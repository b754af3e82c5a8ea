import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// poppler-utils (pdftotext, pdfinfo, pdftoppm) and qpdf check what we generate. Under CI
// a missing tool fails the run loudly; on a developer machine the tests are skipped with
// a warning that says how to install them.

const TOOLS = ["pdftotext", "pdfinfo", "qpdf"] as const;
const missing = TOOLS.filter((t) => spawnSync("which", [t]).status !== 0);
export const pdfToolsAvailable = missing.length === 0;
if (!pdfToolsAvailable) {
  const message = `PDF tools missing: ${missing.join(", ")}. Install with: apt-get install -y poppler-utils qpdf`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n⚠️  ${message}\n⚠️  The PDF tests are SKIPPED.\n`);
}

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "casetable-pdf-"));
  try {
    const file = join(dir, "doc.pdf");
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text layer, pages separated by form feeds. */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  return withFile(pdf, (file) =>
    execFileSync("pdftotext", ["-enc", "UTF-8", ...(options.layout ? ["-layout"] : []), file, "-"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  );
}

export function pdfPages(pdf: Buffer): string[] {
  return pdfText(pdf).split("\f").slice(0, -1);
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync("pdfinfo", ["-isodates", file], { encoding: "utf8" }));
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** qpdf's structural check; throws with its report when the file is damaged. */
export function qpdfCheck(pdf: Buffer): string {
  return withFile(pdf, (file) => {
    const r = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
    // Exit 0: fine; 3: warnings only; 2: errors.
    if (r.status !== 0) throw new Error(`qpdf --check failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  });
}

/** The document catalog and info, uncompressed, to read /Lang, /MarkInfo, /StructTreeRoot. */
export function pdfCatalog(pdf: Buffer): string {
  return withFile(pdf, (file, dir) => {
    const out = join(dir, "qdf.pdf");
    spawnSync("qpdf", ["--qdf", "--object-streams=disable", file, out]);
    return (
      execFileSync("qpdf", ["--show-object=trailer", "--filtered-stream-data", out], { encoding: "utf8" }) +
      execFileSync(
        "sh",
        ["-c", `grep -a -E '/Lang|/MarkInfo|/StructTreeRoot|/DisplayDocTitle|/Type /Catalog' ${out} | head -20`],
        { encoding: "utf8" },
      )
    );
  });
}
