import { eq } from "drizzle-orm";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { Query, Tables } from "../../db/store.ts";

/**
 * The language of a network's official minutes: the archived original, the draft the chair
 * approves, the coordinator's first wording. Its own setting, else its default language.
 */
export async function minutesLanguageOf(t: Tables, q: Query, networkId: string): Promise<Language> {
  const [n] = await q
    .select({ minutesLanguage: t.networks.minutesLanguage, language: t.networks.language })
    .from(t.networks)
    .where(eq(t.networks.id, networkId));
  return n?.minutesLanguage ?? n?.language ?? "en";
}
