import type { MeetingCommandInputs, MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import type { DateStyle } from "../../contract/dates.ts";
import { AttendanceList as Attendees } from "../attendance/AttendanceList.tsx";
import { MyAttendance } from "../attendance/MyAttendance.tsx";

type Send = (name: "attendance:set", payload: MeetingCommandInputs["attendance:set"]) => unknown;

/** Who is here, as presence says (the chair corrects a line), and how I take part. */
export function AttendanceList({
  snapshot: s,
  myPersonId,
  mayCorrect,
  send,
  dates,
}: {
  snapshot: MeetingSnapshot;
  myPersonId: string;
  mayCorrect: boolean;
  send: Send;
  dates: DateStyle;
}) {
  const me = s.participants.find((p) => p.personId === myPersonId);
  const open = s.meeting.status !== "ended";
  return (
    <>
      {me && open && (
        <MyAttendance
          attendance={me.attendance}
          onChoose={(attendance) => void send("attendance:set", { personId: myPersonId, attendance })}
        />
      )}
      <Attendees
        participants={s.participants}
        dates={dates}
        onCorrect={
          mayCorrect && open
            ? (personId, attendance) => void send("attendance:set", { personId, attendance })
            : undefined
        }
      />
    </>
  );
}
