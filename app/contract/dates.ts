// One date style per network: dates and times written with the network's locale and time
// zone (networks.locale, networks.timeZone), whoever reads them, whatever their browser's
// or the server's settings. European by default: "Monday 30 November 2026, 23:15".

import type { Language } from "./vocabulary.ts";

/** How a network writes dates: a BCP 47 locale (e.g. en-GB) and an IANA time zone. */
export interface DateStyle {
  locale: string;
  timeZone: string;
}

/** Until a network says otherwise (a page outside any network, e.g. the account page). */
export const DEFAULT_DATE_STYLE: DateStyle = { locale: "en-GB", timeZone: "Europe/Brussels" };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** The time of day of a moment, e.g. "09:30". */
export function formatTime(at: Date | string | number, style: DateStyle): string {
  return formatter(style.locale, { timeStyle: "short", timeZone: style.timeZone }).format(new Date(at));
}

/** A calendar day (YYYY-MM-DD, no time zone of its own), e.g. "3 Mar 2026". */
export function formatDay(day: string, style: DateStyle): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter(style.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment with its day and time, e.g. "30 Nov 2026, 23:15". */
export function formatMoment(at: Date | string | number, style: DateStyle): string {
  const when = new Date(at);
  return `${formatter(style.locale, { dateStyle: "medium", timeZone: style.timeZone }).format(when)}, ${formatTime(when, style)}`;
}

/** A moment written out in full, e.g. "Monday 30 November 2026, 23:15" (a meeting's start). */
export function formatFullMoment(at: Date | string | number, style: DateStyle): string {
  const when = new Date(at);
  return `${formatter(style.locale, { dateStyle: "full", timeZone: style.timeZone }).format(when)}, ${formatTime(when, style)}`;
}

/** The day of a moment written out in full, in the style's time zone, e.g. "Monday 30 November 2026". */
export function formatFullDay(at: Date | string | number, style: DateStyle): string {
  return formatter(style.locale, { dateStyle: "full", timeZone: style.timeZone }).format(new Date(at));
}

/** The locale each language reads dates in when its network's locale is of another language. */
const LANGUAGE_LOCALES: Record<Language, string> = { en: "en-GB", nl: "nl", fr: "fr", de: "de" };

/**
 * How one reader's own copy (a mail, a calendar entry) writes dates: in their language, in
 * the network's time zone; the network's locale where it is of that language (nl-BE in a
 * Flemish network), else the language's usual one, so no month name is in another language.
 */
export function readerDateStyle(language: Language, network: DateStyle): DateStyle {
  const sameLanguage = new Intl.Locale(network.locale).language === language;
  return { locale: sameLanguage ? network.locale : LANGUAGE_LOCALES[language], timeZone: network.timeZone };
}

/** A calendar day written out, e.g. "3 March 2026" (a document's date). */
export function formatLongDay(day: string, style: DateStyle): string {
  const [y, m, d] = day.split("-").map(Number);
  return formatter(style.locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}
