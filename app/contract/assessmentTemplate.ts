// The shape of an assessment template; no Node imports, so pages may share it.
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
        if (seen.has(domain.key))
          ctx.addIssue({
            code: "custom",
            path: ["groups", g, "domains", d, "key"],
            message: `domain key "${domain.key}" is used twice`,
          });
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
