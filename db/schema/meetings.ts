import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { cases, signals, tasks } from "./cases.ts";
import { agencies, networks, persons } from "./people.ts";
import {
  AGENDA_ITEM_KINDS,
  AGENDA_ITEM_STATUSES,
  AGENDA_REASONS,
  AGENDA_SECTIONS,
  ACTION_REVIEWS,
  ATTENDANCE,
  MEETING_STATUSES,
  type Language,
} from "../../app/contract/vocabulary.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    // Set by the app to the millisecond (ordering within a second); the database default is whole seconds.
    .$defaultFn(() => new Date());

/** A case conference of a network. `lastSeq` is the sequence number of its newest event. */
export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    title: text("title").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    place: text("place"),
    callLink: text("call_link"),
    template: text("template").notNull(),
    /**
     * The network's language when the meeting was scheduled: what the meeting keeps of its
     * templates' words (the closure questions in its minutes) is in it (issue 15 rule 4).
     */
    language: text("language").$type<Language>().notNull(),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("scheduled"),
    /** The calendar invitations' SEQUENCE: raised at each reschedule and at cancelling (RFC 5546). */
    invitationSequence: integer("invitation_sequence").notNull().default(0),
    currentItemId: text("current_item_id"),
    /** The item timer: when it last started running (null while paused) and time run before that. */
    timerStartedAt: integer("timer_started_at", { mode: "timestamp_ms" }),
    timerElapsedMs: integer("timer_elapsed_ms").notNull().default(0),
    lastSeq: integer("last_seq").notNull().default(0),
    /** The meeting whose deferred items and open tasks this one carries. */
    previousMeetingId: text("previous_meeting_id"),
    /**
     * The round of views the chair called, JSON: the item, the agencies at the table that
     * speak in turn, and whose turn it is; null when no round runs.
     */
    round: text("round"),
    createdBy: text("created_by")
      .notNull()
      .references(() => persons.id),
    createdAt: now("created_at"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("meetings_network_starts").on(t.networkId, t.startsAt)],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    position: integer("position").notNull(),
    section: text("section", { enum: AGENDA_SECTIONS }).notNull(),
    /** Why the item is on the agenda, e.g. `check_in_due`, `new_signal`, `deferred`. */
    reason: text("reason", { enum: AGENDA_REASONS }).notNull(),
    /** What the item is: its title is rendered from this and the case code, in the reader's language. */
    kind: text("kind", { enum: AGENDA_ITEM_KINDS }).notNull(),
    /** The title as typed, for an item of kind `own`; empty for the others. */
    title: text("title").notNull(),
    caseId: text("case_id").references(() => cases.id),
    signalId: text("signal_id").references(() => signals.id),
    plannedMinutes: integer("planned_minutes").notNull(),
    status: text("status", { enum: AGENDA_ITEM_STATUSES }).notNull().default("pending"),
    /** Time the item actually took, summed over its timer runs. */
    spentMs: integer("spent_ms").notNull().default(0),
  },
  (t) => [index("agenda_items_meeting").on(t.meetingId, t.position)],
);

/** A practitioner invited for one item only. */
export const agendaItemGuests = sqliteTable(
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

/**
 * Who is invited, how they attend, and when they accepted which confidentiality statement.
 * Attendance follows presence (server/meetings/attendance.ts): joining the room while the
 * meeting runs sets `joinedAt` (and `on_screen` unless they chose `in_room`), leaving sets
 * `leftAt`, coming back clears it; the chair only corrects (`attendanceSetBy`).
 */
export const meetingParticipants = sqliteTable(
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
    /** When they first joined the running meeting (their screen, or the chair marking them in the room). */
    joinedAt: integer("joined_at", { mode: "timestamp_ms" }),
    /** When they last left it; null while they are there. */
    leftAt: integer("left_at", { mode: "timestamp_ms" }),
    /** Who last set their attendance by hand (the chair correcting, or they choosing in the room); null when by presence alone. */
    attendanceSetBy: text("attendance_set_by").references(() => persons.id),
    confidentialityVersion: integer("confidentiality_version"),
    confidentialityAcceptedAt: integer("confidentiality_accepted_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/** The meeting's event log: what every screen replays, in order. Never changed. */
export const meetingEvents = sqliteTable(
  "meeting_events",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    /** The agenda item the event concerns, so that a guest gets only their items' events. */
    itemId: text("item_id"),
    payload: text("payload").notNull(),
    actorId: text("actor_id").references(() => persons.id),
    at: now("at"),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] })],
);

/** Client operation ids already applied: a retried command is answered, never applied twice. */
export const meetingOps = sqliteTable(
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

/** A task a member proposed from their own screen, until the chair takes it or not. */
export const taskProposals = sqliteTable(
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
    /** The plan goal the task would serve (a goal id of the case's latest plan), or null when it has none. */
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

/** An action of the last meeting, reviewed at this one: done, or why not (MARAC practice). */
export const actionReviews = sqliteTable(
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

/** A raised hand: the queue of who asks to speak, in the order they asked, until the chair clears it. */
export const raisedHands = sqliteTable(
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
