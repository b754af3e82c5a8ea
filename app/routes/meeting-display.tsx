import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { AgendaList, plannedEndOf } from "../components/meeting/AgendaList.tsx";
import { MeetingTimer } from "../components/meeting/MeetingTimer.tsx";
import { useMeeting } from "../realtime/useMeeting.ts";
import { attendanceState } from "../components/attendance/attendanceLabel.ts";
import type { Route } from "./+types/meeting-display";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  requireNetworkAction(context, request, params.networkId, "meetings:display");
  const meeting = await context.services.meetings.get(params.networkId, params.meetingId);
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const network = (await context.services.networks.get(params.networkId))!;
  return { meetingId: meeting.id, timeZone: network.timeZone };
}

/** The room's shared screen: current item, timer, agenda; case codes only, never an identity or a summary. */
export default function MeetingDisplay({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const live = useMeeting(loaderData.meetingId, { display: true });
  const s = live.snapshot;
  if (!s)
    return (
      <p className="display-waiting" role="status">
        {t("meetings.room.connecting")}
      </p>
    );
  const current = s.agenda.find((i) => i.id === s.meeting.currentItemId) ?? null;
  const present = s.participants.filter((p) => attendanceState(p) === "here");
  return (
    <div className="meeting-display">
      <title>{`${t("meetings.display.title")} · ${s.meeting.title}`}</title>
      <header>
        <h1>{s.meeting.title}</h1>
        <span className="muted">{t(`meetings.status.${s.meeting.status}`)}</span>
      </header>
      <section className="display-current" aria-label={t("meetings.room.current")}>
        {current ? (
          <>
            <p className="eyebrow">{t(`meetings.sections.${current.section}`)}</p>
            <p className="display-code" data-testid="display-current">
              {current.caseCode ?? current.title}
            </p>
            {s.meeting.status === "running" && (
              <MeetingTimer timer={s.meeting.timer} plannedMinutes={current.plannedMinutes} large />
            )}
          </>
        ) : (
          <p className="display-code">{t("meetings.display.waiting")}</p>
        )}
      </section>
      <div className="display-side">
        <AgendaList
          agenda={s.agenda}
          currentItemId={s.meeting.currentItemId}
          plannedEnd={plannedEndOf(s.meeting.startsAt, s.agenda, i18n.language, loaderData.timeZone)}
        />
        <section aria-labelledby="display-present">
          <h2 id="display-present">{t("meetings.room.present")}</h2>
          <p>{present.map((p) => `${p.name} (${p.agencyName})`).join(", ")}</p>
        </section>
      </div>
    </div>
  );
}
