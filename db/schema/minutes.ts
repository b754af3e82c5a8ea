import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { meetings } from "./meetings.ts";
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
    /** JSON: the full `Minutes` model, as approved. */
    model: text("model").notNull(),
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
  },
  (t) => [uniqueIndex("minutes_versions_meeting_version").on(t.meetingId, t.version)],
);
