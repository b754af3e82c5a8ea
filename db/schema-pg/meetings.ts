import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ATTENDANCE, MEETING_STATUSES, type Language } from "../../app/contract/vocabulary.ts";
import { moment, now } from "./columns.ts";
import { agencies, networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/meetings.ts (decision 0040); its other tables come with
// the services that use them.

export const meetings = pgTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    title: text("title").notNull(),
    startsAt: moment("starts_at").notNull(),
    place: text("place"),
    callLink: text("call_link"),
    template: text("template").notNull(),
    language: text("language").$type<Language>().notNull(),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("scheduled"),
    invitationSequence: integer("invitation_sequence").notNull().default(0),
    currentItemId: text("current_item_id"),
    timerStartedAt: moment("timer_started_at"),
    timerElapsedMs: integer("timer_elapsed_ms").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    previousMeetingId: text("previous_meeting_id"),
    round: text("round"),
    createdBy: text("created_by")
      .notNull()
      .references(() => persons.id),
    createdAt: now("created_at"),
    startedAt: moment("started_at"),
    endedAt: moment("ended_at"),
  },
  (t) => [index("meetings_network_starts").on(t.networkId, t.startsAt)],
);

export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    mandate: text("mandate").notNull(),
    attendance: text("attendance", { enum: ATTENDANCE }),
    joinedAt: moment("joined_at"),
    leftAt: moment("left_at"),
    attendanceSetBy: text("attendance_set_by").references(() => persons.id),
    confidentialityVersion: integer("confidentiality_version"),
    confidentialityAcceptedAt: moment("confidentiality_accepted_at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);
