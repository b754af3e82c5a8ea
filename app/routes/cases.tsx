import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { CASE_STAGES } from "../contract/vocabulary.ts";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { Notice } from "../components/fields.tsx";
import { formatDay, todayIn, useDateStyle } from "../dates.ts";
import { caseFilterSchema } from "../forms/cases.ts";
import type { Route } from "./+types/cases";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "cases:list");
  const { caseList, networks, policy } = context.services;
  const network = (await networks.get(params.networkId))!;
  const parsed = caseFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const filter = parsed.success ? parsed.data : { overdue: false };
  // Need to know: outside the chair and the coordinator, people see their agency's cases only.
  const scope = policy.caseListScope(viewer, network.id);
  const today = todayIn(network.timeZone);
  return {
    cases: await caseList.list(network.id, filter, { ...scope, today }),
    agencies: await networks.listAgencies(network.id),
    filter,
    filterInvalid: !parsed.success,
    seesAll: policy.seesAllCases(viewer, network.id),
    today,
  };
}

export default function Cases({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  return (
    <div className="page">
      <title>{`${t("cases.list.title")} · ${t("app.name")}`}</title>
      <h1>{t("cases.list.title")}</h1>
      <p className="lead">{t(d.seesAll ? "cases.list.introAll" : "cases.list.introAgency")}</p>
      <Form method="get" className="filter-bar" aria-label={t("cases.list.filter")}>
        <div className="field">
          <label htmlFor="f-code">{t("cases.list.code")}</label>
          <input id="f-code" type="text" name="code" defaultValue={d.filter.code ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-stage">{t("cases.list.stage")}</label>
          <select id="f-stage" name="stage" defaultValue={d.filter.stage ?? ""}>
            <option value="">{t("cases.list.any")}</option>
            {CASE_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stages.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-due">{t("cases.list.dueBefore")}</label>
          <input id="f-due" type="date" name="dueBefore" defaultValue={d.filter.dueBefore ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-agency">{t("cases.list.agency")}</label>
          <select id="f-agency" name="agencyId" defaultValue={d.filter.agencyId ?? ""}>
            <option value="">{t("cases.list.any")}</option>
            {d.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input id="f-overdue" type="checkbox" name="overdue" defaultChecked={d.filter.overdue} />
          <label htmlFor="f-overdue">{t("cases.list.overdue")}</label>
        </div>
        <button type="submit" className="secondary">
          {t("cases.list.apply")}
        </button>
      </Form>
      {d.filterInvalid && <Notice tone="error">{t("errors.date")}</Notice>}
      {d.cases.length === 0 ? (
        <p className="muted">{t("cases.list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("cases.list.code")}</th>
                <th scope="col">{t("cases.list.stage")}</th>
                <th scope="col">{t("cases.list.summary")}</th>
                <th scope="col">{t("cases.list.nextCheckIn")}</th>
                <th scope="col">{t("cases.list.tasks")}</th>
              </tr>
            </thead>
            <tbody>
              {d.cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={c.code} className="case-code">
                      {c.code}
                    </Link>
                    {c.isMinor && <span className="badge warning">{t("cases.list.minor")}</span>}
                    {c.restricted && <span className="badge">{t("accessRequests.restricted")}</span>}
                  </th>
                  <td>
                    <span className={`stage stage-${c.stage}`}>{t(`stages.${c.stage}`)}</span>
                  </td>
                  <td>
                    {c.summary}
                    {c.agencies.length > 0 && <span className="cell-sub">{c.agencies.join(", ")}</span>}
                  </td>
                  <td className="nowrap">
                    {c.nextCheckInOn ? formatDay(c.nextCheckInOn, dateStyle) : "—"}
                    {c.nextCheckInOn && c.nextCheckInOn < d.today && (
                      <span className="badge warning">{t("home.overdue")}</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {t("cases.list.openTasks", { count: c.openTasks })}
                    {c.overdueTasks > 0 && (
                      <span className="badge warning">{t("cases.list.overdueTasks", { count: c.overdueTasks })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
