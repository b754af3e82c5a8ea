import { sql } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { agendaItems, meetings } from "./meetings.ts";
import { persons } from "./people.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    // Set by the app to the millisecond (ordering within a second); the database default is whole seconds.
    .$defaultFn(() => new Date());

export const MINUTES_STATUSES = ["approved", "distributed"] as const;

/**
 * Approved minutes of a meeting, frozen: the full model as approved, and the full PDF
 * as written to the archive with its SHA-256. A correction after approval makes the next
 * version, which says what changed and why; no row is ever rewritten except its status
 * moving from approved to distributed. The draft is not stored: it is built live from
 * the meeting until the chair approves it.
 */
export const minutesVersions = sqliteTable(
  "minutes_versions",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    version: integer("version").notNull(),
    status: text("status", { enum: MINUTES_STATUSES }).notNull().default("approved"),
    /** The full `Minutes` model, as approved (checked against its schema when read). */
    model: text("model", { mode: "json" }).notNull().$type<unknown>(),
    pdfSha256: text("pdf_sha256").notNull(),
    /** Relative to ARCHIVE_DIR, with "/": `<network>/<meeting>/minutes-v<N>-<id>.pdf`. */
    pdfPath: text("pdf_path").notNull(),
    /** What changed since the previous version and why; null for version 1. */
    changeNote: text("change_note"),
    approvedBy: text("approved_by")
      .notNull()
      .references(() => persons.id),
    approvedAt: now("approved_at"),
    distributedBy: text("distributed_by").references(() => persons.id),
    distributedAt: integer("distributed_at", { mode: "timestamp_ms" }),
    /** The retention schedule removed the PDF and the items of the frozen model on this day. */
    purgedAt: integer("purged_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("minutes_versions_meeting_version").on(t.meetingId, t.version)],
);

/**
 * The coordinator's wording of one agenda item in the minutes, before approval (rich
 * text, ProseMirror JSON). `firstDraft` is what they first saved, so the chair sees what
 * changed since. The record (decisions, views, tasks) is not here: it changes only
 * through the audited correction command.
 */
export const minutesWording = sqliteTable("minutes_wording", {
  itemId: text("item_id")
    .primaryKey()
    .references(() => agendaItems.id),
  meetingId: text("meeting_id")
    .notNull()
    .references(() => meetings.id),
  /** ProseMirror JSON, checked against the note schema when read; so is the first draft. */
  doc: text("doc", { mode: "json" }).notNull().$type<unknown>(),
  firstDraft: text("first_draft", { mode: "json" }).notNull().$type<unknown>(),
  updatedBy: text("updated_by")
    .notNull()
    .references(() => persons.id),
  updatedAt: now("updated_at"),
});

/** A recipient opened their own copy of a distributed version: the receipt (link delivery). */
export const minutesReceipts = sqliteTable(
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
