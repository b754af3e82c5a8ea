import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { bytes, moment } from "./columns.ts";

// The PostgreSQL twin of db/schema/notes.ts (decision 0040). Every change typed and every
// compaction takes a new id, for all documents of all networks: bigint, as SQLite's
// integer is, rather than an int32 that a busy installation could exhaust.

export const noteUpdates = pgTable(
  "note_updates",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    doc: text("doc").notNull(),
    update: bytes("update").notNull(),
    at: moment("at").notNull(),
  },
  (t) => [index("note_updates_doc").on(t.doc, t.id)],
);
