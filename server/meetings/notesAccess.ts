import { and, eq } from "drizzle-orm";
import { agendaItemGuests, agendaItems, caseAgencies, meetingParticipants, meetings } from "../../db/schema/index.ts";
import type { Viewer } from "../auth/policy.ts";
import type { Services } from "../services.ts";
import { canAccessNotes } from "./visibility.ts";

/**
 * Need to know for the collaborative notes of an agenda item (Yjs document
 * `agenda-item:<agendaItemId>`), for the notes module's authorisation callback. Notes
 * are never for a display, and never before the confidentiality statement is accepted.
 */
export function canAccessNotesOf(services: Pick<Services, "database">) {
  const { db } = services.database;
  return function canAccessItemNotes(viewer: Viewer | null, agendaItemId: string, mode: "read" | "write", options: { display?: boolean; restricted?: boolean } = {}): boolean {
    if (!viewer) return false;
    const item = db.select({ i: agendaItems, networkId: meetings.networkId }).from(agendaItems).innerJoin(meetings, eq(meetings.id, agendaItems.meetingId)).where(eq(agendaItems.id, agendaItemId)).get();
    if (!item) return false;
    const seat = db.select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, item.i.meetingId), eq(meetingParticipants.personId, viewer.personId))).get();
    const involvedAgencyIds = item.i.caseId ? db.select({ id: caseAgencies.agencyId }).from(caseAgencies).where(eq(caseAgencies.caseId, item.i.caseId)).all().map((r) => r.id) : [];
    const guestPersonIds = db.select({ p: agendaItemGuests.personId }).from(agendaItemGuests).where(eq(agendaItemGuests.itemId, agendaItemId)).all().map((r) => r.p);
    return canAccessNotes(
      viewer,
      { networkId: item.networkId, itemId: agendaItemId, involvedAgencyIds, hasCase: item.i.caseId !== null, restricted: options.restricted ?? false, guestPersonIds, accepted: !!seat?.confidentialityAcceptedAt, display: options.display },
      mode,
    );
  };
}
