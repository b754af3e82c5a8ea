import { z } from "zod";
import { LANGUAGES, type Language } from "./vocabulary.ts";

// A template's words (a closure question, a template's name) are the network's own, written
// in each language Casetable speaks (issue 15 rule 4): a reader sees them in theirs, and what
// a meeting keeps of them is in the language recorded with the meeting when it was scheduled.

/** One text of a template in every language, none empty. */
export const templateTextSchema = z
  .object(
    Object.fromEntries(LANGUAGES.map((l) => [l, z.string().trim().min(1).max(600)])) as Record<Language, z.ZodString>,
  )
  .strict();
export type TemplateText = Record<Language, string>;

/** A language i18next reports (e.g. a page's), as one Casetable speaks; English otherwise. */
export const readerLanguage = (language: string | undefined): Language => LANGUAGES.find((l) => l === language) ?? "en";

/** The text in one language. */
export const textIn = (text: TemplateText, language: Language): string => text[language];

/** A closure checklist as a reader in `language` sees it. */
export function checklistIn(
  template: { intro: TemplateText; items: { key: string; question: TemplateText; noteLabel: TemplateText }[] },
  language: Language,
) {
  return {
    intro: textIn(template.intro, language),
    items: template.items.map((i) => ({
      key: i.key,
      question: textIn(i.question, language),
      noteLabel: textIn(i.noteLabel, language),
    })),
  };
}
export type WordedChecklist = ReturnType<typeof checklistIn>;
