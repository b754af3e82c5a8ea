import { eq } from "drizzle-orm";
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
  const { store } = services.database;
  const { t } = store;
  const views = createMeetingViews(store);
  return async function canAccessItemNotes(
    viewer: Viewer | null,
    agendaItemId: string,
    mode: "read" | "write",
    options: { display?: boolean } = {},
  ): Promise<boolean> {
    if (!viewer) return false;
    const [row] = await store.db
      .select({ meetingId: t.agendaItems.meetingId, networkId: t.meetings.networkId, status: t.meetings.status })
      .from(t.agendaItems)
      .innerJoin(t.meetings, eq(t.meetings.id, t.agendaItems.meetingId))
      .where(eq(t.agendaItems.id, agendaItemId));
    if (!row) return false;
    const audience = audienceOf(
      await readStanding(t, store.db, viewer.personId, { id: row.meetingId, networkId: row.networkId }),
      options.display ?? false,
    );
    const item = (await views.itemFacts(store.db, row.meetingId)).find((i) => i.id === agendaItemId);
    if (!audience || !item) return false;
    const allowed = notesModeOf(audience, itemAccess(audience, item), row.status);
    return allowed === "write" || (allowed === "read" && mode === "read");
  };
}
