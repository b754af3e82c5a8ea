import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { templateTextSchema } from "../../app/contract/templateText.ts";

// A closure checklist: its words in each language (a reader sees theirs; the minutes keep
// the meeting's), its questions' keys for the answers, and the fade-out rhythm.
const templateSchema = z.object({
  key: z.string().min(1),
  title: templateTextSchema,
  intro: templateTextSchema,
  items: z
    .array(
      z.object({ key: z.string().regex(/^[a-z_]+$/), question: templateTextSchema, noteLabel: templateTextSchema }),
    )
    .min(1),
  fadeOut: z.object({ everyMonths: z.number().int().min(1).max(12), forMonths: z.number().int().min(1).max(60) }),
});
export type ClosureTemplate = z.infer<typeof templateSchema>;

export const CLOSURE_DIR = resolve(import.meta.dirname, "../../templates/closure");
const cache = new Map<string, ClosureTemplate>();

/** A closure checklist from templates/closure/, checked with zod: a broken file stops with its name. */
export function closureTemplate(key = "default", folder = CLOSURE_DIR): ClosureTemplate {
  const known = folder === CLOSURE_DIR ? cache.get(key) : undefined;
  if (known) return known;
  const file = resolve(folder, `${key}.json`);
  const parsed = templateSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`The closure template ${file} is not valid: ${parsed.error.message}`);
  if (folder === CLOSURE_DIR) cache.set(key, parsed.data);
  return parsed.data;
}

/** The fade-out check dates after closing on `closedOn` (YYYY-MM-DD). */
export function fadeOutDates(closedOn: string, fadeOut: ClosureTemplate["fadeOut"]): string[] {
  const [y, m, d] = closedOn.split("-").map(Number);
  const dates: string[] = [];
  for (let months = fadeOut.everyMonths; months <= fadeOut.forMonths; months += fadeOut.everyMonths) {
    // Clamp to the month's last day (31 Jan + 3 months is 30 Apr, not 1 May).
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastDay));
    dates.push(target.toISOString().slice(0, 10));
  }
  return dates;
}
