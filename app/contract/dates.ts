// One date style per network: dates and times written with the network's locale and time
// zone (networks.locale, networks.timeZone), whoever reads them, whatever their browser's
// or the server's settings. The room's attendance uses it; other pages still use app/dates.ts.

/** How a network writes dates: a BCP 47 locale (e.g. en-GB) and an IANA time zone. */
export interface DateStyle {
  locale: string;
  timeZone: string;
}

/** The time of day of a moment, e.g. "09:30". */
export function formatTime(at: Date | string | number, style: DateStyle): string {
  return new Intl.DateTimeFormat(style.locale, { timeStyle: "short", timeZone: style.timeZone }).format(new Date(at));
}

/** A calendar day (YYYY-MM-DD, no time zone of its own), e.g. "3 Mar 2026". */
export function formatDay(day: string, style: DateStyle): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(style.locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
