import { eq } from "drizzle-orm";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { Db } from "../../db/client.ts";
import { networks } from "../../db/schema/index.ts";

/**
 * The language of a network's official minutes: the archived original, the draft the chair
 * approves, the coordinator's first wording. Its own setting, else its default language.
 */
export function minutesLanguageOf(db: Pick<Db, "select">, networkId: string): Language {
  const n = db
    .select({ minutesLanguage: networks.minutesLanguage, language: networks.language })
    .from(networks)
    .where(eq(networks.id, networkId))
    .get();
  return n?.minutesLanguage ?? n?.language ?? "en";
}
