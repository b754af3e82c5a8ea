import { i18n } from "../app/i18n.ts";
import { speakEveryLanguage } from "../app/locales/languages.ts";
import type { ServerNamespace } from "../app/locales/types.ts";
import type en from "../app/locales/en.ts";
import type cli from "../app/locales/en/cli.ts";
import type documents from "../app/locales/en/documents.ts";
import type mail from "../app/locales/en/mail.ts";
import { LANGUAGES, type Language } from "../app/contract/vocabulary.ts";

// What the server says itself (PDFs, mail, calendar text, command-line output) goes through
// the app's one i18next instance, with the pages' strings and its own namespaces in every
// language (decision 0037): the same files, the same plural rules, the same checks.
speakEveryLanguage(i18n);

type PluralForm = "zero" | "one" | "two" | "few" | "many" | "other";
/** The keys of a namespace as code passes them to t(): dotted paths, plurals without their ending. */
type Keys<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}_${PluralForm}`
      ? Base
      : K
    : `${K}.${Keys<T[K]>}`;
}[keyof T & string];

interface English {
  documents: typeof documents;
  mail: typeof mail;
  cli: typeof cli;
  /** The pages' strings, for what the server says in their words (a role, a kind of data). */
  translation: typeof en;
}
type Namespace = ServerNamespace | "translation";

/** Translates one namespace's keys into a language; `count` picks the plural form. */
export type Words<N extends Namespace> = (key: Keys<English[N]>, values?: Record<string, unknown>) => string;

/** The words of one namespace in a language (English where a key were missing). */
export function wordsIn<N extends Namespace>(language: Language, namespace: N): Words<N> {
  const t = i18n.getFixedT(language, namespace);
  return (key, values) => t(key, values ?? {});
}

/**
 * The language a command speaks: the first of LC_ALL, LC_MESSAGES and LANG that is set
 * (POSIX's order), when Casetable speaks it ("nl_BE.UTF-8" → nl); else English.
 */
export function languageOfEnvironment(env: NodeJS.ProcessEnv = process.env): Language {
  const setting = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v && v.trim() !== "");
  const code = setting
    ?.trim()
    .toLowerCase()
    .split(/[_.@-]/)[0];
  return LANGUAGES.find((l) => l === code) ?? "en";
}

/** The pages' words in a language, for what the server writes about the same things (a PDF's statuses, grades). */
export function pageWordsIn(language: Language): (key: string, values?: Record<string, unknown>) => string {
  const t = i18n.getFixedT(language);
  return (key, values) => t(key, values ?? {});
}
