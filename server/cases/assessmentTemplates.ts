import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { z } from "zod";

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "a key is lower case letters, digits and _");
const text = (max: number) => z.string().trim().min(1).max(max);

const domainSchema = z.object({ key, title: text(120), prompt: text(400) });
const groupSchema = z.object({ key, title: text(120), domains: z.array(domainSchema).min(1).max(20) });

/**
 * A screening structure across life domains. It names domains and what to think about;
 * it never carries a licensed tool's items, weights or a scoring rule.
 */
export const assessmentTemplateSchema = z
  .object({
    id: key,
    name: text(200),
    judgementMeaning: text(600),
    groups: z.array(groupSchema).min(1).max(10),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const [g, group] of t.groups.entries()) {
      for (const [d, domain] of group.domains.entries()) {
        if (seen.has(domain.key)) ctx.addIssue({ code: "custom", path: ["groups", g, "domains", d, "key"], message: `domain key "${domain.key}" is used twice` });
        seen.add(domain.key);
      }
    }
  });

export type AssessmentTemplate = z.infer<typeof assessmentTemplateSchema>;

export function domainKeysOf(template: AssessmentTemplate): string[] {
  return template.groups.flatMap((g) => g.domains.map((d) => d.key));
}

/** Parses one template; a bad one stops the start with a message naming the file and the field. */
export function parseAssessmentTemplate(json: unknown, source: string): AssessmentTemplate {
  const parsed = assessmentTemplateSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new Error(`The assessment template ${source} is not valid:\n${problems}`);
  }
  return parsed.data;
}

export const ASSESSMENT_TEMPLATES_DIR = resolve(import.meta.dirname, "../../templates/assessments");

/** Every template in the folder, by id; read once at start, so a broken file is found at once. */
export function loadAssessmentTemplates(dir = ASSESSMENT_TEMPLATES_DIR): Map<string, AssessmentTemplate> {
  const templates = new Map<string, AssessmentTemplate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`The assessment template ${path} is not valid JSON: ${(e as Error).message}`);
    }
    const template = parseAssessmentTemplate(json, path);
    if (template.id !== basename(file, ".json")) throw new Error(`The assessment template ${path} must have the id "${basename(file, ".json")}".`);
    templates.set(template.id, template);
  }
  if (!templates.has("default")) throw new Error(`No default assessment template (default.json) in ${dir}.`);
  return templates;
}
