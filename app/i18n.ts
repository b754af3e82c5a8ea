import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { LANGUAGES, type Language } from "./contract/vocabulary.ts";
import { translations } from "./locales/languages.ts";

/**
 * The language the server rendered this page in (`<html lang>`), so the browser goes on
 * in it from the first paint; on the server each request renders with its own copy
 * (entry.server.tsx) and loaders and actions use `context.t`.
 */
function pageLanguage(): Language {
  const lang = typeof document === "undefined" ? undefined : document.documentElement.lang;
  return LANGUAGES.find((l) => l === lang) ?? "en";
}

// Every language's strings are bundled, so server and browser render the same text synchronously.
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: pageLanguage(),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: translations[l] }])),
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** Translates into a request's language, for what loaders and actions say. */
export const tFor = (context: { language: Language }) => i18n.getFixedT(context.language);
