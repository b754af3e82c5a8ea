import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

// The layout of the PDFs lives in templates/documents/layout.json (checked here once):
// page, fonts, sizes, colours. Their words are in the locale files (namespace `documents`,
// server/documents/words.ts), their dates in app/contract/dates.ts.

const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/documents/", import.meta.url));

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const layoutSchema = z.object({
  author: z.string(),
  page: z.object({
    size: z.string(),
    margins: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }),
  }),
  fonts: z.object({ regular: z.string(), bold: z.string(), italic: z.string(), boldItalic: z.string() }),
  sizes: z.object({
    title: z.number(),
    subtitle: z.number(),
    h1: z.number(),
    h2: z.number(),
    h3: z.number(),
    body: z.number(),
    table: z.number(),
    small: z.number(),
    marking: z.number(),
  }),
  colours: z.object({
    text: colour,
    muted: colour,
    accent: colour,
    rule: colour,
    tableHeader: colour,
    tableStripe: colour,
    tableBorder: colour,
    marking: colour,
    link: colour,
    noticeBackground: colour,
    noticeBorder: colour,
  }),
  /** Space a heading needs below it on the same page (about three lines of body text). */
  keepWithNext: z.number(),
});
export type Layout = z.infer<typeof layoutSchema>;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(TEMPLATE_DIR + file, "utf8"));
}

let layoutCache: Layout | null = null;

export function loadLayout(): Layout {
  return (layoutCache ??= layoutSchema.parse(readJson("layout.json")));
}
