import { useTranslation } from "react-i18next";
import type { MinutesState } from "../contract/minutesDeadline.ts";
import { formatDay, useDateStyle } from "../dates.ts";

/** Where a meeting's minutes stand against their deadline, in words, with a warning badge when overdue. */
export function MinutesDeadline({ state, dueOn }: { state: MinutesState; dueOn: string }) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const overdue = state === "approval_overdue" || state === "distribution_overdue";
  return (
    <span className={overdue ? "badge warning" : "badge"} data-minutes-state={state}>
      {t(`minutes.deadline.${state}`, { date: formatDay(dueOn, dateStyle) })}
    </span>
  );
}
