import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { moment, now } from "./columns.ts";
import { agencies, networks, persons } from "./people.ts";
import {
  AGENCY_VIEWS,
  CASE_OUTCOMES,
  CASE_STAGES,
  DECISION_KINDS,
  GRADING_SCALES,
  SIGNAL_CHANNELS,
  STOP_REASONS,
  TASK_STATUSES,
  type ClosureChecklist,
} from "../../app/contract/vocabulary.ts";
import type { DomainAnswer } from "../../app/contract/assessmentChanges.ts";
import type { PlanContent } from "../../app/contract/planContent.ts";

// The PostgreSQL twin of db/schema/cases.ts (decision 0040).

export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    code: text("code").notNull(),
    stage: text("stage", { enum: CASE_STAGES }).notNull(),
    outcome: text("outcome", { enum: CASE_OUTCOMES }),
    summary: text("summary").notNull(),
    isMinor: boolean("is_minor").notNull().default(false),
    nextCheckInOn: text("next_check_in_on"),
    identityPurgedAt: moment("identity_purged_at"),
    contentPurgedAt: moment("content_purged_at"),
    restrictedAt: moment("restricted_at"),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
  },
  (t) => [
    uniqueIndex("cases_network_code").on(t.networkId, t.code),
    index("cases_network_stage").on(t.networkId, t.stage),
  ],
);

export const caseSubjects = pgTable("case_subjects", {
  caseId: text("case_id")
    .primaryKey()
    .references(() => cases.id),
  name: text("name").notNull(),
  dateOfBirth: text("date_of_birth"),
  address: text("address"),
  contacts: text("contacts"),
  updatedAt: now("updated_at"),
});

export const caseAgencies = pgTable(
  "case_agencies",
  {
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    addedAt: now("added_at"),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.agencyId] })],
);

export const intakeLinks = pgTable(
  "intake_links",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    tokenHash: text("token_hash").notNull().unique(),
    label: text("label").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => persons.id),
    createdAt: now("created_at"),
    revokedAt: moment("revoked_at"),
  },
  (t) => [index("intake_links_network").on(t.networkId)],
);

export const signals = pgTable(
  "signals",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    receivedAt: moment("received_at").notNull(),
    channel: text("channel", { enum: SIGNAL_CHANNELS }).notNull(),
    reporterName: text("reporter_name"),
    reporterOrganisation: text("reporter_organisation"),
    reporterContact: text("reporter_contact"),
    reporterWithheld: boolean("reporter_withheld").notNull().default(false),
    concern: text("concern").notNull(),
    registeredBy: text("registered_by").references(() => persons.id),
    intakeLinkId: text("intake_link_id").references(() => intakeLinks.id),
    receipt: text("receipt").unique(),
    createdAt: now("created_at"),
  },
  (t) => [index("signals_network_created").on(t.networkId, t.createdAt), index("signals_case").on(t.caseId)],
);

export const signalAnalyses = pgTable(
  "signal_analyses",
  {
    id: text("id").primaryKey(),
    signalId: text("signal_id")
      .notNull()
      .references(() => signals.id),
    isSecuritySignal: boolean("is_security_signal").notNull(),
    scale: text("scale", { enum: GRADING_SCALES }).notNull(),
    sourceGrade: text("source_grade").notNull(),
    informationGrade: text("information_grade").notNull(),
    handling: text("handling"),
    gradingRationale: text("grading_rationale").notNull(),
    knownConflict: text("known_conflict"),
    reporterInterest: text("reporter_interest"),
    corroboration: text("corroboration"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => persons.id),
    recordedAt: now("recorded_at"),
  },
  (t) => [index("signal_analyses_signal").on(t.signalId)],
);

export const decisions = pgTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind", { enum: DECISION_KINDS }).notNull(),
    outcome: text("outcome").notNull(),
    rationale: text("rationale").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    decidedBy: text("decided_by")
      .notNull()
      .references(() => persons.id),
    decidedAt: now("decided_at"),
    signalId: text("signal_id").references(() => signals.id),
    meetingId: text("meeting_id"),
    agendaItemId: text("agenda_item_id"),
  },
  (t) => [index("decisions_case").on(t.caseId, t.decidedAt), index("decisions_meeting").on(t.meetingId)],
);

