import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { DELIVERY_STATES } from "../schema/deliveries.ts";
import { meetings } from "./meetings.ts";
import { minutesVersions } from "./minutes.ts";
import { persons } from "./people.ts";

// The PostgreSQL twin of db/schema/deliveries.ts (decision 0040).

export const deliveries = pgTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    meetingId: text("meeting_id").references(() => meetings.id),
    minutesVersionId: text("minutes_version_id").references(() => minutesVersions.id),
    recipientPersonId: text("recipient_person_id")
      .notNull()
      .references(() => persons.id),
    email: text("email").notNull(),
    payload: jsonb("payload").$type<object>().notNull().default({}),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: moment("next_attempt_at"),
    claimedBy: text("claimed_by"),
    claimedAt: moment("claimed_at"),
    claimedNode: text("claimed_node"),
    leaseUntil: moment("lease_until"),
    dataSentAt: moment("data_sent_at"),
    reason: text("reason"),
    sha256: text("sha256"),
    sentAt: moment("sent_at"),
    filesPurgedAt: moment("files_purged_at"),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
  },
  (t) => [
    index("deliveries_due").on(t.state, t.nextAttemptAt),
    index("deliveries_minutes_version").on(t.minutesVersionId),
  ],
);
