import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { CASE_STAGES } from "../contract/vocabulary.ts";
import { requireNetworkAction, requireViewer } from "../../server/auth/guards.ts";
import { formatDay, todayIn, useDateStyle } from "../dates.ts";
import { MinutesDeadline } from "../components/MinutesDeadline.tsx";
import type { Route } from "./+types/network-home";
import { days } from "../contract/time.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const someone = requireViewer(context, request);
  // A guest has no overview of the network: they land on the meeting they are a guest in.
  if (params.networkId && context.services.policy.isGuest(someone, params.networkId)) {
    const meetingId = await context.services.meetings.guestLanding(params.networkId, someone.personId);
    throw redirect(`/n/${params.networkId}/meetings${meetingId ? `/${meetingId}` : ""}`);
  }
  const viewer = await requireNetworkAction(context, request, params.networkId, "network:view");
  const { networks, policy, caseList, signals } = context.services;
  const network = await networks.get(params.networkId);
  if (!network) throw data({ reason: "not_found" }, { status: 404 });
  const today = todayIn(network.timeZone);
  // Check-ins (and fade-out checks) due in the coming six weeks, of the cases this person may see.
  const horizon = todayIn(network.timeZone, new Date(Date.now() + days(42)));
  const checkIns = policy.can(viewer, "cases:list", network.id)
    ? (
        await caseList.list(
          network.id,
          { dueBefore: horizon, overdue: false },
          { ...policy.caseListScope(viewer, network.id), today },
        )
      )
        .sort((a, b) => (a.nextCheckInOn ?? "").localeCompare(b.nextCheckInOn ?? ""))
        .slice(0, 10)
        .map((c) => ({
          code: c.code,
          nextCheckInOn: c.nextCheckInOn!,
          overdue: c.nextCheckInOn! < today,
          overdueTasks: c.overdueTasks,
        }))
    : [];
  return {
    network: { id: network.id, name: network.name },
    overview: await networks.overview(network.id),
    checkIns,
    inbox: policy.can(viewer, "signals:inbox", network.id) ? await signals.inboxCount(network.id) : null,
    canInvite: policy.can(viewer, "invitations:manage", network.id),
    // Minutes due, overdue or awaiting approval: the chair's and the coordinator's to move.
    minutes: policy.can(viewer, "minutes:review", network.id)
      ? (await context.services.minutes.deadlines.pending([network.id])).map((p) => ({
          meetingId: p.meetingId,
          title: p.title,
          state: p.state,
          dueOn: p.dueOn,
        }))
      : [],
  };
}

export default function NetworkHome({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { network, overview, canInvite, checkIns, inbox, minutes } = loaderData;
  return (
    <div className="page">
      <title>{`${network.name} · ${t("app.name")}`}</title>
      <h1>{network.name}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">{t("home.whatComesNext")}</h2>
          {inbox !== null && inbox > 0 && (
            <p>
              <Link to="signals">{t("home.inbox", { count: inbox })}</Link>
            </p>
          )}
          {minutes.length > 0 && (
            <ul className="plain-list" aria-label={t("minutes.deadline.listLabel")}>
              {minutes.map((p) => (
                <li key={p.meetingId}>
                  <Link to={`meetings/${p.meetingId}/minutes`}>{t("minutes.deadline.of", { title: p.title })}</Link>
                  <MinutesDeadline state={p.state} dueOn={p.dueOn} />
                </li>
              ))}
            </ul>
          )}
          {checkIns.length === 0 ? (
            <p className="muted">{t("home.noCheckIns")}</p>
          ) : (
            <ul className="plain-list">
              {checkIns.map((c) => (
                <li key={c.code}>
                  <Link to={`cases/${c.code}`} className="case-code">
                    {c.code}
                  </Link>{" "}
                  {t("home.checkInOn", { date: formatDay(c.nextCheckInOn, dateStyle) })}
                  {c.overdue && <span className="badge warning">{t("home.overdue")}</span>}
                  {c.overdueTasks > 0 && (
                    <span className="badge warning">{t("cases.list.overdueTasks", { count: c.overdueTasks })}</span>
                  )}
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
