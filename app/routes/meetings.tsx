import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { MinutesDeadline } from "../components/MinutesDeadline.tsx";
import type { Route } from "./+types/meetings";
import { PageHeading } from "../components/PageHeading.tsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:view");
  const { meetings, networks, policy } = context.services;
  const network = (await networks.get(params.networkId))!;
  const all = await meetings.list(network.id);
  // A guest sees only the meetings they are invited to.
  const guestIn = policy.isGuest(viewer, network.id)
    ? await Promise.all(
        all.map(async (m) => (await meetings.guestsOf(m.id)).some((g) => g.personId === viewer.personId)),
      )
    : null;
  const visible = guestIn ? all.filter((_, i) => guestIn[i]) : all;
  // The chair and the coordinator see where each meeting's minutes stand against the deadline.
  const reviewer = policy.can(viewer, "minutes:review", network.id);
  const deadlines = new Map(
    reviewer ? (await context.services.minutes.deadlines.pending([network.id])).map((p) => [p.meetingId, p]) : [],
  );
  return {
    timeZone: network.timeZone,
    meetings: visible.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.startsAt.getTime(),
      place: m.place,
      status: m.status,
      minutes: deadlines.get(m.id) ? { state: deadlines.get(m.id)!.state, dueOn: deadlines.get(m.id)!.dueOn } : null,
    })),
    maySchedule: policy.can(viewer, "meetings:schedule", network.id),
    mayDisplay: policy.can(viewer, "meetings:display", network.id),
  };
}

export default function Meetings({ loaderData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  const base = `/n/${params.networkId}/meetings`;
  return (
    <div className="page">
      <title>{`${t("meetings.list.title")} · ${t("app.name")}`}</title>
      <PageHeading
        title={t("meetings.list.title")}
        action={d.maySchedule && { to: `${base}/new`, label: t("meetings.list.schedule"), primary: true }}
      />
      <p className="lead">{t("meetings.list.intro")}</p>
      {d.meetings.length === 0 ? (
        <p className="muted">{t("meetings.list.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("meetings.new.meetingTitle")}</th>
              <th scope="col">{t("meetings.list.when")}</th>
              <th scope="col">{t("meetings.list.place")}</th>
              <th scope="col">{t("meetings.list.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("meetings.list.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.meetings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`${base}/${m.id}`}>{m.title}</Link>
                </td>
                <td>{formatMoment(m.startsAt, dateStyle)}</td>
                <td>{m.place ?? ""}</td>
                <td>
                  <span className={`badge meeting-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
                  {m.minutes && (
                    <Link to={`${base}/${m.id}/minutes`}>
                      <MinutesDeadline state={m.minutes.state} dueOn={m.minutes.dueOn} />
                    </Link>
                  )}
                </td>
                <td className="row-actions">
                  <Link to={`${base}/${m.id}/agenda`} aria-label={`${t("meetings.list.agenda")}: ${m.title}`}>
                    {t("meetings.list.agenda")}
                  </Link>
                  {d.mayDisplay && (
                    <Link to={`${base}/${m.id}/display`} aria-label={`${t("meetings.list.display")}: ${m.title}`}>
                      {t("meetings.list.display")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
