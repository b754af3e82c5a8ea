import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agendaItemGuests,
  agendaItems,
  meetingParticipants,
  meetings,
  memberships,
  networks,
  persons,
} from "../../db/schema/index.ts";
import type { DeliveryRow, Outbox } from "./outbox.ts";

// Who is invited to a meeting, and what each one's invitation says: written as pending
// deliveries of kind "invitation" in the transaction that schedules, moves or cancels the
// meeting (decision 0023). The payload is a snapshot of the meeting at that moment, so a
// mail composed later (a retry) still says what was true when it was decided.

export const INVITATION_KIND = "invitation";

/** Why the mail goes out: the first invitation, a change of time or place, or the cancellation. */
export type InvitationChange = "invited" | "moved" | "cancelled";

export interface InvitationPayload {
  change: InvitationChange;
  /** RFC 5546: REQUEST for an invitation or an update, CANCEL for a cancellation. */
  method: "REQUEST" | "CANCEL";
  uid: string;
  sequence: number;
  networkName: string;
  timeZone: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  callLink: string | null;
  recipientName: string;
  /** A guest is invited to their own items' time, not the whole meeting. */
  guestSlot: boolean;
  /** The meeting's answer page; the person's answer is added as a query. */
  answerUrl: string;
}

type Tx = Pick<Db, "select" | "insert" | "update">;

/** The calendar UID of a meeting: one per meeting, whatever changes. */
export const calendarUidOf = (meetingId: string) => `meeting-${meetingId}@casetable`;

/**
 * Start and end of each guest's part of the meeting, from the agenda's planned minutes:
 * from the start of their first item to the end of their last.
 */
function guestSlots(tx: Tx, meetingId: string, startsAt: Date): Map<string, { start: Date; end: Date }> {
  const items = tx
    .select({ id: agendaItems.id, minutes: agendaItems.plannedMinutes })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all();
  const guests = tx
    .select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId })
    .from(agendaItemGuests)
    .where(
      inArray(
        agendaItemGuests.itemId,
        items.map((i) => i.id),
      ),
    )
    .all();
  const slots = new Map<string, { start: Date; end: Date }>();
  let at = startsAt.getTime();
  for (const item of items) {
    const start = at;
    at += item.minutes * 60_000;
    for (const g of guests.filter((x) => x.itemId === item.id)) {
      const slot = slots.get(g.personId);
      slots.set(g.personId, { start: slot?.start ?? new Date(start), end: new Date(at) });
    }
  }
  return slots;
}

/** The planned end of the whole meeting: its start plus every item's planned minutes. */
function plannedEnd(tx: Tx, meetingId: string, startsAt: Date): Date {
  const items = tx
    .select({ minutes: agendaItems.plannedMinutes })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .all();
  return new Date(startsAt.getTime() + items.reduce((sum, i) => sum + i.minutes, 0) * 60_000);
}

/**
 * Writes one pending invitation per invited person who is still a member of the network
 * (or only for `onlyPersonIds`), each with only that person as attendee. Returns the rows
 * to announce once the caller's transaction has committed.
 */
export function enqueueInvitations(
  tx: Tx,
  outbox: Outbox,
  input: { meetingId: string; change: InvitationChange; origin: string; onlyPersonIds?: string[] },
): DeliveryRow[] {
  const meeting = tx.select().from(meetings).where(eq(meetings.id, input.meetingId)).get();
  if (!meeting) return [];
  const network = tx.select().from(networks).where(eq(networks.id, meeting.networkId)).get()!;
  const invited = tx
    .select({ personId: persons.id, name: persons.name, email: persons.email, role: memberships.role })
    .from(meetingParticipants)
    .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
    .innerJoin(
      memberships,
      and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, meeting.networkId)),
    )
    .where(eq(meetingParticipants.meetingId, meeting.id))
    .all()
    .filter((p) => !input.onlyPersonIds || input.onlyPersonIds.includes(p.personId));
  const slots = guestSlots(tx, meeting.id, meeting.startsAt);
  const end = plannedEnd(tx, meeting.id, meeting.startsAt);
  return outbox.enqueue(
    tx,
    invited.map((p) => {
      const slot = p.role === "guest" ? slots.get(p.personId) : undefined;
      const payload: InvitationPayload = {
        change: input.change,
        method: input.change === "cancelled" ? "CANCEL" : "REQUEST",
        uid: calendarUidOf(meeting.id),
        sequence: meeting.invitationSequence,
        networkName: network.name,
        timeZone: network.timeZone,
        title: meeting.title,
        startsAt: (slot?.start ?? meeting.startsAt).toISOString(),
        endsAt: (slot?.end ?? end).toISOString(),
        place: meeting.place,
        callLink: meeting.callLink,
        recipientName: p.name,
        guestSlot: slot !== undefined,
        answerUrl: `${input.origin}/n/${meeting.networkId}/meetings/${meeting.id}/answer`,
      };
      return {
        kind: INVITATION_KIND,
        meetingId: meeting.id,
        recipientPersonId: p.personId,
        email: p.email,
        payload: payload as unknown as Record<string, unknown>,
      };
    }),
  );
}
