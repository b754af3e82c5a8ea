import { sql } from "drizzle-orm";
import type { AuthenticatorTransport } from "@simplewebauthn/server";
import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { SESSION_STAGES } from "../schema/auth.ts";
import { bytes, moment, now } from "./columns.ts";
import { networks, persons } from "./people.ts";

// The PostgreSQL twin of db/schema/auth.ts (decision 0040).

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    createdAt: now("created_at"),
    expiresAt: moment("expires_at").notNull(),
    // SQLite's default 0 (sessions from before it was kept end at once) is the epoch here.
    lastSeenAt: moment("last_seen_at")
      .notNull()
      .default(sql`'epoch'`)
      .$defaultFn(() => new Date()),
    ip: text("ip"),
    userAgent: text("user_agent"),
    stage: text("stage", { enum: SESSION_STAGES }).notNull().default("signed_in"),
    webauthnChallenge: text("webauthn_challenge"),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

export const totpFactors = pgTable("totp_factors", {
  personId: text("person_id")
    .primaryKey()
    .references(() => persons.id),
  secret: text("secret").notNull(),
  lastStep: integer("last_step").notNull().default(0),
  confirmedAt: moment("confirmed_at"),
  createdAt: now("created_at"),
});

export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    name: text("name").notNull(),
    publicKey: bytes("public_key").notNull(),
    // A WebAuthn signature counter is 32 bits unsigned: past PostgreSQL's integer.
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<AuthenticatorTransport[]>().notNull().default([]),
    createdAt: now("created_at"),
    lastUsedAt: moment("last_used_at"),
  },
  (t) => [index("passkeys_person").on(t.personId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    usedAt: moment("used_at"),
    createdAt: now("created_at"),
  },
  (t) => [index("recovery_codes_person").on(t.personId)],
);

export const secondFactorResets = pgTable(
  "second_factor_resets",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => persons.id),
    reason: text("reason").notNull(),
    confirmedBy: text("confirmed_by").references(() => persons.id),
    confirmedAt: moment("confirmed_at"),
    cancelledAt: moment("cancelled_at"),
    createdAt: now("created_at"),
  },
  (t) => [index("second_factor_resets_person").on(t.personId)],
);

export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  // Milliseconds since 1970, past PostgreSQL's integer; bigint as rate-limiter-flexible's PostgreSQL store makes it.
  expire: bigint("expire", { mode: "number" }),
});

export const setupTokens = pgTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: now("created_at"),
});
