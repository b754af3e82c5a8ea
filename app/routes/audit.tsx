import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { Notice } from "../components/fields.tsx";
import { describeDetails } from "../auditDetails.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { auditFilterSchema } from "../forms/network.ts";
import type { Route } from "./+types/audit";
import { days } from "../contract/time.ts";

const LIMIT = 200;

/** A calendar day in the network's zone, as the UTC instant it starts. */
function startOfDay(day: string, timeZone: string): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  const zoned = new Date(utc.toLocaleString("en-US", { timeZone }));
  return new Date(utc.getTime() - (zoned.getTime() - utc.getTime()));
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "audit:read");
  const { networks, auditChain } = context.services;
  const network = (await networks.get(params.networkId))!;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = auditFilterSchema.safeParse(query);
  const filter = parsed.success ? parsed.data : {};
  const people = await networks.peopleOf(network.id);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const agencyNames = new Map((await networks.listAgencies(network.id)).map((a) => [a.id, a.name]));
  const untilDay = filter.until ? startOfDay(filter.until, network.timeZone) : undefined;
  const rows = await auditChain.listForNetwork(network.id, {
    actorId: filter.person || undefined,
    from: filter.from ? startOfDay(filter.from, network.timeZone) : undefined,
    until: untilDay ? new Date(untilDay.getTime() + days(1)) : undefined,
    limit: LIMIT,
  });
  return {
    timeZone: network.timeZone,
    people,
    filter,
    filterInvalid: !parsed.success,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      who: r.actorId ? (names.get(r.actorId) ?? null) : null,
      hasActor: r.actorId !== null,
      action: r.action,
      ip: r.ip,
      details: describeDetails(r.details, agencyNames),
    })),
  };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { entries, people, filter, filterInvalid } = loaderData;
  return (
    <div className="page">
      <title>{`${t("audit.title")} · ${t("app.name")}`}</title>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <Form method="get" className="filter-bar" aria-label={t("audit.filter")}>
        <div className="field">
          <label htmlFor="audit-person">{t("audit.person")}</label>
          <select id="audit-person" name="person" defaultValue={filter.person ?? ""}>
            <option value="">{t("audit.anyone")}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" type="date" name="from" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-until">{t("audit.until")}</label>
          <input id="audit-until" type="date" name="until" defaultValue={filter.until ?? ""} />
        </div>
        <button type="submit" className="secondary">
          {t("audit.apply")}
        </button>
      </Form>
      {filterInvalid && <Notice tone="error">{t("errors.date")}</Notice>}
      {entries.length === 0 ? (
        <p className="muted">{t("audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.where")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatMoment(e.at, dateStyle)}</td>
                  <td>{e.who ?? (e.hasActor ? t("audit.unknownPerson") : t("audit.system"))}</td>
                  <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                  <td>{e.ip}</td>
                  <td className="details">
                    {e.details.map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {entries.length === LIMIT && <p className="muted">{t("audit.shown", { count: LIMIT })}</p>}
    </div>
  );
}
