import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { AuthenticatorTransport } from "@simplewebauthn/server";
import { networks, persons } from "./people.ts";

/**
 * A session's stage: `signed_in` is the only one that grants anything. `second_factor`
 * (the password was right, the code or passkey is still owed) and `enrol` (the person's
 * role needs a second factor they do not have yet) reach only their own page.
 */
export const SESSION_STAGES = ["signed_in", "second_factor", "enrol"] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

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
    stage: text("stage", { enum: SESSION_STAGES }).notNull().default("signed_in"),
    /** The WebAuthn challenge this session was last given (registration or sign-in), until answered. */
    webauthnChallenge: text("webauthn_challenge"),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

const at = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  at("created_at")
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    .$defaultFn(() => new Date());

/**
 * An authenticator app (TOTP, RFC 6238): one per person. `secret` is the base32 secret;
 * `lastStep` the 30-second step of the last code accepted, so a code works once.
 * `confirmedAt` is null until the person has typed a first code from it.
 */
export const totpFactors = sqliteTable("totp_factors", {
  personId: text("person_id")
    .primaryKey()
    .references(() => persons.id),
  secret: text("secret").notNull(),
  lastStep: integer("last_step").notNull().default(0),
  confirmedAt: at("confirmed_at"),
  createdAt: createdAt(),
});

/** A passkey (WebAuthn credential): its id (base64url), public key and signature counter. */
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    name: text("name").notNull(),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    counter: integer("counter").notNull().default(0),
    /** The transports the authenticator said it supports (JSON). */
    transports: text("transports", { mode: "json" }).$type<AuthenticatorTransport[]>().notNull().default([]),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
  },
  (t) => [index("passkeys_person").on(t.personId)],
);

/** Single-use recovery codes: only their SHA-256 is kept; shown once when made. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    usedAt: at("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_person").on(t.personId)],
);

/**
 * Resetting someone's second factor: one administrator of the network asks, another
 * confirms (then every factor of the person is removed and their sessions end).
 */
export const secondFactorResets = sqliteTable(
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
    confirmedAt: at("confirmed_at"),
    cancelledAt: at("cancelled_at"),
    createdAt: createdAt(),
  },
  (t) => [index("second_factor_resets_person").on(t.personId)],
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
