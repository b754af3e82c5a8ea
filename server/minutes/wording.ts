import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agendaItems, minutesWording } from "../../db/schema/index.ts";
import { noteDocSchema, type NoteDoc } from "../documents/minutesModel.ts";
import { sanitizeWording } from "./wordingDoc.ts";

// The coordinator's wording of each item of the minutes, kept apart from the record: the
// text can be rewritten until the chair approves, the decisions, views and tasks cannot
// (they change only through the audited correction command). The first saved text is kept
// as the coordinator's first draft, so the chair sees what changed since.

const parseDoc = (json: string): NoteDoc => noteDocSchema.parse(JSON.parse(json));

export function createMinutesWording(db: Db) {
  return {
    /** Each item's current wording, by item id. */
    current(meetingId: string): Map<string, NoteDoc> {
      return new Map(
        db
          .select()
          .from(minutesWording)
          .where(eq(minutesWording.meetingId, meetingId))
          .all()
          .map((r) => [r.itemId, parseDoc(r.doc)]),
      );
    },

    /** Each item's wording now and as first drafted, by item id. */
    drafts(meetingId: string): Map<string, { doc: NoteDoc; firstDraft: NoteDoc; updatedAt: Date }> {
      return new Map(
        db
          .select()
          .from(minutesWording)
          .where(eq(minutesWording.meetingId, meetingId))
          .all()
          .map((r) => [r.itemId, { doc: parseDoc(r.doc), firstDraft: parseDoc(r.firstDraft), updatedAt: r.updatedAt }]),
      );
    },

    /**
     * Saves an item's wording, cut down to what minutes may hold (./wordingDoc.ts). The
     * first save is also the first draft. Returns false when the item is not on this
     * meeting's agenda; the caller checks who may and when.
     */
    save(meetingId: string, itemId: string, doc: NoteDoc, personId: string, tx: Pick<Db, "select" | "insert"> = db) {
      const item = tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
        .get();
      if (!item) return false;
      const json = JSON.stringify(sanitizeWording(noteDocSchema.parse(doc)));
      tx.insert(minutesWording)
        .values({ itemId, meetingId, doc: json, firstDraft: json, updatedBy: personId, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: minutesWording.itemId,
          set: { doc: json, updatedBy: personId, updatedAt: new Date() },
        })
        .run();
      return true;
    },
  };
}
