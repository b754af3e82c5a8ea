import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { MINUTES_STATUSES } from "../schema/minutes.ts";
import { agendaItems, meetings } from "./meetings.ts";
import { persons } from "./people.ts";

// The PostgreSQL twin of db/schema/minutes.ts (decision 0040).

export const minutesVersions = pgTable(
  "minutes_versions",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    version: integer("version").notNull(),
    status: text("status", { enum: MINUTES_STATUSES }).notNull().default("approved"),
    model: jsonb("model").notNull().$type<unknown>(),
    pdfSha256: text("pdf_sha256").notNull(),
    pdfPath: text("pdf_path").notNull(),
    changeNote: text("change_note"),
    approvedBy: text("approved_by")
      .notNull()
      .references(() => persons.id),
    approvedAt: now("approved_at"),
    distributedBy: text("distributed_by").references(() => persons.id),
    distributedAt: moment("distributed_at"),
    purgedAt: moment("purged_at"),
  },
  (t) => [uniqueIndex("minutes_versions_meeting_version").on(t.meetingId, t.version)],
);

export const minutesWording = pgTable("minutes_wording", {
  itemId: text("item_id")
    .primaryKey()
    .references(() => agendaItems.id),
  meetingId: text("meeting_id")
    .notNull()
    .references(() => meetings.id),
  doc: jsonb("doc").notNull().$type<unknown>(),
  firstDraft: jsonb("first_draft").notNull().$type<unknown>(),
  updatedBy: text("updated_by")
    .notNull()
    .references(() => persons.id),
  updatedAt: now("updated_at"),
});

export const minutesReceipts = pgTable(
  "minutes_receipts",
  {
    versionId: text("version_id")
      .notNull()
      .references(() => minutesVersions.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    firstOpenedAt: now("first_opened_at"),
    lastOpenedAt: now("last_opened_at"),
    opened: integer("opened").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.personId] })],
);
