import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link, useRevalidator } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { useOnSignalRegistered } from "../realtime/useSignalInbox.ts";
import type { Route } from "./+types/signals";
import { PageHeading } from "../components/PageHeading.tsx";

const EXCERPT = 160;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "signals:inbox");
  const network = (await context.services.networks.get(params.networkId))!;
  const inbox = await context.services.signals.inbox(params.networkId);
  return {
    timeZone: network.timeZone,
    canRegister: context.services.policy.can(viewer, "signals:register", params.networkId),
    // Only an excerpt travels to the page; the whole concern is on the analysis page.
    signals: inbox.map(({ concern, ...s }) => ({
      ...s,
      concern: concern.length > EXCERPT ? `${concern.slice(0, EXCERPT).trimEnd()}…` : concern,
    })),
  };
}

export default function SignalInbox({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { signals, canRegister } = loaderData;
  const revalidator = useRevalidator();
  const reload = useCallback(() => void revalidator.revalidate(), [revalidator]);
  useOnSignalRegistered(params.networkId, reload);
  return (
    <div className="page">
      <title>{`${t("signals.inbox.title")} · ${t("app.name")}`}</title>
      <PageHeading
        title={t("signals.inbox.title")}
        action={canRegister && { to: "new", label: t("signals.inbox.register") }}
      />
      <p className="lead">{t("signals.inbox.intro")}</p>
      {signals.length === 0 ? (
        <p className="muted">{t("signals.inbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t("signals.inbox.code")}</th>
                <th scope="col">{t("signals.inbox.received")}</th>
                <th scope="col">{t("signals.inbox.channel")}</th>
                <th scope="col">{t("signals.inbox.concern")}</th>
                <th scope="col">{t("signals.inbox.status")}</th>
              </tr>
            </thead>
            <tbody>
              {signals.map((s) => (
                <tr key={s.signalId}>
                  <th scope="row">
                    <Link
                      to={`/n/${params.networkId}/cases/${s.code}/analysis`}
                      aria-label={t("signals.inbox.open", { code: s.code })}
                      className="case-code"
                    >
                      {s.code}
                    </Link>
                    {s.isMinor && <span className="badge warning">{t("signals.inbox.minor")}</span>}
                  </th>
                  <td className="nowrap">{formatMoment(s.receivedAt, dateStyle)}</td>
                  <td>
                    {t(`signals.channels.${s.channel}`)}
                    {s.viaIntake && <span className="cell-sub">{t("signals.inbox.viaIntake")}</span>}
                  </td>
                  <td className="concern-excerpt">{s.concern}</td>
                  <td>
                    <span className={s.analysed ? "badge" : "badge warning"}>
                      {s.analysed ? t("signals.inbox.analysed") : t("signals.inbox.notAnalysed")}
                    </span>
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
