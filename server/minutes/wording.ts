import { and, eq } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import { noteDocSchema, type NoteDoc } from "../documents/minutesModel.ts";
import { sanitizeWording } from "./wordingDoc.ts";

// The coordinator's wording of each item of the minutes, kept apart from the record: the
// text can be rewritten until the chair approves, the decisions, views and tasks cannot
// (they change only through the audited correction command). The first saved text is kept
// as the coordinator's first draft, so the chair sees what changed since.

export function createMinutesWording(store: Store) {
  const { t } = store;
  const rowsOf = (meetingId: string) =>
    store.db.select().from(t.minutesWording).where(eq(t.minutesWording.meetingId, meetingId));

  return {
    /** Each item's current wording, by item id. */
    async current(meetingId: string): Promise<Map<string, NoteDoc>> {
      return new Map((await rowsOf(meetingId)).map((r) => [r.itemId, noteDocSchema.parse(r.doc)]));
    },

    /** Each item's wording now and as first drafted, by item id. */
    async drafts(meetingId: string): Promise<Map<string, { doc: NoteDoc; firstDraft: NoteDoc; updatedAt: Date }>> {
      return new Map(
        (await rowsOf(meetingId)).map((r) => [
          r.itemId,
          { doc: noteDocSchema.parse(r.doc), firstDraft: noteDocSchema.parse(r.firstDraft), updatedAt: r.updatedAt },
        ]),
      );
    },

    /**
     * Saves an item's wording in the caller's transaction, cut down to what minutes may hold
     * (./wordingDoc.ts). The first save is also the first draft. Returns false when the item
     * is not on this meeting's agenda; the caller checks who may and when.
     */
    async save(tx: Query, meetingId: string, itemId: string, doc: NoteDoc, personId: string): Promise<boolean> {
      const [item] = await tx
        .select({ id: t.agendaItems.id })
        .from(t.agendaItems)
        .where(and(eq(t.agendaItems.id, itemId), eq(t.agendaItems.meetingId, meetingId)));
      if (!item) return false;
      const wording = sanitizeWording(noteDocSchema.parse(doc));
      const updatedAt = new Date();
      await tx
        .insert(t.minutesWording)
        .values({ itemId, meetingId, doc: wording, firstDraft: wording, updatedBy: personId, updatedAt })
        .onConflictDoUpdate({ target: t.minutesWording.itemId, set: { doc: wording, updatedBy: personId, updatedAt } });
      return true;
    },
  };
}
