import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { CASE_STAGES } from "../../db/schema/vocabulary.ts";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { formatDay, todayIn } from "../dates.ts";
import type { Route } from "./+types/network-home";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = requireNetworkAction(context, request, params.networkId, "network:view");
  const { networks, policy } = context.services;
  const network = await networks.get(params.networkId);
  if (!network) throw data({ reason: "not_found" }, { status: 404 });
  const overview = await networks.overview(network.id, todayIn(network.timeZone));
  return {
    network: { id: network.id, name: network.name },
    overview,
    canInvite: policy.can(viewer, "invitations:manage", network.id),
  };
}

export default function NetworkHome({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { network, overview, canInvite } = loaderData;
  return (
    <div className="page">
      <title>{`${network.name} · ${t("app.name")}`}</title>
      <h1>{network.name}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">{t("home.whatComesNext")}</h2>
          {overview.checkIns.length === 0 ? (
            <p className="muted">{t("home.noCheckIns")}</p>
          ) : (
            <ul className="plain-list">
              {overview.checkIns.map((c) => (
                <li key={c.code}>
                  <span className="case-code">{c.code}</span> {t("home.checkInOn", { date: formatDay(c.nextCheckInOn!, i18n.language) })}
                  {c.overdue && <span className="badge warning">{t("home.overdue")}</span>}
                </li>
              ))}
            </ul>
          )}
          {overview.pendingInvitations > 0 && (
            <p>
              {canInvite ? (
                <Link to="members/invite">{t("home.pendingInvitations", { count: overview.pendingInvitations })}</Link>
              ) : (
                t("home.pendingInvitations", { count: overview.pendingInvitations })
              )}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="cases-heading">
          <h2 id="cases-heading">{t("home.cases")}</h2>
          {Object.keys(overview.caseStages).length === 0 ? (
            <p className="muted">{t("home.noCases")}</p>
          ) : (
            <dl className="stage-counts">
              {CASE_STAGES.map((stage) => (
                <div key={stage}>
                  <dt>{t(`stages.${stage}`)}</dt>
                  <dd>{overview.caseStages[stage] ?? 0}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="agencies-heading">
        <h2 id="agencies-heading">{t("home.agencies")}</h2>
        <ul className="agency-list">
          {overview.agencies.map((a) => (
            <li key={a.id}>
              <span className="agency-name">{a.name}</span>
              <span className="muted">
                {t(`sectors.${a.sector}`)} · {t("home.membersCount", { count: a.members })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
