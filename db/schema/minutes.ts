import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { meetings } from "./meetings.ts";
import { persons } from "./people.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    // Set by the app to the millisecond (ordering within a second); the database default is whole seconds.
    .$defaultFn(() => new Date());

export const MINUTES_STATUSES = ["approved", "distributed"] as const;
export const MINUTES_DELIVERY_STATUSES = ["sent", "failed"] as const;

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

/** One mail of a distribution: a person's own copy of the minutes, or an agency's action plan. */
export const minutesDeliveries = sqliteTable(
  "minutes_deliveries",
  {
    id: text("id").primaryKey(),
    versionId: text("version_id")
      .notNull()
      .references(() => minutesVersions.id),
    /** `minutes` (their copy) or `action_plan:<case code>`. */
    kind: text("kind").notNull(),
    recipientPersonId: text("recipient_person_id")
      .notNull()
      .references(() => persons.id),
    email: text("email").notNull(),
    /** The mailer's delivery id: a retry sends the very same message. */
    mailId: text("mail_id").notNull(),
    status: text("status", { enum: MINUTES_DELIVERY_STATUSES }).notNull(),
    reason: text("reason"),
    retryable: integer("retryable", { mode: "boolean" }).notNull().default(false),
    attempts: integer("attempts").notNull().default(1),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("minutes_deliveries_version").on(t.versionId)],
);
