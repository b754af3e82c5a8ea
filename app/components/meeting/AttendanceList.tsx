import { useTranslation } from "react-i18next";
import type { MeetingSnapshot } from "../../../server/realtime/meetingProtocol.ts";

type Send = (name: "attendance:set", payload: Record<string, unknown>) => unknown;

/** Who is here: each person's agency, mandate and attendance; the chair corrects it, each person sets their own. */
export function AttendanceList({
  snapshot: s,
  myPersonId,
  mayCorrect,
  send,
}: {
  snapshot: MeetingSnapshot;
  myPersonId: string;
  mayCorrect: boolean;
  send: Send;
}) {
  const { t } = useTranslation();
  const me = s.participants.find((p) => p.personId === myPersonId);
  return (
    <section aria-label={t("meetings.room.present")} className="present-list">
      <ul className="plain-list">
        {s.participants.map((p) => (
          <li key={p.personId} className={`attendee is-${p.attendance ?? "unknown"}`}>
            <strong>{p.name}</strong>{" "}
            <span className="muted">
              {p.agencyName} · {t(`meetings.room.mandate.${p.mandate}`, { defaultValue: p.mandate })}
            </span>
            {mayCorrect && s.meeting.status !== "ended" && p.personId !== myPersonId ? (
              <select
                className="attendance-select"
                aria-label={`${t("meetings.room.attendanceOf")}: ${p.name}`}
                value={p.attendance ?? ""}
                onChange={(e) =>
                  e.target.value && void send("attendance:set", { personId: p.personId, attendance: e.target.value })
                }
              >
                <option value="">{t("meetings.room.attendance.unknown")}</option>
                {(["in_room", "on_screen", "apologies"] as const).map((a) => (
                  <option key={a} value={a}>
                    {t(`meetings.room.attendance.${a}`)}
                  </option>
                ))}
              </select>
            ) : (
              <span className="attendance"> {t(`meetings.room.attendance.${p.attendance ?? "unknown"}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {me && s.meeting.status !== "ended" && (
        <div className="field">
          <label htmlFor="my-attendance">{t("meetings.room.myAttendance")}</label>
          <select
            id="my-attendance"
            value={me.attendance ?? ""}
            onChange={(e) =>
              e.target.value && void send("attendance:set", { personId: myPersonId, attendance: e.target.value })
            }
          >
            <option value="">{t("meetings.room.attendance.unknown")}</option>
            {(["in_room", "on_screen", "apologies"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`meetings.room.attendance.${a}`)}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}
