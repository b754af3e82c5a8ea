import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { moment } from "./columns.ts";

/**
 * The PostgreSQL twin of db/schema/audit.ts (decision 0040). `id` may be given (db:copy keeps
 * the chain's ids), else the identity numbers it. `details` stays text: it is the
 * exact string the hash covers, and jsonb would reorder its keys.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: moment("at").notNull(),
    actorId: text("actor_id"),
    networkId: text("network_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    details: text("details").notNull(),
    ip: text("ip"),
    ipHash: text("ip_hash"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_network_at").on(t.networkId, t.at), index("audit_log_actor_at").on(t.actorId, t.at)],
);
