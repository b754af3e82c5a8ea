import { index, pgTable, text } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { ACCESS_REQUEST_KINDS, ACCESS_REQUEST_STATUSES } from "../../app/contract/accessRequests.ts";
import { cases } from "./cases.ts";
import { networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/accessRequests.ts (decision 0040).

export const accessRequests = pgTable(
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
    requestedAt: now("requested_at"),
    settledBy: text("settled_by").references(() => persons.id),
    settledAt: moment("settled_at"),
  },
  (t) => [index("access_requests_case").on(t.caseId, t.requestedAt)],
);
