import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { PageHeading } from "../components/PageHeading.tsx";
import { WrittenState } from "../components/written/WrittenState.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { useWritten } from "../realtime/useWritten.ts";
import type { Route } from "./+types/written";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "cases:list");
  const network = (await context.services.networks.get(params.networkId))!;
  return {
    timeZone: network.timeZone,
    now: Date.now(),
    mayOpen: context.services.policy.can(viewer, "decisions:inWriting", network.id),
    procedures: await context.services.written.list(viewer, network.id),
  };
}

export default function WrittenProcedures({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { now, mayOpen } = loaderData;
  const procedures = useWritten(params.networkId, loaderData.procedures);
  const table = (status: "open" | "concluded") => {
    const rows = procedures.filter((p) => p.status === status);
    if (rows.length === 0) return null;
    return (
      <section aria-labelledby={`written-${status}`}>
        <h2 id={`written-${status}`}>{t(`written.list.${status}Heading`)}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("written.list.case")}</th>
                <th scope="col">{t("written.list.deadline")}</th>
                <th scope="col">{t("written.list.state")}</th>
                <th scope="col">{t("written.list.answers")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.access === "full" ? (
                      <Link to={p.id} className="case-code">
                        {p.caseCode}
                      </Link>
                    ) : (
                      <span className="case-code">{p.caseCode}</span>
                    )}
                    {p.detail && <span className="cell-sub">{t(`written.reasons.${p.detail.reason}`)}</span>}
                    <span className="cell-sub">{p.caseSummary}</span>
                  </th>
                  <td className="nowrap">{formatMoment(p.deadline, dateStyle)}</td>
                  <td>
                    <WrittenState procedure={p} now={now} />
                  </td>
                  <td>
                    {p.detail
                      ? t("written.list.answersCount", {
                          given: p.detail.answers.filter((a) => a.stance !== "report_back").length,
                          asked: p.detail.agencies.length,
                        })
                      : t("written.list.summaryOnly")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  };
  return (
    <div className="page">
      <title>{`${t("written.list.title")} · ${t("app.name")}`}</title>
      <PageHeading title={t("written.list.title")} action={mayOpen && { to: "new", label: t("written.list.open") }} />
      <p className="lead">{t("written.list.intro")}</p>
      {procedures.length === 0 ? (
        <p className="muted">{t("written.list.empty")}</p>
      ) : (
        <>
          {table("open")}
          {table("concluded")}
        </>
      )}
    </div>
  );
}
