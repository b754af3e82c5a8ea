import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "./contract/vocabulary.ts";

/**
 * One i18next for the app. It starts with no strings: the server adds every language at
 * start (entry.server.tsx) and renders each request with its own copy, and the browser
 * fetches only the page's language (`<html lang>`, English too) before it hydrates, so a
 * page carries the strings of one language. The page's head names that language's chunk
 * (root.tsx) so it comes beside the page's own scripts, not after them. Loaders and actions
 * use `tFor(context)`.
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: "en",
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: {},
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** Each language's strings, fetched when first needed (a chunk of its own in the browser). */
const STRINGS: Record<Language, () => Promise<{ default: object }>> = {
  en: () => import("./locales/en.ts"),
  nl: () => import("./locales/nl.ts"),
  fr: () => import("./locales/fr.ts"),
  de: () => import("./locales/de.ts"),
};

/** Switches to a language, fetching its strings first when this instance has none yet. */
export async function switchLanguage(target: I18n, language: Language): Promise<void> {
  if (!target.hasResourceBundle(language, "translation"))
    target.addResourceBundle(language, "translation", (await STRINGS[language]()).default);
  if (target.language !== language) await target.changeLanguage(language);
}

/** The language the server rendered this page in. */
export function pageLanguage(): Language {
  const lang = typeof document === "undefined" ? undefined : document.documentElement.lang;
  return LANGUAGES.find((l) => l === lang) ?? "en";
}

/** Translates into a request's language, for what loaders and actions say. */
export const tFor = (context: { language: Language }) => i18n.getFixedT(context.language);
