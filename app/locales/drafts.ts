import nl from "./nl.ts";

/**
 * Languages being written, not yet offered: their files say `satisfies Draft<…>` so they
 * hold only English's keys; the completeness test checks what they have so far. A language
 * moves from here to `languages.ts` once complete.
 */
export const drafts = { nl };
