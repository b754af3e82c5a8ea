import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseAssessmentTemplate, type AssessmentTemplate } from "../../app/contract/assessmentTemplate.ts";

export {
  domainKeysOf,
  parseAssessmentTemplate,
  type AssessmentTemplate,
} from "../../app/contract/assessmentTemplate.ts";

export const ASSESSMENT_TEMPLATES_DIR = resolve(import.meta.dirname, "../../templates/assessments");

/** Every template in the folder, by id; read once at start, so a broken file is found at once. */
export function loadAssessmentTemplates(dir = ASSESSMENT_TEMPLATES_DIR): Map<string, AssessmentTemplate> {
  const templates = new Map<string, AssessmentTemplate>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const path = join(dir, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`The assessment template ${path} is not valid JSON: ${(e as Error).message}`);
    }
    const template = parseAssessmentTemplate(json, path);
    if (template.id !== basename(file, ".json"))
      throw new Error(`The assessment template ${path} must have the id "${basename(file, ".json")}".`);
    templates.set(template.id, template);
  }
  if (!templates.has("default")) throw new Error(`No default assessment template (default.json) in ${dir}.`);
  return templates;
}
