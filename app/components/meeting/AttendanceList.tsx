import type { MeetingCommandInputs, MeetingSnapshot, ParticipantView } from "../../contract/meetingProtocol.ts";
import type { PendingCommand } from "../../realtime/meetingClient.ts";
import type { DateStyle } from "../../contract/dates.ts";
import { AttendanceList as Attendees } from "../attendance/AttendanceList.tsx";
import { MyAttendance } from "../attendance/MyAttendance.tsx";

type Send = (name: "attendance:set", payload: MeetingCommandInputs["attendance:set"]) => unknown;

/**
 * The attendance each person will have once the queued changes are taken: a choice shows at
 * once, not when the server answers (and goes back if it is refused).
 */
function asChosen(participants: ParticipantView[], pending: PendingCommand[]): ParticipantView[] {
  const chosen = new Map<string, ParticipantView["attendance"]>();
  for (const c of pending) if (c.name === "attendance:set") chosen.set(c.payload.personId, c.payload.attendance);
  if (chosen.size === 0) return participants;
  return participants.map((p) => (chosen.has(p.personId) ? { ...p, attendance: chosen.get(p.personId)! } : p));
}

/** Who is here, as presence says (the chair corrects a line), and how I take part. */
export function AttendanceList({
  snapshot: s,
  pending,
  myPersonId,
  mayCorrect,
  send,
  dates,
}: {
  snapshot: MeetingSnapshot;
  pending: PendingCommand[];
  myPersonId: string;
  mayCorrect: boolean;
  send: Send;
  dates: DateStyle;
}) {
  const participants = asChosen(s.participants, pending);
  const me = participants.find((p) => p.personId === myPersonId);
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
        participants={participants}
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
