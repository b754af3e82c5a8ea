import type en from "./en.ts";
import type cli from "./en/cli.ts";
import type documents from "./en/documents.ts";
import type mail from "./en/mail.ts";

/** The plural forms besides `_other`; which ones a language needs, its Intl.PluralRules say. */
type PluralForm = "zero" | "one" | "two" | "few" | "many";

/**
 * The shape of one namespace: English's keys, each leaf any string. Where English has a
 * plural (`x_other`, ordinals `x_ordinal_other`), each language has `_other` and may have
 * any other form; the completeness test checks it has exactly those its rules need.
 */
type Shape<T> = {
  readonly [K in keyof T as K extends `${string}_${PluralForm}` ? never : K]: T[K] extends string
    ? string
    : Shape<T[K]>;
} & {
  readonly [K in keyof T as K extends `${infer Base}_other` ? `${Base}_${PluralForm}` : never]?: string;
};

/** Every user-facing string of Casetable; every language has all of English's keys. */
export type Translation = Shape<typeof en>;

/**
 * A language still being written: only English's keys (no strays), not yet all of them.
 * Its files say `satisfies Draft<Translation["cases"]>` until complete, then
 * `satisfies Translation["cases"]`, and only then is the language registered.
 */
export type Draft<T> = { readonly [K in keyof T]?: T[K] extends string ? string : Draft<T[K]> };

/**
 * The words only the server says, each an i18next namespace of its own that no page
 * loads: `documents` (the PDFs), `mail` (mail bodies, subjects, calendar text) and `cli`
 * (what the commands print). Checked like `Translation`.
 */
export type ServerTranslation = Shape<{ documents: typeof documents; mail: typeof mail; cli: typeof cli }>;

/** The namespaces of the server's own words. */
export type ServerNamespace = keyof ServerTranslation;
