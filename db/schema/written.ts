import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { cases, decisions } from "./cases.ts";
import { agendaItems, meetings } from "./meetings.ts";
import { agencies, networks, persons } from "./people.ts";
import {
  WRITTEN_KINDS,
  WRITTEN_REASONS,
  WRITTEN_RESULTS,
  WRITTEN_STANCES,
  type WrittenOutcome,
} from "../../app/contract/writtenProcedure.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date());

/**
 * A decision put to the involved agencies in writing between the meetings. Concluded, it
 * leaves a decision in the case register (`decisionId`, when adopted) and an item on the
 * next meeting's agenda (`reportedItemId`), where the table hears what was decided.
 */
export const writtenProcedures = sqliteTable(
  "written_procedures",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    reason: text("reason", { enum: WRITTEN_REASONS }).notNull(),
    kind: text("kind", { enum: WRITTEN_KINDS }).notNull(),
    /** The proposed outcome with its rationale and what it needs (the room's decision fields). */
    proposal: text("proposal", { mode: "json" }).notNull().$type<WrittenOutcome>(),
    deadline: integer("deadline", { mode: "timestamp_ms" }).notNull(),
    status: text("status", { enum: ["open", "concluded"] })
      .notNull()
      .default("open"),
    result: text("result", { enum: WRITTEN_RESULTS }),
    /** The chair's words at the conclusion. */
    note: text("note"),
    openedBy: text("opened_by")
      .notNull()
      .references(() => persons.id),
    openedAt: now("opened_at"),
    concludedBy: text("concluded_by").references(() => persons.id),
    concludedAt: integer("concluded_at", { mode: "timestamp_ms" }),
    decisionId: text("decision_id").references(() => decisions.id),
    reportedMeetingId: text("reported_meeting_id").references(() => meetings.id),
    reportedItemId: text("reported_item_id").references(() => agendaItems.id),
  },
  (t) => [index("written_procedures_network").on(t.networkId, t.status)],
);

/** Each involved agency's answer: its view with the reason, or that it must report back first. */
export const writtenAnswers = sqliteTable(
  "written_answers",
  {
    procedureId: text("procedure_id")
      .notNull()
      .references(() => writtenProcedures.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    stance: text("stance", { enum: WRITTEN_STANCES }).notNull(),
    reason: text("reason"),
    givenBy: text("given_by")
      .notNull()
      .references(() => persons.id),
    givenAt: now("given_at"),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.agencyId] })],
);
