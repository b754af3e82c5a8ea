import type { Language } from "../contract/vocabulary.ts";
import de from "./de.ts";
import en from "./en.ts";
import nl from "./nl.ts";
import fr from "./fr.ts";
import type { Translation } from "./types.ts";

/**
 * The strings of each language Casetable speaks, each complete (the completeness test
 * walks them all). A language is added here, and to LANGUAGES, once every key is translated.
 */
export const translations: Record<Language, Translation> = { en, nl, fr, de };
