import { eq } from "drizzle-orm";
import { agendaItems, meetings } from "../../db/schema/index.ts";
import type { Viewer } from "../auth/policy.ts";
import type { Services } from "../services.ts";
import { readStanding } from "./meetingStanding.ts";
import { createMeetingViews } from "./meetingViews.ts";
import { audienceOf, itemAccess, notesModeOf } from "./recordView.ts";

/**
 * Need to know for the collaborative notes of an agenda item (Yjs document
 * `agenda-item:<agendaItemId>`), for the notes module's authorisation callback: the
 * record view on the person's standing as the database says now. Notes are for those
 * who see the item in full; never for a display, never before the confidentiality
 * statement is accepted, and read-only once the meeting has ended.
 */
export function canAccessNotesOf(services: Pick<Services, "database">) {
  const { db } = services.database;
  const views = createMeetingViews(db);
  return function canAccessItemNotes(
    viewer: Viewer | null,
    agendaItemId: string,
    mode: "read" | "write",
    options: { display?: boolean } = {},
  ): boolean {
    if (!viewer) return false;
    const row = db
      .select({ meetingId: agendaItems.meetingId, networkId: meetings.networkId, status: meetings.status })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(eq(agendaItems.id, agendaItemId))
      .get();
    if (!row) return false;
    const audience = audienceOf(
      readStanding(db, viewer.personId, { id: row.meetingId, networkId: row.networkId }),
      options.display ?? false,
    );
    const item = views.itemFacts(db, row.meetingId).find((i) => i.id === agendaItemId);
    if (!audience || !item) return false;
    const allowed = notesModeOf(audience, itemAccess(audience, item), row.status);
    return allowed === "write" || (allowed === "read" && mode === "read");
  };
}
