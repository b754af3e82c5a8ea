import { z } from "zod";
import { LANGUAGES } from "../contract/vocabulary.ts";

/** A person's language: one Casetable speaks, or none (an empty choice): their browser's. */
export const personLanguageSchema = z.object({ language: z.enum(LANGUAGES, { error: "errors.required" }).optional() });

/** A network's default language, and the language of its official minutes (none: the default). */
export const networkLanguageSchema = z.object({
  language: z.enum(LANGUAGES, { error: "errors.required" }),
  minutesLanguage: z.enum(LANGUAGES, { error: "errors.required" }).optional(),
});
