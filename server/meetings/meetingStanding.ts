import { and, eq, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Tables } from "../../db/store.ts";
import type { MeetingStanding } from "./recordView.ts";

const personId = sql.placeholder("personId");
const meetingId = sql.placeholder("meetingId");

/** Read at every command and every join: prepared once per connection (db/prepareOnce.ts). */
const standingQueries = preparedQueries((t, db) => ({
  membership: db
    .select()
    .from(t.memberships)
    .where(and(eq(t.memberships.personId, personId), eq(t.memberships.networkId, sql.placeholder("networkId"))))
    .prepare("standing_membership"),
  seat: db
    .select()
    .from(t.meetingParticipants)
    .where(and(eq(t.meetingParticipants.meetingId, meetingId), eq(t.meetingParticipants.personId, personId)))
    .prepare("standing_seat"),
  guestItems: db
    .select({ itemId: t.agendaItemGuests.itemId })
    .from(t.agendaItemGuests)
    .innerJoin(t.agendaItems, eq(t.agendaItems.id, t.agendaItemGuests.itemId))
    .where(and(eq(t.agendaItems.meetingId, meetingId), eq(t.agendaItemGuests.personId, personId)))
    .prepare("standing_guest_items"),
}));

/** A person's standing in a meeting, read now (in the caller's transaction when given one). */
export async function readStanding(
  t: Tables,
  q: Query,
  personId: string,
  meeting: { id: string; networkId: string },
): Promise<MeetingStanding | null> {
  const queries = standingQueries(t, q);
  const [membership] = await queries.membership.execute({ personId, networkId: meeting.networkId });
  if (!membership) return null;
  const [seat] = await queries.seat.execute({ meetingId: meeting.id, personId });
  const guestItemIds = (await queries.guestItems.execute({ meetingId: meeting.id, personId })).map((r) => r.itemId);
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
