import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import de from "../../app/locales/de.ts";
import en from "../../app/locales/en.ts";
import fr from "../../app/locales/fr.ts";
import nl from "../../app/locales/nl.ts";

// The audit page names each entry's action in words (`audit.actions.<action>`): every
// action the server writes has a label in all four languages, or the page shows a code.

const SERVER = resolve(import.meta.dirname, "../../server");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
const written = [
  ...new Set(
    files(SERVER).flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/action: "([a-z_]+\.[a-z_.]+)"/g)].map((m) => m[1]!),
    ),
  ),
].sort();

describe("audit action labels", () => {
  it("finds the actions the server writes", () => {
    expect(written.length).toBeGreaterThan(60);
    expect(written).toContain("notes.edited");
  });
  for (const [language, words] of Object.entries({ en, nl, fr, de })) {
    it(`names every one in ${language}`, () => {
      const labels = (words as { audit: { actions: Record<string, string> } }).audit.actions;
      expect(written.filter((a) => !labels[a])).toEqual([]);
    });
  }
});
