import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import { agendaItemGuests, agendaItems, meetingParticipants, memberships } from "../../db/schema/index.ts";
import type { MeetingStanding } from "./recordView.ts";

type Read = Pick<Db, "select">;

const personId = sql.placeholder("personId");
const meetingId = sql.placeholder("meetingId");

/** Read at every command and every join: prepared once (db/prepareOnce.ts). */
const standingQueries = (db: Read) => ({
  membership: db
    .select()
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.networkId, sql.placeholder("networkId"))))
    .prepare(),
  seat: db
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, personId)))
    .prepare(),
  guestItems: db
    .select({ itemId: agendaItemGuests.itemId })
    .from(agendaItemGuests)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
    .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItemGuests.personId, personId)))
    .prepare(),
});

/** A person's standing in a meeting, read now (in the caller's transaction when given one). */
export function readStanding(
  tx: Read,
  personId: string,
  meeting: { id: string; networkId: string },
): MeetingStanding | null {
  const q = prepareOnce(tx, standingQueries);
  const membership = q.membership.get({ personId, networkId: meeting.networkId });
  if (!membership) return null;
  const seat = q.seat.get({ meetingId: meeting.id, personId });
  const guestItemIds = q.guestItems.all({ meetingId: meeting.id, personId }).map((r) => r.itemId);
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
