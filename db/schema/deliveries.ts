import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { meetings } from "./meetings.ts";
import { minutesVersions } from "./minutes.ts";
import { persons } from "./people.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date());

/**
 * - `pending`: waiting for the mail worker (from `next_attempt_at` on, when set);
 * - `sending`: claimed by a worker, which is composing or sending it;
 * - `sent`: the mail server accepted it (or it was written into the outbox folder);
 * - `failed`: not accepted, may pass later; tried again automatically while `next_attempt_at` is set, else on a person's request;
 * - `refused`: the mail server said no for good (5xx);
 * - `unknown`: the whole message went out but no answer came (timeout, lost connection,
 *   server stopped): it may have arrived; sent again only on a person's explicit decision.
 */
export const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "refused", "unknown"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One mail Casetable sends, as a durable job: written (pending) in the same transaction as
 * what it announces, then sent by the mail worker. The row is the one record of the mail.
 * Its id is the message's Message-ID (`<id@casetable>`) and the name of the composed
 * message kept in `OUTBOX_DIR/pending/` until it is sent, so any resend is the same message.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    /** What the mail is, which says how to compose it: `minutes`, `action_plan` (later invitations, reminders). */
    kind: text("kind").notNull(),
    meetingId: text("meeting_id").references(() => meetings.id),
    minutesVersionId: text("minutes_version_id").references(() => minutesVersions.id),
    recipientPersonId: text("recipient_person_id")
      .notNull()
      .references(() => persons.id),
    email: text("email").notNull(),
    /** What composing needs beyond the columns, e.g. the case and plan version of an action plan. */
    payload: text("payload", { mode: "json" }).$type<object>().notNull().default({}),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Earliest next automatic attempt of a pending or failed delivery; null: none planned. */
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    /** The worker sending it (one life of one node's worker), while `sending`. */
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    /** The named node whose worker claimed it (NODE_NAME): that node restarted takes it back at once. */
    claimedNode: text("claimed_node"),
    /**
     * The claim holds until then; the worker renews it while it composes and sends. After it,
     * any node's worker takes the delivery back (its node is gone or stuck, decision 0045).
     */
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    /** In the current attempt, the whole message has been handed to the mail server. */
    dataSentAt: integer("data_sent_at", { mode: "timestamp_ms" }),
    /** Why it failed, was refused or is unknown. */
    reason: text("reason"),
    /** SHA-256 of the message as composed: what was sent is provable later. */
    sha256: text("sha256"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    /** The retention schedule removed the mail's files from the outbox on this day. */
    filesPurgedAt: integer("files_purged_at", { mode: "timestamp_ms" }),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
  },
  (t) => [
    index("deliveries_due").on(t.state, t.nextAttemptAt),
    index("deliveries_minutes_version").on(t.minutesVersionId),
  ],
);
