import { index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
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

// The PostgreSQL twin of db/schema/written.ts (decision 0040).

export const writtenProcedures = pgTable(
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
    proposal: jsonb("proposal").notNull().$type<WrittenOutcome>(),
    deadline: moment("deadline").notNull(),
    status: text("status", { enum: ["open", "concluded"] })
      .notNull()
      .default("open"),
    result: text("result", { enum: WRITTEN_RESULTS }),
    note: text("note"),
    openedBy: text("opened_by")
      .notNull()
      .references(() => persons.id),
    openedAt: now("opened_at"),
    concludedBy: text("concluded_by").references(() => persons.id),
    concludedAt: moment("concluded_at"),
    decisionId: text("decision_id").references(() => decisions.id),
    reportedMeetingId: text("reported_meeting_id").references(() => meetings.id),
    reportedItemId: text("reported_item_id").references(() => agendaItems.id),
  },
  (t) => [index("written_procedures_network").on(t.networkId, t.status)],
);

export const writtenAnswers = pgTable(
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
