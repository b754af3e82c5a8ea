import { sql } from "drizzle-orm";
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { meetings } from "./meetings.ts";
import { persons } from "./people.ts";
import { MEETING_ANSWERS } from "../../app/contract/vocabulary.ts";

/**
 * What an invited person answered to their invitation: they will attend, or they send
 * apologies (with the name of a delegate who comes in their place, when they send one).
 * One answer per person and meeting; a new answer replaces the last.
 */
export const meetingAnswers = sqliteTable(
  "meeting_answers",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    answer: text("answer", { enum: MEETING_ANSWERS }).notNull(),
    /** Who comes in their place; only with apologies. */
    delegateName: text("delegate_name"),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`)
      .$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);
