import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex, index } from "drizzle-orm/sqlite-core";

export { ROLES, MANDATES, SECTORS, type Role, type Mandate, type Sector } from "../../app/contract/vocabulary.ts";
import { RETENTION_PERIODS } from "../../app/contract/retention.ts";
import {
  GRADING_SCALES,
  MANDATES,
  MINUTES_DELIVERY,
  ROLES,
  SECTORS,
  type Language,
  type Role,
} from "../../app/contract/vocabulary.ts";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    // Set by the app to the millisecond (ordering within a second); the database default is whole seconds.
    .$defaultFn(() => new Date());

export const persons = sqliteTable("persons", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  isInstanceAdmin: integer("is_instance_admin", { mode: "boolean" }).notNull().default(false),
  /** The language the person chose for Casetable's pages; null: their browser's (Accept-Language). */
  language: text("language").$type<Language>(),
  createdAt: createdAt(),
});

export const networks = sqliteTable("networks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("Europe/Brussels"),
  /** How the network writes dates and times everywhere (room, pages, PDFs, mail): a BCP 47 locale, e.g. en-GB. */
  locale: text("locale").notNull().default("en-GB"),
  /** The language of the network's pages for whoever chose none and whose browser asks for none Casetable speaks. */
  language: text("language").$type<Language>().notNull().default("en"),
  /** The language of its official minutes (the archived original); null: its default language. */
  minutesLanguage: text("minutes_language").$type<Language>(),
  /** The source-grading scale the group chose. */
  gradingScale: text("grading_scale", { enum: GRADING_SCALES }).notNull().default("admiralty"),
  /** The marking on every page of its documents, e.g. OFFICIAL-SENSITIVE; null: the default in each document's language. */
  classification: text("classification"),
  /** What every participant accepts before a meeting shows them any case; a new text gets a new version. */
  confidentialityStatement: text("confidentiality_statement")
    .notNull()
    .default(
      "What is shared at this table stays at this table. I use it only to choose the right support for the person discussed, I share it only with those in my agency who need to know, and I keep no copies outside Casetable.",
    ),
  confidentialityVersion: integer("confidentiality_version").notNull().default(1),
  /** The roles besides chair that may hold the accountable officer's task (JSON); the chair always may. */
  accountableOfficerRoles: text("accountable_officer_roles", { mode: "json" }).$type<Role[]>().notNull().default([]),
  /** Minutes are due this many working days after the meeting (the MARAC habit: three). */
  minutesDueDays: integer("minutes_due_days").notNull().default(3),
  /** How minutes reach people: the PDF attached, or a notice with a link that needs sign-in. */
  minutesDelivery: text("minutes_delivery", { enum: MINUTES_DELIVERY }).notNull().default("attach"),
  /** Agencies that have not posted their update for a meeting's items are reminded this many days before it. */
  updateReminderDays: integer("update_reminder_days").notNull().default(3),
  /** The roles whose holders must sign in with a second factor (JSON; asked to enrol at their next sign-in). */
  secondFactorRoles: text("second_factor_roles", { mode: "json" })
    .$type<Role[]>()
    .notNull()
    .default(["admin", "chair", "coordinator"]),
  // The retention schedule (decision 0033): how long each kind of data is kept before the purge removes it.
  /** A closed case's identity (subject and reporters), years after its last fade-out check. */
  keepIdentityYears: integer("keep_identity_years").notNull().default(RETENTION_PERIODS.identityYears.default),
  /** Addresses in the audit log, days. */
  keepAuditAddressDays: integer("keep_audit_address_days")
    .notNull()
    .default(RETENTION_PERIODS.auditAddressDays.default),
  /** Addresses of front-line workers who sent a report through an intake link, days. */
  keepIntakeAddressDays: integer("keep_intake_address_days")
    .notNull()
    .default(RETENTION_PERIODS.intakeAddressDays.default),
  /** Mail files (`.eml` in the outbox), days after delivery. */
  keepMailDays: integer("keep_mail_days").notNull().default(RETENTION_PERIODS.mailDays.default),
  /** Archived minutes (the PDFs and their frozen content), years after approval. */
  keepMinutesYears: integer("keep_minutes_years").notNull().default(RETENTION_PERIODS.minutesYears.default),
  /** A closed case's whole content (file, decisions, plans, notes), years after its last fade-out check. */
  keepCaseYears: integer("keep_case_years").notNull().default(RETENTION_PERIODS.caseYears.default),
  createdAt: createdAt(),
});

export const agencies = sqliteTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    name: text("name").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agencies_network_name").on(t.networkId, t.name)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: ROLES }).notNull(),
    mandate: text("mandate", { enum: MANDATES }).notNull(),
    isAccountableOfficer: integer("is_accountable_officer", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_person_network").on(t.personId, t.networkId),
    index("memberships_network").on(t.networkId),
  ],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    role: text("role", { enum: ROLES }).notNull(),
    mandate: text("mandate", { enum: MANDATES }).notNull(),
    email: text("email").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => persons.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    acceptedBy: text("accepted_by").references(() => persons.id),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("invitations_network").on(t.networkId)],
);

/**
 * A change of membership that gives more power (admin, chair or coordinator, or the
 * accountable officer's task). It waits here until a second admin or coordinator confirms
 * it; the membership itself is untouched until then.
 */
export const membershipGrants = sqliteTable(
  "membership_grants",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    membershipId: text("membership_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    mandate: text("mandate", { enum: MANDATES }).notNull(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    isAccountableOfficer: integer("is_accountable_officer", { mode: "boolean" }).notNull(),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => persons.id),
    requestedAt: createdAt(),
    status: text("status", { enum: ["pending", "confirmed", "cancelled"] })
      .notNull()
      .default("pending"),
    decidedBy: text("decided_by").references(() => persons.id),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("membership_grants_network").on(t.networkId, t.status)],
);
