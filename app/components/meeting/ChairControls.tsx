import { useTranslation } from "react-i18next";
import type { MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import { RefusalMessage, type useCommand } from "./Refusal.tsx";

/** The chair's buttons: start, move through the agenda, the timer, done or deferred, end. */
export function ChairControls({
  snapshot: s,
  currentItemId,
  command,
}: {
  snapshot: MeetingSnapshot;
  currentItemId: string | null;
  command: ReturnType<typeof useCommand>;
}) {
  const { t } = useTranslation();
  const { run } = command;
  const running = s.meeting.status === "running";
  if (s.meeting.status === "ended") return null;
  return (
    <div className="chair-controls-wrap">
      <div className="chair-controls" role="toolbar" aria-label={t("meetings.room.help")}>
        {s.meeting.status === "scheduled" && (
          <button type="button" className="primary" onClick={() => void run("meeting:start", {})}>
            {t("meetings.room.start")}
          </button>
        )}
        {running && (
          <>
            <button type="button" onClick={() => void run("item:open", { to: "previous" })} aria-keyshortcuts="p">
              ← {t("meetings.room.previous")}
            </button>
            <button type="button" onClick={() => void run("item:open", { to: "next" })} aria-keyshortcuts="n">
              {t("meetings.room.next")} →
            </button>
            <button
              type="button"
              onClick={() => void run(s.meeting.timer.startedAt === null ? "timer:start" : "timer:pause", {})}
              aria-keyshortcuts="t"
            >
              {s.meeting.timer.startedAt === null ? t("meetings.room.timerStart") : t("meetings.room.timerPause")}
            </button>
            {currentItemId && (
              <>
                <button
                  type="button"
                  onClick={() => void run("item:complete", { itemId: currentItemId, outcome: "done" })}
                  aria-keyshortcuts="m"
                >
                  {t("meetings.room.done")}
                </button>
                <button
                  type="button"
                  onClick={() => void run("item:complete", { itemId: currentItemId, outcome: "deferred" })}
                >
                  {t("meetings.room.defer")}
                </button>
              </>
            )}
            <button
              type="button"
              className="danger"
              onClick={() => window.confirm(t("meetings.room.end")) && void run("meeting:end", {})}
            >
              {t("meetings.room.end")}
            </button>
          </>
        )}
      </div>
      <RefusalMessage id="chair-controls-refusal" refusal={command.refusal} />
    </div>
  );
}
