import { createEvent } from "ics";

export interface NextMeeting {
  /** Stable per meeting, so a corrected invitation replaces the first in calendars. */
  uid: string;
  title: string;
  startsAt: string | Date;
  endsAt: string | Date | null;
  place: string;
  sequence?: number;
}

// Published, not a REQUEST with an attendee list: the calendar file travels with each
// recipient's copy and must not tell them who else is invited.
export function nextMeetingIcs(m: NextMeeting): string {
  const start = new Date(m.startsAt).getTime();
  const end = m.endsAt ? new Date(m.endsAt).getTime() : start + 2 * 3_600_000;
  const { error, value } = createEvent({
    uid: m.uid,
    title: m.title,
    start,
    startInputType: "utc",
    startOutputType: "utc",
    end,
    endInputType: "utc",
    endOutputType: "utc",
    location: m.place,
    status: "CONFIRMED",
    busyStatus: "BUSY",
    classification: "CONFIDENTIAL",
    productId: "casetable/minutes",
    method: "PUBLISH",
    sequence: m.sequence ?? 0,
  });
  if (error || !value) throw error ?? new Error("The calendar entry could not be made.");
  return value;
}
