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

// Building an Intl.DateTimeFormat costs far more than using one: a document prints
// hundreds of dates, so formatters are kept per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A calendar day (YYYY-MM-DD), e.g. "14 March 2030". */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment in the network's time zone. */
export function formatMoment(
  at: string | Date,
  locale: string,
  timeZone: string,
  style: { date?: boolean; time?: boolean } = { date: true, time: true },
): string {
  return formatter(locale, {
    ...(style.date ? { dateStyle: "full" as const } : {}),
    ...(style.time ? { timeStyle: "short" as const } : {}),
    timeZone,
  }).format(new Date(at));
}

/** A calendar day in a table column, e.g. "14 Mar 2030": short enough never to wrap past two lines. */
export function formatShortDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
