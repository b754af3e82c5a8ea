import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { useReaderDates } from "../dates.ts";
import { agendaItemTitle } from "../contract/agendaItemTitle.ts";
import { AgendaList, plannedEndOf } from "../components/meeting/AgendaList.tsx";
import { MeetingTimer } from "../components/meeting/MeetingTimer.tsx";
import { useMeeting } from "../realtime/useMeeting.ts";
import type { Route } from "./+types/meeting-display";

/** A shared screen: no app header, no "Sign out" on the wall. */
export const handle = { bare: true };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "meetings:display");
  const meeting = await context.services.meetings.get(params.networkId, params.meetingId);
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const network = (await context.services.networks.get(params.networkId))!;
  return { meetingId: meeting.id, dates: { locale: network.locale, timeZone: network.timeZone } };
}

/** Full screen on `f` or the button; the browser leaves it on Escape. */
function useFullScreen(): [boolean, () => void] {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "f" || e.ctrlKey || e.metaKey || e.altKey) return;
      if ((e.target as HTMLElement | null)?.closest?.("a[href], button, input, select, textarea")) return;
      e.preventDefault();
      toggle();
    };
    document.addEventListener("fullscreenchange", onChange);
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("fullscreenchange", onChange);
      window.removeEventListener("keydown", onKey);
    };
  }, []);
  return [full, toggle];
}
function toggle() {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** The room's shared screen: current item, timer, agenda; case codes only, never an identity or a summary. */
export default function MeetingDisplay({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const live = useMeeting(loaderData.meetingId, { display: true });
  const dates = useReaderDates(loaderData.dates);
  const [full, toggleFull] = useFullScreen();
  const s = live.snapshot;
  if (!s)
    return (
      <p className="display-waiting" role="status">
        {t("meetings.room.connecting")}
      </p>
    );
  const current = s.agenda.find((i) => i.id === s.meeting.currentItemId) ?? null;
  return (
    <div className="meeting-display">
      <title>{`${t("meetings.display.title")} · ${s.meeting.title}`}</title>
      <header>
        <h1>{s.meeting.title}</h1>
        <span className="muted">{t(`meetings.status.${s.meeting.status}`)}</span>
        <button type="button" className="secondary display-full" onClick={toggleFull} aria-keyshortcuts="f">
          {full ? t("cockpit.display.leaveFullScreen") : t("cockpit.display.fullScreen")} <kbd>f</kbd>
        </button>
      </header>
      <section className="display-current" aria-label={t("meetings.room.current")}>
        {current ? (
          <>
            <p className="eyebrow">{t(`meetings.sections.${current.section}`)}</p>
            <p className="display-code" data-testid="display-current">
              {current.caseCode ?? agendaItemTitle(t, current)}
            </p>
            {s.meeting.status === "running" && (
              <MeetingTimer timer={s.meeting.timer} plannedMinutes={current.plannedMinutes} large />
            )}
            {s.round && s.round.itemId === current.id && (
              <p className="display-round" data-testid="display-round">
                {t("cockpit.rhythm.roundProgress", { turn: s.round.turn + 1, size: s.round.size })}
              </p>
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
          plannedEnd={plannedEndOf(s.meeting.startsAt, s.agenda, dates)}
        />
      </div>
    </div>
  );
}
