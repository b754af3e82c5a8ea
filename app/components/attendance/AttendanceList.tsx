import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ParticipantView } from "../../contract/meetingProtocol.ts";
import { ATTENDANCE, type Attendance } from "../../contract/vocabulary.ts";
import type { DateStyle } from "../../contract/dates.ts";
import { attendanceLabel, attendanceState } from "./attendanceLabel.ts";

interface Props {
  participants: ParticipantView[];
  dates: DateStyle;
  /** The chair's correction, when they may make one (not after the meeting ended). */
  onCorrect?: (personId: string, attendance: Attendance) => void;
}

/**
 * Who is here, as presence says: each person's state with the time they came or left.
 * The chair does not set attendance person by person; they correct one line when
 * presence is wrong (someone in the room without a screen, a screen left open).
 */
export function AttendanceList({ participants, dates, onCorrect }: Props) {
  const { t } = useTranslation();
  const here = participants.filter((p) => attendanceState(p) === "here").length;
  return (
    <section aria-label={t("presence.attendance.title")} className="attendance-list" data-testid="attendance">
      <p className="muted">{t("presence.attendance.summary", { count: here, total: participants.length })}</p>
      <ul className="plain-list">
        {participants.map((p) => (
          <Attendee key={p.personId} p={p} dates={dates} onCorrect={onCorrect} />
        ))}
      </ul>
    </section>
  );
}

function Attendee({ p, dates, onCorrect }: { p: ParticipantView } & Pick<Props, "dates" | "onCorrect">) {
  const { t } = useTranslation();
  const [correcting, setCorrecting] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const state = attendanceState(p);
  useEffect(() => {
    if (correcting) selectRef.current?.focus();
  }, [correcting]);
  const close = () => {
    setCorrecting(false);
    toggleRef.current?.focus();
  };
  return (
    <li className={`attendee is-${state}`} data-person={p.personId}>
      <span className="attendee-name">
        <strong>{p.name}</strong>{" "}
        <span className="muted">
          {p.agencyName} · {t(`meetings.room.mandate.${p.mandate}`, { defaultValue: p.mandate })}
        </span>
      </span>
      <span className="attendance-state" data-testid="attendance-state">
        {attendanceLabel(p, t, dates)}
        {p.corrected && <span className="muted"> ({t("presence.attendance.byChair")})</span>}
      </span>
      {onCorrect &&
        (correcting ? (
          <span className="attendance-correct">
            <select
              ref={selectRef}
              aria-label={t("presence.attendance.correctTo", { name: p.name })}
              value={p.attendance ?? ""}
              onChange={(e) => {
                if (!e.target.value) return;
                onCorrect(p.personId, e.target.value as Attendance);
                close();
              }}
              onKeyDown={(e) => e.key === "Escape" && close()}
            >
              <option value="" disabled>
                {t("presence.attendance.notYet")}
              </option>
              {ATTENDANCE.map((a) => (
                <option key={a} value={a}>
                  {t(`meetings.room.attendance.${a}`)}
                </option>
              ))}
            </select>{" "}
            <button type="button" className="link-button" onClick={close}>
              {t("presence.attendance.close")}
            </button>
          </span>
        ) : (
          <button
            ref={toggleRef}
            type="button"
            className="link-button"
            aria-label={t("presence.attendance.correctOf", { name: p.name })}
            onClick={() => setCorrecting(true)}
          >
            {t("presence.attendance.correct")}
          </button>
        ))}
    </li>
  );
}
