import { useTranslation } from "react-i18next";
import { CASE_STAGES } from "../contract/vocabulary.ts";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import type { Route } from "./+types/report";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireNetworkAction(context, request, params.networkId, "report:view");
  return context.services.report.forNetwork(params.networkId);
}

/** Figures for evaluating the network's work: anonymous, aggregate, per quarter. */
export default function Report({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const number = (n: number | null) =>
    n === null ? "—" : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(n);
  const share = (part: number, whole: number) =>
    whole === 0 ? "—" : new Intl.NumberFormat(i18n.language, { style: "percent" }).format(part / whole);
  return (
    <div className="page">
      <title>{`${t("cases.report.title")} · ${t("app.name")}`}</title>
      <h1>{t("cases.report.title")}</h1>
      <p className="lead">{t("cases.report.intro")}</p>
      <section className="card" aria-labelledby="stages-heading">
        <h2 id="stages-heading">{t("cases.report.stages")}</h2>
        <dl className="stage-counts">
          {CASE_STAGES.map((s) => (
            <div key={s}>
              <dt>{t(`stages.${s}`)}</dt>
              <dd>{loaderData.stages[s] ?? 0}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="quarters-heading">
        <h2 id="quarters-heading">{t("cases.report.perQuarter")}</h2>
        {loaderData.quarters.length === 0 ? (
          <p className="muted">{t("cases.report.none")}</p>
        ) : (
          // It scrolls sideways on a phone: a region that takes the focus, so the keyboard can scroll it.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be focusable
          <div className="table-wrap" role="region" aria-labelledby="quarters-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("cases.report.quarter")}</th>
                  <th scope="col">{t("cases.report.signals")}</th>
                  <th scope="col">{t("cases.report.daysToRouting")}</th>
                  <th scope="col">{t("cases.report.daysToPlan")}</th>
                  <th scope="col">{t("cases.report.goalsAttained")}</th>
                  <th scope="col">{t("cases.report.closures")}</th>
                  <th scope="col">{t("cases.report.reopenings")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.quarters.map((q) => (
                  <tr key={q.quarter}>
                    <th scope="row" className="nowrap">
                      {q.quarter}
                    </th>
                    <td>{q.signals}</td>
                    <td>{number(q.medianDaysToRouting)}</td>
                    <td>{number(q.medianDaysToFirstPlan)}</td>
                    <td>
                      {share(q.goalsAttained, q.goals)}
                      {q.goals > 0 && (
                        <span className="cell-sub">
                          {t("cases.report.goalsOf", { attained: q.goalsAttained, total: q.goals })}
                        </span>
                      )}
                    </td>
                    <td>{q.closures}</td>
                    <td>{q.reopenings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">{t("cases.report.method")}</p>
      </section>
    </div>
  );
}
