import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "react-router";
import { DEFAULT_DATE_STYLE, readerDateStyle, type DateStyle } from "./contract/dates.ts";
import { LANGUAGES } from "./contract/vocabulary.ts";

export { formatDay, formatFullMoment, formatMoment, type DateStyle } from "./contract/dates.ts";
export { todayIn } from "./contract/time.ts";

/**
 * A network's date style as this page's reader reads it: in the network's time zone, with
 * the month and day names of the page's language (a Dutch reader in an English-speaking
 * network reads "dinsdag 1 december 2026"), as their mail and their copy of the minutes do.
 */
export function useReaderDates(network: DateStyle): DateStyle {
  const { i18n } = useTranslation();
  const language = LANGUAGES.find((l) => l === i18n.language) ?? "en";
  const { locale, timeZone } = network;
  return useMemo(() => readerDateStyle(language, { locale, timeZone }), [language, locale, timeZone]);
}

/** The date style of the network whose pages these are (its layout's loader), or the default, as this reader reads it. */
export function useDateStyle(): DateStyle {
  const network = useRouteLoaderData<{ dates?: DateStyle }>("routes/network");
  return useReaderDates(network?.dates ?? DEFAULT_DATE_STYLE);
}
