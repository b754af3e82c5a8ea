import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CASE_STAGES, OPEN_STAGES } from "../contract/vocabulary.ts";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { BarChart } from "../components/charts/BarChart.tsx";
import { RowChart } from "../components/charts/RowChart.tsx";
import type { Route } from "./+types/report";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "report:view");
  return {
    figures: await context.services.evaluation.figures(params.networkId),
    mayExportRegister: context.services.policy.seesAllCases(viewer, params.networkId),
  };
}

/** Figures for evaluating the network's work over the last twelve months: charts, their tables, CSV. */
export default function Report({ loaderData, params }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { figures: e, mayExportRegister } = loaderData;
  const csv = (figure: string) => `/n/${params.networkId}/report/csv/${figure}`;
  const number = (n: number | null) =>
    n === null ? "—" : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n);
  const share = (part: number, whole: number) =>
    whole === 0 ? "—" : new Intl.NumberFormat(i18n.language, { style: "percent" }).format(part / whole);
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: "short", year: "2-digit", timeZone: "UTC" });
  const month = (m: string) => monthName.format(new Date(`${m}-01T00:00:00Z`));
  const quarters = e.quarters.map((q) => q.quarter);
  const routingName = (r: string) =>
    r === "not_routed" ? t("cases.report.notRouted") : t(`meetings.decision.outcomes.${r}`);
  const gradeName = (g: { scale: string; grade: string }) =>
    g.scale === "none"
      ? t("cases.report.notGraded")
      : t("cases.report.grade", { grade: g.grade, scale: t(`signals.scaleShort.${g.scale}`) });

  return (
    <div className="page report">
      <title>{`${t("cases.report.title")} · ${t("app.name")}`}</title>
      <h1>{t("cases.report.title")}</h1>
      <p className="lead">{t("cases.report.intro", { from: e.period.from, to: e.period.to })}</p>

      <Figure
        id="stages"
        title={t("cases.report.stagesTitle")}
        intro={t("cases.report.stagesIntro")}
        csv={csv("stages")}
        chart={
          <BarChart
            title={t("cases.report.stagesTitle")}
            summary={t("cases.report.stagesSummary", {
              counts: OPEN_STAGES.map((s) => `${t(`stages.${s}`)} ${e.stagesToday[s]}`).join(", "),
            })}
            categories={e.stagesOverTime.map((m) => month(m.month))}
            series={OPEN_STAGES.map((s) => ({
              label: t(`stages.${s}`),
              values: e.stagesOverTime.map((m) => m.counts[s]),
            }))}
            stacked
          />
        }
        head={[t("cases.report.month"), ...CASE_STAGES.map((s) => t(`stages.${s}`))]}
        rows={e.stagesOverTime.map((m) => [month(m.month), ...CASE_STAGES.map((s) => m.counts[s])])}
      />

      <Figure
        id="time-in-stage"
        title={t("cases.report.timeTitle")}
        intro={t("cases.report.timeIntro")}
        csv={csv("time-in-stage")}
        chart={
          <RowChart
            title={t("cases.report.timeTitle")}
            summary={t("cases.report.timeSummary")}
            noValue={t("cases.report.noStays")}
            rows={e.timeInStage.map((s) => ({
              label: t(`stages.${s.stage}`),
              bar:
                s.q1 === null || s.q3 === null || s.median === null ? null : { from: s.q1, to: s.q3, mark: s.median },
            }))}
          />
        }
        head={[
          t("cases.report.stage"),
          t("cases.report.stays"),
          t("cases.report.median"),
          t("cases.report.middleHalf"),
        ]}
        rows={e.timeInStage.map((s) => [
          t(`stages.${s.stage}`),
          s.stays,
          number(s.median),
          s.q1 === null ? "—" : `${number(s.q1)} – ${number(s.q3)}`,
        ])}
      />

      <Figure
        id="signals-by-routing"
        title={t("cases.report.routingTitle")}
        intro={t("cases.report.routingIntro")}
        csv={csv("signals-by-routing")}
        chart={
          <RowChart
            title={t("cases.report.routingTitle")}
            summary={t("cases.report.barSummary")}
            noValue="0"
            rows={e.signalsByRouting.map((r) => ({
              label: routingName(r.routing),
              bar: r.signals ? { from: 0, to: r.signals } : null,
            }))}
          />
        }
        head={[t("cases.report.routing"), t("cases.report.signals")]}
        rows={e.signalsByRouting.map((r) => [routingName(r.routing), r.signals])}
      />

      <Figure
        id="signals-by-grade"
        title={t("cases.report.gradeTitle")}
        intro={t("cases.report.gradeIntro")}
        csv={csv("signals-by-grade")}
        chart={
          e.signalsBySourceGrade.length > 0 && (
            <RowChart
              title={t("cases.report.gradeTitle")}
              summary={t("cases.report.barSummary")}
              noValue="0"
              rows={e.signalsBySourceGrade.map((g) => ({ label: gradeName(g), bar: { from: 0, to: g.signals } }))}
            />
          )
        }
        head={[t("cases.report.sourceGrade"), t("cases.report.signals")]}
        rows={e.signalsBySourceGrade.map((g) => [gradeName(g), g.signals])}
      />

      <Figure
        id="goals"
        title={t("cases.report.goalsTitle")}
        intro={t("cases.report.goalsIntro")}
        csv={csv("goals")}
        chart={
          <BarChart
            title={t("cases.report.goalsTitle")}
            summary={t("cases.report.barSummary")}
            categories={quarters}
            series={[
              { label: t("cases.report.goalsDue"), values: e.quarters.map((q) => q.goals) },
              { label: t("cases.report.goalsAttained"), values: e.quarters.map((q) => q.goalsAttained) },
            ]}
          />
        }
        head={[
          t("cases.report.quarter"),
          t("cases.report.goalsDue"),
          t("cases.report.goalsAttained"),
          t("cases.report.share"),
        ]}
        rows={e.quarters.map((q) => [q.quarter, q.goals, q.goalsAttained, share(q.goalsAttained, q.goals)])}
      />

      <Figure
        id="closures"
        title={t("cases.report.closuresTitle")}
        intro={t("cases.report.closuresIntro")}
        csv={csv("closures")}
        chart={
          <BarChart
            title={t("cases.report.closuresTitle")}
            summary={t("cases.report.barSummary")}
            categories={quarters}
            series={[
              { label: t("cases.report.closures"), values: e.quarters.map((q) => q.closures) },
              { label: t("cases.report.reopenings"), values: e.quarters.map((q) => q.reopenings) },
            ]}
          />
        }
        head={[t("cases.report.quarter"), t("cases.report.closures"), t("cases.report.reopenings")]}
        rows={e.quarters.map((q) => [q.quarter, q.closures, q.reopenings])}
      />

      <Figure
        id="minutes"
        title={t("cases.report.minutesTitle")}
        intro={t("cases.report.minutesIntro")}
        csv={csv("minutes")}
        chart={
          <BarChart
            title={t("cases.report.minutesTitle")}
            summary={t("cases.report.barSummary")}
            categories={quarters}
            series={[
              { label: t("cases.report.onTime"), values: e.quarters.map((q) => q.minutesOnTime) },
              { label: t("cases.report.late"), values: e.quarters.map((q) => q.minutesLate) },
              { label: t("cases.report.notSent"), values: e.quarters.map((q) => q.minutesNotSent) },
            ]}
            stacked
          />
        }
        head={[
          t("cases.report.quarter"),
          t("cases.report.meetingsEnded"),
          t("cases.report.onTime"),
          t("cases.report.late"),
          t("cases.report.notSent"),
        ]}
        rows={e.quarters.map((q) => [q.quarter, q.meetingsEnded, q.minutesOnTime, q.minutesLate, q.minutesNotSent])}
      />

      <Figure
        id="quarters"
        title={t("cases.report.signalsTitle")}
        intro={t("cases.report.signalsIntro")}
        csv={csv("quarters")}
        chart={
          <BarChart
            title={t("cases.report.signalsTitle")}
            summary={t("cases.report.barSummary")}
            categories={quarters}
            series={[{ label: t("cases.report.signals"), values: e.quarters.map((q) => q.signals) }]}
          />
        }
        head={[
          t("cases.report.quarter"),
          t("cases.report.signals"),
          t("cases.report.daysToRouting"),
          t("cases.report.daysToPlan"),
        ]}
        rows={e.quarters.map((q) => [
          q.quarter,
          q.signals,
          number(q.medianDaysToRouting),
          number(q.medianDaysToFirstPlan),
        ])}
      />

      <section className="card" aria-labelledby="register-heading">
        <h2 id="register-heading">{t("cases.report.registerTitle")}</h2>
        <p>{t("cases.report.method")}</p>
        {mayExportRegister && (
          <p>
            <a href={csv("register")} download>
              {t("cases.report.registerCsv")}
            </a>
          </p>
        )}
        <p className="muted">{t("cases.report.exportsAudited")}</p>
      </section>
    </div>
  );
}

/** One figure: its chart, the same values as a table beside it, and its CSV. */
function Figure({
  id,
  title,
  intro,
  chart,
  head,
  rows,
  csv,
}: {
  id: string;
  title: string;
  intro: string;
  chart: ReactNode;
  head: string[];
  rows: (string | number)[][];
  csv: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card figure" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p className="muted">{intro}</p>
      <div className="figure-body">
        {chart}
        {/* The table may be wider than a phone: a region that takes the focus, so the keyboard can scroll it. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be focusable */}
        <div className="table-wrap" role="region" aria-label={t("cases.report.tableOf", { title })} tabIndex={0}>
          <table>
            <thead>
              <tr>
                {head.map((h, i) => (
                  <th key={h} scope="col" className={i === 0 ? undefined : "num"}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p>
        <a href={csv} download>
          {t("cases.report.csv", { title })}
        </a>
      </p>
    </section>
  );
}
