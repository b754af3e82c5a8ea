import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bytes, moment } from "./columns.ts";

// The PostgreSQL twin of db/schema/notes.ts (decision 0040).

export const noteUpdates = pgTable(
  "note_updates",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    doc: text("doc").notNull(),
    update: bytes("update").notNull(),
    at: moment("at").notNull(),
  },
  (t) => [index("note_updates_doc").on(t.doc, t.id)],
);
