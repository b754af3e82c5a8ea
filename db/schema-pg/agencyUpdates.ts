import { index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { TASK_PROGRESS } from "../../app/contract/agencyUpdates.ts";
import { AGENCY_VIEWS } from "../../app/contract/vocabulary.ts";
import { cases } from "./cases.ts";
import { agendaItems, meetings } from "./meetings.ts";
import { agencies, networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/agencyUpdates.ts (decision 0040).

export const agencyUpdates = pgTable(
  "agency_updates",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id),
    itemId: text("item_id")
      .notNull()
      .references(() => agendaItems.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    news: text("news"),
    closureView: text("closure_view", { enum: AGENCY_VIEWS }),
    closureComment: text("closure_comment"),
    postedBy: text("posted_by")
      .notNull()
      .references(() => persons.id),
    postedAt: now("posted_at"),
    confirmedBy: text("confirmed_by").references(() => persons.id),
    confirmedAt: moment("confirmed_at"),
  },
  (t) => [
    uniqueIndex("agency_updates_item_agency").on(t.itemId, t.agencyId),
    index("agency_updates_meeting").on(t.meetingId),
  ],
);

export const agencyUpdateTasks = pgTable(
  "agency_update_tasks",
  {
    updateId: text("update_id")
      .notNull()
      .references(() => agencyUpdates.id),
    taskId: text("task_id").notNull(),
    what: text("what").notNull(),
    progress: text("progress", { enum: TASK_PROGRESS }).notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.taskId] })],
);
