import { and, asc, eq, inArray } from "drizzle-orm";
import type { Query, Tables } from "../../db/store.ts";
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

/** The calendar UID of a meeting: one per meeting, whatever changes. */
export const calendarUidOf = (meetingId: string) => `meeting-${meetingId}@casetable`;

/**
 * Start and end of each guest's part of the meeting, from the agenda's planned minutes:
 * from the start of their first item to the end of their last.
 */
function guestSlots(
  items: { id: string; minutes: number }[],
  guests: { itemId: string; personId: string }[],
  startsAt: Date,
): Map<string, { start: Date; end: Date }> {
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
function plannedEnd(items: { minutes: number }[], startsAt: Date): Date {
  return new Date(startsAt.getTime() + items.reduce((sum, i) => sum + i.minutes, 0) * 60_000);
}

/**
 * Writes one pending invitation per invited person who is still a member of the network
 * (or only for `onlyPersonIds`), each with only that person as attendee. Returns the rows
 * to announce once the caller's transaction has committed.
 */
export async function enqueueInvitations(
  t: Tables,
  tx: Query,
  outbox: Outbox,
  input: { meetingId: string; change: InvitationChange; origin: string; onlyPersonIds?: string[] },
): Promise<DeliveryRow[]> {
  const [meeting] = await tx.select().from(t.meetings).where(eq(t.meetings.id, input.meetingId));
  if (!meeting) return [];
  const network = (await tx.select().from(t.networks).where(eq(t.networks.id, meeting.networkId)))[0]!;
  const invited = (
    await tx
      .select({ personId: t.persons.id, name: t.persons.name, email: t.persons.email, role: t.memberships.role })
      .from(t.meetingParticipants)
      .innerJoin(t.persons, eq(t.persons.id, t.meetingParticipants.personId))
      .innerJoin(
        t.memberships,
        and(eq(t.memberships.personId, t.meetingParticipants.personId), eq(t.memberships.networkId, meeting.networkId)),
      )
      .where(eq(t.meetingParticipants.meetingId, meeting.id))
  ).filter((p) => !input.onlyPersonIds || input.onlyPersonIds.includes(p.personId));
  const items = await tx
    .select({ id: t.agendaItems.id, minutes: t.agendaItems.plannedMinutes })
    .from(t.agendaItems)
    .where(eq(t.agendaItems.meetingId, meeting.id))
    .orderBy(asc(t.agendaItems.position));
  const guests = items.length
    ? await tx
        .select({ itemId: t.agendaItemGuests.itemId, personId: t.agendaItemGuests.personId })
        .from(t.agendaItemGuests)
        .where(
          inArray(
            t.agendaItemGuests.itemId,
            items.map((i) => i.id),
          ),
        )
    : [];
  const slots = guestSlots(items, guests, meeting.startsAt);
  const end = plannedEnd(items, meeting.startsAt);
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
        payload,
      };
    }),
  );
}
