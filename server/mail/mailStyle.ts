import { eq } from "drizzle-orm";
import { DEFAULT_DATE_STYLE, readerDateStyle, type DateStyle } from "../../app/contract/dates.ts";
import { LANGUAGES, type Language } from "../../app/contract/vocabulary.ts";
import type { Query, Tables } from "../../db/store.ts";
import type { Words } from "../i18n.ts";

/** How one recipient's mail speaks: their language, and dates as they read them. */
export interface MailStyle {
  language: Language;
  dates: DateStyle;
}

type StyleFacts = {
  person: { language: Language | null } | undefined;
  network: { language: Language; locale: string; timeZone: string } | undefined;
};

/** The language they chose for Casetable, else the network's; dates in that language and the network's time zone. */
function styleOf({ person, network }: StyleFacts): MailStyle {
  const chosen = [person?.language, network?.language].find((l) => l && LANGUAGES.includes(l));
  const language = chosen ?? "en";
  return { language, dates: readerDateStyle(language, network ?? DEFAULT_DATE_STYLE) };
}

/**
 * The style of a person's mail from a network, read when the mail is composed, so a person
 * who changed their language gets their next mail in it.
 */
export async function readMailStyle(
  t: Tables,
  q: Query,
  personId: string,
  networkId: string | null,
): Promise<MailStyle> {
  const [person] = await q.select({ language: t.persons.language }).from(t.persons).where(eq(t.persons.id, personId));
  const [network] = networkId
    ? await q
        .select({ language: t.networks.language, locale: t.networks.locale, timeZone: t.networks.timeZone })
        .from(t.networks)
        .where(eq(t.networks.id, networkId))
    : [];
  return styleOf({ person, network });
}

/**
 * A notice's text as every Casetable mail lays it out: the greeting by name, the body, and
 * the signature, each apart. The body's own empty strings keep its paragraphs apart.
 */
export function noticeText(t: Words<"mail">, recipientName: string, body: string[]): string {
  return [t("greeting", { name: recipientName }), "", ...body, "", t("signature")].join("\n");
}
