import { eq } from "drizzle-orm";
import { AGENDA_ITEM_NOTES_PREFIX } from "../../app/contract/meetingProtocol.ts";
import type { Services } from "../services.ts";
import { canAccessNotesOf } from "./notesAccess.ts";

const itemOf = (doc: string) =>
  doc.startsWith(`${AGENDA_ITEM_NOTES_PREFIX}:`) ? doc.slice(AGENDA_ITEM_NOTES_PREFIX.length + 1) : null;

/** Lets the notes module open `agenda-item:<id>` documents, on the meeting room's need to know. */
export function registerMeetingNotes(services: Pick<Services, "database" | "notes">): void {
  const { store } = services.database;
  const { t } = store;
  const canAccess = canAccessNotesOf(services);
  services.notes.registerNotesAccess(
    AGENDA_ITEM_NOTES_PREFIX,
    (person, doc, mode) => {
      const itemId = itemOf(doc);
      return itemId !== null && canAccess(person, itemId, mode);
    },
    {
      networkOf: async (doc) => {
        const itemId = itemOf(doc);
        if (!itemId) return null;
        const [meeting] = await store.db
          .select({ networkId: t.meetings.networkId })
          .from(t.agendaItems)
          .innerJoin(t.meetings, eq(t.meetings.id, t.agendaItems.meetingId))
          .where(eq(t.agendaItems.id, itemId));
        return meeting?.networkId ?? null;
      },
    },
  );
}
