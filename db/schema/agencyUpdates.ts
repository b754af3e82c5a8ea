import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { TASK_PROGRESS } from "../../app/contract/agencyUpdates.ts";
import { AGENCY_VIEWS } from "../../app/contract/vocabulary.ts";
import { cases } from "./cases.ts";
import { agendaItems, meetings } from "./meetings.ts";
import { agencies, networks, persons } from "./people.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date());

/**
 * One involved agency's update on one case item of a meeting, posted ahead of it: new
 * information, its view on a closure proposal (also given as the agency's closure view)
 * and, in `agency_update_tasks`, progress on its open tasks, which change the tasks only
 * once the chair confirms the update in the room. One per agency and item; the agency may
 * change it until the meeting starts.
 */
export const agencyUpdates = sqliteTable(
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
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("agency_updates_item_agency").on(t.itemId, t.agencyId),
    index("agency_updates_meeting").on(t.meetingId),
  ],
);

export const agencyUpdateTasks = sqliteTable(
  "agency_update_tasks",
  {
    updateId: text("update_id")
      .notNull()
      .references(() => agencyUpdates.id),
    // No reference: an action taken out of the plan later leaves its task row; the update keeps what it said.
    taskId: text("task_id").notNull(),
    /** The task as it read when the update was posted. */
    what: text("what").notNull(),
    progress: text("progress", { enum: TASK_PROGRESS }).notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.taskId] })],
);
