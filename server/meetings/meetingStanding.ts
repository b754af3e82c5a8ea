import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agendaItemGuests, agendaItems, meetingParticipants, memberships } from "../../db/schema/index.ts";
import type { MeetingStanding } from "./recordView.ts";

type Read = Pick<Db, "select">;

/** A person's standing in a meeting, read now (in the caller's transaction when given one). */
export function readStanding(
  tx: Read,
  personId: string,
  meeting: { id: string; networkId: string },
): MeetingStanding | null {
  const membership = tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.networkId, meeting.networkId)))
    .get();
  if (!membership) return null;
  const seat = tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meeting.id), eq(meetingParticipants.personId, personId)))
    .get();
  const guestItemIds = tx
    .select({ itemId: agendaItemGuests.itemId })
    .from(agendaItemGuests)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
    .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItemGuests.personId, personId)))
    .all()
    .map((r) => r.itemId);
  return {
    personId,
    networkId: meeting.networkId,
    role: membership.role,
    agencyId: membership.agencyId,
    isAccountableOfficer: membership.isAccountableOfficer,
    participant: !!seat,
    accepted: !!seat?.confidentialityAcceptedAt,
    guestItemIds,
  };
}
