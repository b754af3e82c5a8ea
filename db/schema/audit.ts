import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id"),
    networkId: text("network_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    details: text("details").notNull(),
    ip: text("ip"),
    /**
     * A keyed hash of the address; the chain covers it instead of the address, so the
     * address can be cleared after its retention and the chain still verifies (decision 0029).
     * Null on entries from before, whose chain covers the address itself.
     */
    ipHash: text("ip_hash"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_network_at").on(t.networkId, t.at), index("audit_log_actor_at").on(t.actorId, t.at)],
);
