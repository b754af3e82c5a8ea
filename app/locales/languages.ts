import type { i18n as I18n } from "i18next";
import { LANGUAGES, type Language } from "../contract/vocabulary.ts";
import de from "./de.ts";
import deCli from "./de/cli.ts";
import deDocuments from "./de/documents.ts";
import deMail from "./de/mail.ts";
import en from "./en.ts";
import enCli from "./en/cli.ts";
import enDocuments from "./en/documents.ts";
import enMail from "./en/mail.ts";
import fr from "./fr.ts";
import frCli from "./fr/cli.ts";
import frDocuments from "./fr/documents.ts";
import nl from "./nl.ts";
import nlCli from "./nl/cli.ts";
import nlDocuments from "./nl/documents.ts";
import nlMail from "./nl/mail.ts";
import frMail from "./fr/mail.ts";
import type { ServerTranslation, Translation } from "./types.ts";

/**
 * The strings of each language Casetable speaks, each complete (the completeness test
 * walks them all). A language is added here, and to LANGUAGES, once every key is translated.
 */
export const translations: Record<Language, Translation> = { en, nl, fr, de };

/** The server's own words in each language (PDFs, mail, command-line output): no page loads them. */
export const serverTranslations: Record<Language, ServerTranslation> = {
  en: { documents: enDocuments, mail: enMail, cli: enCli },
  nl: { documents: nlDocuments, mail: nlMail, cli: nlCli },
  fr: { documents: frDocuments, mail: frMail, cli: frCli },
  de: { documents: deDocuments, mail: deMail, cli: deCli },
};

/**
 * Gives an i18next instance every language Casetable speaks: the pages' strings
 * ("translation") and the server's own namespaces. For the server's side only; the browser
 * fetches the page's language alone (app/i18n.ts).
 */
export function speakEveryLanguage(instance: I18n): void {
  for (const language of LANGUAGES) {
    if (!instance.hasResourceBundle(language, "translation"))
      instance.addResourceBundle(language, "translation", translations[language]);
    for (const [namespace, words] of Object.entries(serverTranslations[language]))
      if (!instance.hasResourceBundle(language, namespace)) instance.addResourceBundle(language, namespace, words);
  }
}
