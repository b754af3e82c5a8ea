import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { drafts } from "../../app/locales/drafts.ts";
import { LANGUAGES } from "../../app/contract/vocabulary.ts";
import { serverTranslations, translations } from "../../app/locales/languages.ts";

// Every registered language against English: the same keys, nothing empty, the same
// placeholders, every plural form its rules need; and no English key that no code uses.
// The server's own namespaces (mail…) are walked too, their keys written "mail:greeting".

type Tree = { readonly [key: string]: string | Tree };
const PLURAL = /(_ordinal)?_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix.endsWith(":") ? prefix + k : prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** A key without its plural ending: what code passes to t(). */
const base = (key: string) => key.replace(PLURAL, "");
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** Every string of a language: the pages' under their keys, each server namespace's under "namespace:key". */
const stringsOf = (tree: Tree, server: Record<string, Tree>) =>
  new Map([...leaves(tree), ...Object.entries(server).flatMap(([ns, words]) => [...leaves(words, `${ns}:`)])]);

const english = stringsOf(translations.en, serverTranslations.en);
const pluralBases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map(base));
/** Placeholders a key's forms may use: any of English's forms (a language's `_one` may say "1" or {{count}}). */
function englishPlaceholders(key: string): string[] {
  const forms = pluralBases.has(base(key))
    ? [...english].filter(([k]) => base(k) === base(key)).map(([, v]) => v)
    : [english.get(key)!];
  return [...new Set(forms.flatMap(placeholders))].sort();
}

const registered = LANGUAGES.map((language) => ({
  language,
  strings: stringsOf(translations[language], serverTranslations[language]),
}));
const drafted = Object.entries(drafts).map(([language, tree]) => ({ language, strings: leaves(tree) }));

describe.each(registered)("the $language strings", ({ language, strings }) => {
  const categories = (ordinal: boolean) => [
    ...new Intl.PluralRules(language, { type: ordinal ? "ordinal" : "cardinal" }).resolvedOptions().pluralCategories,
  ];

  it("have every key English has, besides plural forms, and no other", () => {
    const singular = (m: Map<string, string>) => [...m.keys()].filter((k) => !pluralBases.has(base(k))).sort();
    expect(singular(strings)).toEqual(singular(english));
  });

  it("have exactly the plural forms the language's rules need", () => {
    for (const b of pluralBases) {
      const ordinal = [...english.keys()].some((k) => base(k) === b && k.includes("_ordinal_"));
      const forms = [...strings.keys()].filter((k) => PLURAL.test(k) && base(k) === b).map((k) => PLURAL.exec(k)![2]);
      expect(forms.sort(), b).toEqual(categories(ordinal).sort());
    }
  });
});

// A draft is checked for what it has so far; a registered language for everything.
describe.each([...registered, ...drafted])("the $language strings so far", ({ strings }) => {
  it("leave nothing empty", () => {
    expect([...strings].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("use the same placeholders as English", () => {
    for (const [key, text] of strings) {
      const allowed = englishPlaceholders(key);
      const used = [...new Set(placeholders(text))].sort();
      // A `_one` form may write the number out ("één"), so it may leave {{count}} away.
      const needed = key.endsWith("_one") ? allowed.filter((p) => p !== "count") : allowed;
      expect(
        used.filter((p) => !allowed.includes(p)),
        key,
      ).toEqual([]);
      expect(
        needed.filter((p) => !used.includes(p)),
        key,
      ).toEqual([]);
    }
  });
});

// Which keys the code asks for: string literals that are keys, and template literals
// (`meetings.sections.${s}`) that match keys with the dynamic part filled in.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "locales" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the English keys", () => {
  it("are each used by the code", () => {
    const sources = [...sourceFiles("app"), ...sourceFiles("server")].map((f) => readFileSync(f, "utf8")).join("\n");
    const literals = new Set([...sources.matchAll(/["'`]([\w.-]+)["'`]/g)].map((m) => m[1]));
    const patterns = [...sources.matchAll(/`([^`$]*(?:\$\{[^}`]*\}[^`$]*)+)`/g)]
      .map((m) => m[1])
      .filter((tpl) => /[A-Za-z]\.|\.[A-Za-z]/.test(tpl.replace(/\$\{[^}]*\}/g, "")))
      .map((tpl) => {
        const parts = tpl.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
        return new RegExp(`^${parts.join("[\\w.-]+")}$`);
      });
    const used = (key: string) => literals.has(key) || patterns.some((p) => p.test(key));
    // Code asks a namespace's t() for its keys without the namespace.
    const unused = [...new Set([...english.keys()].map(base))].filter((k) => !used(k.replace(/^\w+:/, "")));
    expect(unused).toEqual([]);
  });
});
