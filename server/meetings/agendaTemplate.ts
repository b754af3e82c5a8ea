import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { templateTextSchema } from "../../app/contract/templateText.ts";
import { AGENDA_SECTIONS } from "../../app/contract/vocabulary.ts";

// A template lays the meeting out: its sections in order and the time each takes. The
// titles of the items it makes are worded by each reader's language (`meetings.itemTitles`).
const sectionSchema = z.union([
  z.object({ section: z.enum(AGENDA_SECTIONS), minutes: z.number().int().min(1).max(240) }).strict(),
  z.object({ section: z.enum(AGENDA_SECTIONS), minutesPerItem: z.number().int().min(1).max(240) }).strict(),
]);

export const agendaTemplateSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  /** The template's name in each language, for whoever picks a template. */
  name: templateTextSchema,
  sections: z.array(sectionSchema).min(1),
});
export type AgendaTemplate = z.infer<typeof agendaTemplateSchema>;

const folder = resolve(import.meta.dirname, "../../templates/agendas");

/** A meeting template from templates/agendas/, checked by zod: a bad file stops with its name. */
export function loadAgendaTemplate(key = "default"): AgendaTemplate {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`Bad agenda template name: ${key}`);
  const file = resolve(folder, `${key}.json`);
  const parsed = agendaTemplateSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(`templates/agendas/${key}.json is not a valid agenda template: ${parsed.error.message}`);
  return parsed.data;
}
