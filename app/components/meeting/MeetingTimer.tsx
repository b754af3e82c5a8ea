import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

const clock = (ms: number) => {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** The item timer, ticking on every screen; past the planned time it shows the overrun. */
export function MeetingTimer({
  timer,
  plannedMinutes,
  large,
}: {
  timer: { startedAt: number | null; elapsedMs: number };
  plannedMinutes: number;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.startedAt === null) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [timer.startedAt]);
  const elapsed = timer.elapsedMs + (timer.startedAt !== null ? Math.max(0, now - timer.startedAt) : 0);
  const planned = plannedMinutes * 60_000;
  const over = elapsed > planned;
  return (
    <div
      className={`meeting-timer${over ? " is-over" : ""}${large ? " is-large" : ""}`}
      role="timer"
      aria-label={t("meetings.room.timer")}
    >
      <span className="timer-clock">{clock(elapsed)}</span>{" "}
      <span className="timer-planned">{t("meetings.room.of", { planned: clock(planned) })}</span>
      {timer.startedAt === null && <span className="timer-paused"> · {t("cockpit.paused")}</span>}
      {over && <span className="timer-over"> {t("meetings.room.overrun", { time: clock(elapsed - planned) })}</span>}
    </div>
  );
}
