import type { Language } from "../../app/contract/vocabulary.ts";
import { pageWordsIn, wordsIn } from "../i18n.ts";

// A document's words in its reader's language, through the server's i18next: its own
// (namespace `documents`) and the words the pages already have for the same things
// (grading scales, statuses, outcomes, views), so a PDF says what the screen said.

type Vars = Record<string, string | number>;

export interface DocumentWords {
  readonly language: Language;
  /** A word of the documents' own (`documents` namespace). */
  doc(key: string, vars?: Vars): string;
  /** A word the pages use (the app's namespace). */
  page(key: string, vars?: Vars): string;
  /** The first of the pages' keys that has a word, or null. */
  pageFirst(keys: string[]): string | null;
}

// A minutes document asks for the same few hundred words again and again (and the same
// words with the same values: "Item 3", a decision's outcome tried under four keys): they
// are kept per language, so a copy does not ask i18next again. At most KEPT_WORDS per
// language; the store starts afresh when full.
const KEPT_WORDS = 20_000;
const kept = new Map<Language, DocumentWords>();

/**
 * The words of one language. A missing key throws: a document that lost a word must fail
 * the tests, not print its key into minutes.
 */
export function documentWords(language: Language): DocumentWords {
  const known = kept.get(language);
  if (known) return known;
  // Keys are checked by the completeness test (every key used, every language complete), not here.
  const tDoc = wordsIn(language, "documents") as (key: string, vars?: Vars) => string;
  const tPage = pageWordsIn(language);
  const fixed = new Map<string, string>();
  const keep = (id: string, text: string) => {
    if (fixed.size >= KEPT_WORDS) fixed.clear();
    fixed.set(id, text);
    return text;
  };
  const idOf = (ns: string, key: string, vars?: Vars) => {
    let id = `${ns}:${key}`;
    if (vars) for (const name in vars) id += `\u0000${name}\u0001${vars[name]}`;
    return id;
  };
  const lookup = (t: (key: string, vars?: Vars) => string, ns: string, key: string, vars?: Vars): string => {
    const id = idOf(ns, key, vars);
    const word = fixed.get(id);
    if (word !== undefined) return word;
    const text = t(key, vars);
    if (text === key) throw new Error(`No ${language} word for "${ns}:${key}".`);
    return keep(id, text);
  };
  // Whether the pages have a word for a key (remembered either way).
  const hasPageWord = (key: string) => {
    const id = `?translation:${key}`;
    const has = fixed.get(id);
    if (has !== undefined) return has === "1";
    return keep(id, tPage(key) !== key ? "1" : "0") === "1";
  };
  const words: DocumentWords = {
    language,
    doc: (key, vars) => lookup(tDoc, "documents", key, vars),
    page: (key, vars) => lookup(tPage, "translation", key, vars),
    pageFirst: (keys) => {
      for (const key of keys) if (hasPageWord(key)) return lookup(tPage, "translation", key);
      return null;
    },
  };
  kept.set(language, words);
  return words;
}

/** The marking on every page: the network's own, else the default in the document's language. */
export function markingIn(classification: string | null | undefined, language: Language): string {
  return classification?.trim() || documentWords(language).doc("page.marking");
}
