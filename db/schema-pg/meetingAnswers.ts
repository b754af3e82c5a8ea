import { pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { MEETING_ANSWERS } from "../../app/contract/vocabulary.ts";
import { now } from "./columns.ts";
import { meetings } from "./meetings.ts";
import { persons } from "./people.ts";

/** The PostgreSQL twin of db/schema/meetingAnswers.ts (decision 0040). */
export const meetingAnswers = pgTable(
  "meeting_answers",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    answer: text("answer", { enum: MEETING_ANSWERS }).notNull(),
    delegateName: text("delegate_name"),
    answeredAt: now("answered_at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);
