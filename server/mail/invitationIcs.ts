import { createEvent } from "ics";

/** One person's calendar invitation to one meeting, as iTIP (RFC 5546) says. */
export interface CalendarInvitation {
  method: "REQUEST" | "CANCEL";
  /** The same for every invitation, update and cancellation of one meeting. */
  uid: string;
  /** Raised at each change of the meeting; a calendar keeps the highest it has seen. */
  sequence: number;
  /** SUMMARY and DESCRIPTION, in the attendee's language. */
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  place: string | null;
  callLink: string | null;
  organizer: { name: string; email: string };
  /** The one person this copy is for: nobody learns who else is invited. */
  attendee: { name: string; email: string };
}

/**
 * The `.ics` of an invitation, update or cancellation. A REQUEST asks the attendee to
 * answer (RSVP); a CANCEL carries STATUS:CANCELLED with the same UID and a higher
 * SEQUENCE, so calendars remove the entry they have. No case content: title, time,
 * place and call link only; the words are the attendee's, the structure the same for all.
 */
export function invitationIcs(inv: CalendarInvitation): string {
  const { error, value } = createEvent({
    method: inv.method,
    productId: "casetable/invitations",
    uid: inv.uid,
    sequence: inv.sequence,
    title: inv.title,
    start: new Date(inv.startsAt).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(inv.endsAt).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    ...(inv.place ? { location: inv.place } : {}),
    ...(inv.callLink ? { url: inv.callLink } : {}),
    ...(inv.description ? { description: inv.description } : {}),
    status: inv.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    busyStatus: inv.method === "CANCEL" ? "FREE" : "BUSY",
    classification: "CONFIDENTIAL",
    organizer: inv.organizer,
    attendees: [
      {
        name: inv.attendee.name,
        email: inv.attendee.email,
        rsvp: inv.method === "REQUEST",
        partstat: "NEEDS-ACTION",
        role: "REQ-PARTICIPANT",
        cutype: "INDIVIDUAL",
      },
    ],
  });
  if (error || !value) throw error ?? new Error("The calendar invitation could not be made.");
  return value;
}
