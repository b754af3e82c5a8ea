import { useRouteLoaderData } from "react-router";
import { DEFAULT_DATE_STYLE, type DateStyle } from "./contract/dates.ts";

export { formatDay, formatFullMoment, formatMoment, type DateStyle } from "./contract/dates.ts";

/** Today's date (YYYY-MM-DD) in a network's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The date style of the network whose pages these are (its layout's loader), or the default. */
export function useDateStyle(): DateStyle {
  const network = useRouteLoaderData<{ dates?: DateStyle }>("routes/network");
  return network?.dates ?? DEFAULT_DATE_STYLE;
}
