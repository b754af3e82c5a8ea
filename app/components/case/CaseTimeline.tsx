import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "../../../server/cases/caseFile.ts";
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import type { AgendaItemKind } from "../../contract/vocabulary.ts";
import { formatMoment, useDateStyle } from "../../dates.ts";

function describe(entry: TimelineEntry, t: (key: string, options?: Record<string, unknown>) => string): string {
  const f = entry.facts;
  switch (entry.kind) {
    case "signal":
      return t(f.viaIntake ? "cases.timeline.signalViaIntake" : "cases.timeline.signal", {
        channel: t(`cases.channels.${f.channel}`),
      });
    case "analysis":
      return t(f.security ? "cases.timeline.analysisSecurity" : "cases.timeline.analysis", { grade: f.grade });
    case "decision":
      return t(`cases.timeline.decision.${f.decisionKind}`, {
        outcome: t(`cases.decisionOutcomes.${f.outcome}`, { defaultValue: String(f.outcome) }),
      });
    case "plan":
      return t("cases.timeline.plan", { version: f.version });
    case "assessment":
      return t("cases.timeline.assessment", { date: f.assessedOn });
    case "closure_proposed":
      return t("cases.timeline.closureProposed");
    case "closure_view":
      return t("cases.timeline.closureView", { agency: f.agency, view: t(`cases.views.${f.view}`) });
    case "closure_signed":
      return t("cases.timeline.closureSigned");
    case "monitoring":
      return t("cases.timeline.monitoring");
    case "meeting":
      return t(f.deferred ? "cases.timeline.meetingDeferred" : "cases.timeline.meeting", {
        meeting: f.meeting,
        item: agendaItemTitle(t, {
          kind: f.itemKind as AgendaItemKind,
          title: String(f.item),
          caseCode: String(f.caseCode),
        }),
      });
  }
}

/** Everything that happened to the case, newest first, with who and why. */
export function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  if (entries.length === 0) return <p className="muted">{t("cases.timeline.empty")}</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-${e.kind}`}>
          <time dateTime={e.at}>{formatMoment(e.at, dateStyle)}</time>
          <span className="timeline-what">{describe(e, t)}</span>
          {e.who && <span className="muted"> · {e.who}</span>}
          {typeof e.facts.rationale === "string" && <p className="timeline-why">{e.facts.rationale}</p>}
          {typeof e.facts.note === "string" && <p className="timeline-why">{e.facts.note}</p>}
        </li>
      ))}
    </ol>
  );
}
