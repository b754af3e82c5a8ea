import { useTranslation } from "react-i18next";
import { formatTime, type DateStyle } from "../../contract/dates.ts";
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import type { AgendaItemView } from "../../contract/meetingProtocol.ts";

/** The agenda with case codes only, the current item marked, and the planned end. */
export function AgendaList({
  agenda,
  currentItemId,
  onOpen,
  plannedEnd,
}: {
  agenda: AgendaItemView[];
  currentItemId: string | null;
  onOpen?: (itemId: string) => void;
  plannedEnd: string;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("meetings.agenda.title")} className="agenda-list">
      <h2>{t("meetings.agenda.title")}</h2>
      <ol>
        {agenda.map((i) => {
          const label = i.hidden ? (
            `${t(`meetings.sections.${i.section}`)}: ${t("meetings.agenda.hiddenItem")}`
          ) : (
            <TitleWithCode title={agendaItemTitle(t, i)} code={i.caseCode} />
          );
          const current = i.id === currentItemId;
          return (
            <li
              key={i.id}
              className={`agenda-item is-${i.status}${current ? " is-current" : ""}`}
              aria-current={current ? "step" : undefined}
            >
              {onOpen ? (
                <button type="button" className="link-button" onClick={() => onOpen(i.id)}>
                  {label}
                </button>
              ) : (
                <span>{label}</span>
              )}
              <span className="agenda-meta">
                {t("meetings.agenda.minutes", { count: i.plannedMinutes })}
                {i.status !== "pending" && ` · ${t(`meetings.agenda.status.${i.status}`)}`}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="muted">{t("meetings.agenda.plannedEnd", { time: plannedEnd })}</p>
    </nav>
  );
}

/** An item's title with its case code on one line: a code broken at a hyphen reads as two. */
function TitleWithCode({ title, code }: { title: string; code: string | null }) {
  const at = code ? title.indexOf(code) : -1;
  if (code === null || at === -1) return <>{title}</>;
  return (
    <>
      {title.slice(0, at)}
      <span className="nowrap">{code}</span>
      {title.slice(at + code.length)}
    </>
  );
}

export function plannedEndOf(startsAt: number, agenda: AgendaItemView[], dates: DateStyle): string {
  const end = new Date(
    startsAt + agenda.filter((i) => i.status !== "deferred").reduce((s, i) => s + i.plannedMinutes, 0) * 60_000,
  );
  return formatTime(end, dates);
}
