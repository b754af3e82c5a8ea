import { z } from "zod";
import { LANGUAGES } from "../contract/vocabulary.ts";

/** A person's language: one Casetable speaks, or none (an empty choice): their browser's. */
export const personLanguageSchema = z.object({ language: z.enum(LANGUAGES, { error: "errors.required" }).optional() });

/** A network's default language. */
export const networkLanguageSchema = z.object({ language: z.enum(LANGUAGES, { error: "errors.required" }) });
