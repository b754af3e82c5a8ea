import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ACCESS_REQUEST_KINDS, ACCESS_REQUEST_STATUSES } from "../../app/contract/accessRequests.ts";
import { cases } from "./cases.ts";
import { networks, persons } from "./people.ts";

/**
 * A data subject's request about one case (GDPR art. 15, 17, 18): an export of what is
 * held, a restriction, its lifting, or erasure. The coordinator asks; a different person
 * holding the accountable officer's task in the network confirms (decision 0038). The
 * row holds no content: who, when, which case, what was asked.
 */
export const accessRequests = sqliteTable(
  "access_requests",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: ACCESS_REQUEST_KINDS }).notNull(),
    status: text("status", { enum: ACCESS_REQUEST_STATUSES }).notNull().default("open"),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => persons.id),
    requestedAt: integer("requested_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`)
      .$defaultFn(() => new Date()),
    /** Who confirmed or declined it (the accountable officer), or who withdrew it. */
    settledBy: text("settled_by").references(() => persons.id),
    settledAt: integer("settled_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("access_requests_case").on(t.caseId, t.requestedAt)],
);