export const decisionCorrections = pgTable(
  "decision_corrections",
  {
    id: text("id").primaryKey(),
    decisionId: text("decision_id")
      .notNull()
      .references(() => decisions.id),
    before: text("before").notNull(),
    after: text("after").notNull(),
    reason: text("reason").notNull(),
    correctedBy: text("corrected_by")
      .notNull()
      .references(() => persons.id),
    correctedAt: now("corrected_at"),
  },
  (t) => [index("decision_corrections_decision").on(t.decisionId)],
);

export const decisionViews = pgTable(
  "decision_views",
  {
    decisionId: text("decision_id")
      .notNull()
      .references(() => decisions.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    view: text("view", { enum: AGENCY_VIEWS }).notNull(),
    comment: text("comment"),
    givenBy: text("given_by").references(() => persons.id),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.agencyId] })],
);

export const assessments = pgTable(
  "assessments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    template: text("template").notNull(),
    assessedOn: text("assessed_on").notNull(),
    domains: jsonb("domains").$type<DomainAnswer[]>().notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => persons.id),
    recordedAt: now("recorded_at"),
  },
  (t) => [index("assessments_case").on(t.caseId, t.assessedOn)],
);

export const planVersions = pgTable(
  "plan_versions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    version: integer("version").notNull(),
    content: jsonb("content").$type<PlanContent>().notNull(),
    savedBy: text("saved_by")
      .notNull()
      .references(() => persons.id),
    savedAt: now("saved_at"),
  },
  (t) => [uniqueIndex("plan_versions_case_version").on(t.caseId, t.version)],
);

export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    goalId: text("goal_id"),
    what: text("what").notNull(),
    ownerPersonId: text("owner_person_id").references(() => persons.id),
    ownerAgencyId: text("owner_agency_id").references(() => agencies.id),
    startOn: text("start_on"),
    dueOn: text("due_on"),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("planned"),
    stopReason: text("stop_reason", { enum: STOP_REASONS }),
    createdBy: text("created_by").references(() => persons.id),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
    meetingId: text("meeting_id"),
    agendaItemId: text("agenda_item_id"),
  },
  (t) => [
    index("tasks_case").on(t.caseId),
    index("tasks_meeting").on(t.meetingId),
    index("tasks_network_due").on(t.networkId, t.status, t.dueOn),
  ],
);

export const closureProposals = pgTable(
  "closure_proposals",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    template: text("template").notNull(),
    checklist: jsonb("checklist").$type<ClosureChecklist>().notNull(),
    rationale: text("rationale").notNull(),
    proposedBy: text("proposed_by")
      .notNull()
      .references(() => persons.id),
    proposedAt: now("proposed_at"),
    status: text("status", { enum: ["open", "closed", "withdrawn"] })
      .notNull()
      .default("open"),
    signedOffBy: text("signed_off_by").references(() => persons.id),
    signedOffAt: moment("signed_off_at"),
    signOffComment: text("sign_off_comment"),
  },
  (t) => [index("closure_proposals_case").on(t.caseId)],
);

export const closureViews = pgTable(
  "closure_views",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => closureProposals.id),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    view: text("view", { enum: AGENCY_VIEWS }).notNull(),
    comment: text("comment"),
    givenBy: text("given_by")
      .notNull()
      .references(() => persons.id),
    givenAt: now("given_at"),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.agencyId] })],
);

export const monitoringChecks = pgTable(
  "monitoring_checks",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    dueOn: text("due_on").notNull(),
    doneOn: text("done_on"),
    doneBy: text("done_by").references(() => persons.id),
    note: text("note"),
  },
  (t) => [index("monitoring_checks_case").on(t.caseId, t.dueOn)],
);
