import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { networks } from "./people.ts";

import { CASE_STAGES } from "./vocabulary.ts";
export { CASE_STAGES, type CaseStage } from "./vocabulary.ts";

// A case is known on every shared screen by its pseudonymous code only; the subject's
// identity is kept apart (see the case register).
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    code: text("code").notNull(),
    stage: text("stage", { enum: CASE_STAGES }).notNull(),
    summary: text("summary").notNull(),
    nextCheckInOn: text("next_check_in_on"),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [uniqueIndex("cases_network_code").on(t.networkId, t.code), index("cases_network_stage").on(t.networkId, t.stage)],
);
