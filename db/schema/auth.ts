import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { persons } from "./people.ts";

export const sessions = sqliteTable(
  "sessions",
  {
    // The cookie carries a random token; only its SHA-256 is stored, so a copy of the
    // database cannot be used to take over a session.
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch() * 1000)`)
      .$defaultFn(() => new Date()),
    /** The absolute end: sign-in plus the longest a session may live, however active. */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * The last request or socket command; the session ends after the idle timeout without
     * one. (0 for sessions from before it was kept: they end at once.)
     */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`0`)
      .$defaultFn(() => new Date()),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

/**
 * Failed sign-ins, counted by rate-limiter-flexible's SQLite store (server/auth/signInLimit.ts):
 * the table is the one it would create, made here so migrations own it. Keys are
 * `failures:<hash>` and `blocked:<hash>`; an email address is never stored in clear.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

export const setupTokens = sqliteTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date()),
});
