import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Collaborative notes are Yjs documents, kept as the list of updates that made them
 * (they merge in any order). `doc` names the document, e.g. `agenda-item:<id>`.
 */
export const noteUpdates = sqliteTable(
  "note_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    doc: text("doc").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("note_updates_doc").on(t.doc, t.id)],
);
