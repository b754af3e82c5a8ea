import { useTranslation } from "react-i18next";
import { data, NavLink, Outlet } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { PresenceList } from "../components/PresenceList.tsx";
import { useSignalInbox } from "../realtime/useSignalInbox.ts";
import type { Route } from "./+types/network";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "network:enter");
  const network = await context.services.networks.get(params.networkId);
  if (!network) throw data({ reason: "not_found" }, { status: 404 });
  const { can } = context.services.policy;
  const seesInbox = can(viewer, "signals:inbox", network.id);
  return {
    inboxCount: seesInbox ? await context.services.signals.inboxCount(network.id) : 0,
    network: { id: network.id, name: network.name },
    /** How this network writes dates on every page (app/dates.ts useDateStyle). */
    dates: { locale: network.locale, timeZone: network.timeZone },
    viewerId: viewer.personId,
    role: viewer.memberships[network.id].role,
    nav: {
      home: can(viewer, "network:view", network.id),
      members: can(viewer, "members:view", network.id),
      agencies: can(viewer, "agencies:view", network.id),
      audit: can(viewer, "audit:read", network.id),
      signals: can(viewer, "signals:inbox", network.id),
      newSignal: can(viewer, "signals:register", network.id),
      cases: can(viewer, "cases:list", network.id),
      report: can(viewer, "report:view", network.id),
      meetings: can(viewer, "meetings:view", network.id),
      intake: can(viewer, "intake:manage", network.id),
      settings: can(viewer, "settings:manage", network.id),
      // Who is online in the network: not for a guest, who sees nothing of it.
      presence: can(viewer, "presence:join", network.id),
      accessRequests: context.services.policy.handlesAccessRequests(viewer, network.id),
    },
  };
}

export default function NetworkLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { network, nav, viewerId, role } = loaderData;
  const base = `/n/${network.id}`;
  const inbox = useSignalInbox(network.id, loaderData.inboxCount, nav.signals, loaderData);
  return (
    <div className="network-layout">
      <aside className="network-aside">
        <p className="network-name">{network.name}</p>
        <p className="muted">{t(`roles.${role}`)}</p>
        <nav aria-label={t("app.networkNavigation")} className="network-nav">
          <NavLink to={base} end>
            {t("home.title")}
          </NavLink>
          {nav.signals && (
            <NavLink to={`${base}/signals`} end>
              {t("cases.nav.signals")}
              {inbox.count > 0 && (
                <span className="badge inbox-count" data-testid="inbox-count">
                  <span aria-hidden="true">{inbox.count}</span>
                  <span className="visually-hidden">{t("signals.inbox.countLabel", { count: inbox.count })}</span>
                </span>
              )}
            </NavLink>
          )}
          {nav.newSignal && <NavLink to={`${base}/signals/new`}>{t("cases.nav.newSignal")}</NavLink>}
          {nav.meetings && <NavLink to={`${base}/meetings`}>{t("meetings.nav")}</NavLink>}
          {nav.cases && <NavLink to={`${base}/cases`}>{t("cases.nav.cases")}</NavLink>}
          {nav.cases && <NavLink to={`${base}/written`}>{t("written.nav")}</NavLink>}
          {nav.report && <NavLink to={`${base}/report`}>{t("cases.nav.report")}</NavLink>}
          {nav.members && <NavLink to={`${base}/members`}>{t("members.title")}</NavLink>}
          {nav.agencies && <NavLink to={`${base}/agencies`}>{t("agencies.title")}</NavLink>}
          {nav.intake && <NavLink to={`${base}/intake`}>{t("cases.nav.intake")}</NavLink>}
          {nav.settings && <NavLink to={`${base}/settings`}>{t("cases.nav.settings")}</NavLink>}
          {nav.accessRequests && <NavLink to={`${base}/access-requests`}>{t("accessRequests.nav")}</NavLink>}
          {nav.audit && <NavLink to={`${base}/audit`}>{t("audit.title")}</NavLink>}
        </nav>
        {nav.signals && (
          <p aria-live="polite" className="visually-hidden" data-testid="inbox-announcement">
            {inbox.latest
              ? t("signals.inbox.announcement", { code: inbox.latest.code, count: inbox.latest.inboxCount })
              : ""}
          </p>
        )}
        {nav.presence && <PresenceList networkId={network.id} viewerId={viewerId} />}
      </aside>
      <div className="network-content">
        <Outlet />
      </div>
    </div>
  );
}
