import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
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
import { moment, now } from "./columns.ts";

// The PostgreSQL twin of db/schema/people.ts (decision 0040): the same tables, columns and
// row types; test/unit/schemaDialects.test.ts holds them together.

export const persons = pgTable("persons", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  isInstanceAdmin: boolean("is_instance_admin").notNull().default(false),
  language: text("language").$type<Language>(),
  createdAt: now("created_at"),
});

export const networks = pgTable("networks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("Europe/Brussels"),
  locale: text("locale").notNull().default("en-GB"),
  language: text("language").$type<Language>().notNull().default("en"),
  minutesLanguage: text("minutes_language").$type<Language>(),
  gradingScale: text("grading_scale", { enum: GRADING_SCALES }).notNull().default("admiralty"),
  classification: text("classification"),
  confidentialityStatement: text("confidentiality_statement")
    .notNull()
    .default(
      "What is shared at this table stays at this table. I use it only to choose the right support for the person discussed, I share it only with those in my agency who need to know, and I keep no copies outside Casetable.",
    ),
  confidentialityVersion: integer("confidentiality_version").notNull().default(1),
  accountableOfficerRoles: jsonb("accountable_officer_roles").$type<Role[]>().notNull().default([]),
  minutesDueDays: integer("minutes_due_days").notNull().default(3),
  minutesDelivery: text("minutes_delivery", { enum: MINUTES_DELIVERY }).notNull().default("attach"),
  updateReminderDays: integer("update_reminder_days").notNull().default(3),
  secondFactorRoles: jsonb("second_factor_roles").$type<Role[]>().notNull().default(["admin", "chair", "coordinator"]),
  keepIdentityYears: integer("keep_identity_years").notNull().default(RETENTION_PERIODS.identityYears.default),
  keepAuditAddressDays: integer("keep_audit_address_days")
    .notNull()
    .default(RETENTION_PERIODS.auditAddressDays.default),
  keepIntakeAddressDays: integer("keep_intake_address_days")
    .notNull()
    .default(RETENTION_PERIODS.intakeAddressDays.default),
  keepMailDays: integer("keep_mail_days").notNull().default(RETENTION_PERIODS.mailDays.default),
  keepMinutesYears: integer("keep_minutes_years").notNull().default(RETENTION_PERIODS.minutesYears.default),
  keepCaseYears: integer("keep_case_years").notNull().default(RETENTION_PERIODS.caseYears.default),
  createdAt: now("created_at"),
});

export const agencies = pgTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    name: text("name").notNull(),
    sector: text("sector", { enum: SECTORS }).notNull(),
    createdAt: now("created_at"),
  },
  (t) => [uniqueIndex("agencies_network_name").on(t.networkId, t.name)],
);

export const memberships = pgTable(
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
    isAccountableOfficer: boolean("is_accountable_officer").notNull().default(false),
    createdAt: now("created_at"),
  },
  (t) => [
    uniqueIndex("memberships_person_network").on(t.personId, t.networkId),
    index("memberships_network").on(t.networkId),
  ],
);

export const invitations = pgTable(
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
    createdAt: now("created_at"),
    expiresAt: moment("expires_at").notNull(),
    acceptedAt: moment("accepted_at"),
    acceptedBy: text("accepted_by").references(() => persons.id),
    revokedAt: moment("revoked_at"),
  },
  (t) => [index("invitations_network").on(t.networkId)],
);

export const membershipGrants = pgTable(
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
    isAccountableOfficer: boolean("is_accountable_officer").notNull(),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => persons.id),
    requestedAt: now("created_at"),
    status: text("status", { enum: ["pending", "confirmed", "cancelled"] })
      .notNull()
      .default("pending"),
    decidedBy: text("decided_by").references(() => persons.id),
    decidedAt: moment("decided_at"),
  },
  (t) => [index("membership_grants_network").on(t.networkId, t.status)],
);
