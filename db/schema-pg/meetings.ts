import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  ACTION_REVIEWS,
  AGENDA_ITEM_KINDS,
  AGENDA_ITEM_STATUSES,
  AGENDA_REASONS,
  AGENDA_SECTIONS,
  ATTENDANCE,
  MEETING_STATUSES,
  type Language,
} from "../../app/contract/vocabulary.ts";
import { cases, signals, tasks } from "./cases.ts";
import { moment, now } from "./columns.ts";
import { agencies, networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/meetings.ts (decision 0040).

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

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    position: integer("position").notNull(),
    section: text("section", { enum: AGENDA_SECTIONS }).notNull(),
    reason: text("reason", { enum: AGENDA_REASONS }).notNull(),
    kind: text("kind", { enum: AGENDA_ITEM_KINDS }).notNull(),
    title: text("title").notNull(),
    caseId: text("case_id").references(() => cases.id),
    signalId: text("signal_id").references(() => signals.id),
    plannedMinutes: integer("planned_minutes").notNull(),
    status: text("status", { enum: AGENDA_ITEM_STATUSES }).notNull().default("pending"),
    spentMs: integer("spent_ms").notNull().default(0),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

export const agendaItemGuests = pgTable(
  "agenda_item_guests",
  {
    itemId: text("item_id")
      .notNull()
      .references(() => agendaItems.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.personId] })],
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

export const meetingEvents = pgTable(
  "meeting_events",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    itemId: text("item_id"),
    payload: text("payload").notNull(),
    actorId: text("actor_id").references(() => persons.id),
    at: now("at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] })],
);

export const meetingOps = pgTable(
  "meeting_ops",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    opId: text("op_id").notNull(),
    seq: integer("seq").notNull(),
    ack: text("ack").notNull(),
    at: now("at"),
  },
  (t) => [uniqueIndex("meeting_ops_op").on(t.meetingId, t.personId, t.opId)],
);

export const taskProposals = pgTable(
  "task_proposals",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    itemId: text("item_id")
      .notNull()
      .references(() => agendaItems.id),
    what: text("what").notNull(),
    ownerAgencyId: text("owner_agency_id")
      .notNull()
      .references(() => agencies.id),
    ownerPersonId: text("owner_person_id").references(() => persons.id),
    goalId: text("goal_id"),
    dueOn: text("due_on").notNull(),
    proposedBy: text("proposed_by")
      .notNull()
      .references(() => persons.id),
    status: text("status", { enum: ["open", "accepted", "declined"] })
      .notNull()
      .default("open"),
    taskId: text("task_id"),
    proposedAt: now("proposed_at"),
  },
  (t) => [index("task_proposals_item").on(t.itemId)],
);

export const actionReviews = pgTable(
  "action_reviews",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    outcome: text("outcome", { enum: ACTION_REVIEWS }).notNull(),
    reviewedBy: text("reviewed_by")
      .notNull()
      .references(() => persons.id),
    reviewedAt: now("reviewed_at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.taskId] })],
);

export const raisedHands = pgTable(
  "raised_hands",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    raisedAt: now("raised_at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);
