// One date style per network: every date and time Casetable writes (room, pages, PDFs,
// mail) goes through these functions with the network's locale and time zone, so a
// meeting on 14 March reads the same on a screen, in the minutes and in the invitation.
// Whoever reads it, whatever their browser's or the server's settings.

/** How a network writes dates: a BCP 47 locale (e.g. en-GB) and an IANA time zone. */
export interface DateStyle {
  locale: string;
  timeZone: string;
}

type Moment = Date | string | number;

const cache = new Map<string, Intl.DateTimeFormat>();
function format(style: DateStyle, options: Intl.DateTimeFormatOptions, timeZone = style.timeZone) {
  const key = `${style.locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(style.locale, { ...options, timeZone })));
  return f;
}

const dayOf = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** A calendar day (YYYY-MM-DD), e.g. "14 Mar 2026". */
export function formatDay(day: string, style: DateStyle): string {
  return format(style, { dateStyle: "medium" }, "UTC").format(dayOf(day));
}

/** A calendar day in full, e.g. "Saturday 14 March 2026". */
export function formatLongDay(day: string, style: DateStyle): string {
  return format(style, { dateStyle: "full" }, "UTC").format(dayOf(day));
}

/** A moment, e.g. "14 Mar 2026, 09:30". */
export function formatMoment(at: Moment, style: DateStyle): string {
  return format(style, { dateStyle: "medium", timeStyle: "short" }).format(new Date(at));
}

/** A moment in full, e.g. "Saturday 14 March 2026 at 09:30", for a meeting's date. */
export function formatLongMoment(at: Moment, style: DateStyle): string {
  return format(style, { dateStyle: "full", timeStyle: "short" }).format(new Date(at));
}

/** The time of day of a moment, e.g. "09:30". */
export function formatTime(at: Moment, style: DateStyle): string {
  return format(style, { timeStyle: "short" }).format(new Date(at));
}

/** The day of a moment, e.g. "14 Mar 2026". */
export function formatDayOfMoment(at: Moment, style: DateStyle): string {
  return format(style, { dateStyle: "medium" }).format(new Date(at));
}

/** Locales a network may choose for its dates (the browser's Intl knows them all). */
export const DATE_LOCALES = [
  "en-GB",
  "en-IE",
  "en-US",
  "nl-NL",
  "nl-BE",
  "fr-FR",
  "fr-BE",
  "de-DE",
  "de-AT",
  "da-DK",
] as const;

export const isDateLocale = (value: string): boolean => (DATE_LOCALES as readonly string[]).includes(value);
