import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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

export { CASE_STAGES, type CaseStage } from "../../app/contract/vocabulary.ts";

const now = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`)
    // Set by the app to the millisecond (ordering within a second); the database default is whole seconds.
    .$defaultFn(() => new Date());

// A case is known on every shared screen by its pseudonymous code only; the subject's
// identity is kept apart, in case_subjects.
export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    code: text("code").notNull(),
    stage: text("stage", { enum: CASE_STAGES }).notNull(),
    /** How the case left the MAW track, when closed. */
    outcome: text("outcome", { enum: CASE_OUTCOMES }),
    /** A neutral summary the chair may share with every agency at the table. */
    summary: text("summary").notNull(),
    isMinor: integer("is_minor", { mode: "boolean" }).notNull().default(false),
    nextCheckInOn: text("next_check_in_on"),
    /** The retention schedule removed the identity (subject and reporters) on this day. */
    identityPurgedAt: integer("identity_purged_at", { mode: "timestamp_ms" }),
    /** The case's content (file, decisions, plans, notes) was removed on this day: by the schedule or on request. */
    contentPurgedAt: integer("content_purged_at", { mode: "timestamp_ms" }),
    /** Restricted on request (GDPR art. 18): hidden from all but the coordinator and the accountable officer. */
    restrictedAt: integer("restricted_at", { mode: "timestamp_ms" }),
    createdAt: now("created_at"),
    updatedAt: now("updated_at"),
  },
  (t) => [
    uniqueIndex("cases_network_code").on(t.networkId, t.code),
    index("cases_network_stage").on(t.networkId, t.stage),
  ],
);

/** Who the case is about. Shown only to those who need it; every view is audited. */
export const caseSubjects = sqliteTable("case_subjects", {
  caseId: text("case_id")
    .primaryKey()
    .references(() => cases.id),
  name: text("name").notNull(),
  dateOfBirth: text("date_of_birth"),
  address: text("address"),
  contacts: text("contacts"),
  updatedAt: now("updated_at"),
});

/** The agencies the network marks as involved in a case: they get need-to-know access. */
export const caseAgencies = sqliteTable(
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

export const intakeLinks = sqliteTable(
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
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("intake_links_network").on(t.networkId)],
);

export const signals = sqliteTable(
  "signals",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    channel: text("channel", { enum: SIGNAL_CHANNELS }).notNull(),
    reporterName: text("reporter_name"),
    reporterOrganisation: text("reporter_organisation"),
    reporterContact: text("reporter_contact"),
    /** The reporter asked that other agencies not learn who they are. */
    reporterWithheld: integer("reporter_withheld", { mode: "boolean" }).notNull().default(false),
    /** The concern in the reporter's own words. */
    concern: text("concern").notNull(),
    registeredBy: text("registered_by").references(() => persons.id),
    intakeLinkId: text("intake_link_id").references(() => intakeLinks.id),
    /** Given to a reporter through an intake link, so they can refer to their report. */
    receipt: text("receipt").unique(),
    createdAt: now("created_at"),
  },
  (t) => [index("signals_network_created").on(t.networkId, t.createdAt), index("signals_case").on(t.caseId)],
);

/** The first analysis of a signal: threat, source grading, motives. Latest one counts. */
export const signalAnalyses = sqliteTable(
  "signal_analyses",
  {
    id: text("id").primaryKey(),
    signalId: text("signal_id")
      .notNull()
      .references(() => signals.id),
    isSecuritySignal: integer("is_security_signal", { mode: "boolean" }).notNull(),
    scale: text("scale", { enum: GRADING_SCALES }).notNull(),
    sourceGrade: text("source_grade").notNull(),
    informationGrade: text("information_grade").notNull(),
    /** UK 3x5x2 only: P (may be shared) or C (only with conditions). */
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

/** Every decision on a case: who, when, why. Kept for years. */
export const decisions = sqliteTable(
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
    /** What was decided: a routing, a stage (e.g. `active`), `closed`, `reopened`. */
    outcome: text("outcome").notNull(),
    rationale: text("rationale").notNull(),
    /** Extra facts of the decision, e.g. the care service or the referral. */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    decidedBy: text("decided_by")
      .notNull()
      .references(() => persons.id),
    decidedAt: now("decided_at"),
    signalId: text("signal_id").references(() => signals.id),
    /** The meeting and agenda item where the decision was taken, if at a meeting. */
    meetingId: text("meeting_id"),
    agendaItemId: text("agenda_item_id"),
  },
  (t) => [index("decisions_case").on(t.caseId, t.decidedAt), index("decisions_meeting").on(t.meetingId)],
);

/** A decision's rationale corrected during minutes review: what it said, and why it changed. */
export const decisionCorrections = sqliteTable(
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

/** Each agency's view on a decision; dissent stays on record. */
export const decisionViews = sqliteTable(
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

export const assessments = sqliteTable(
  "assessments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    template: text("template").notNull(),
    assessedOn: text("assessed_on").notNull(),
    /** One entry per life domain (see server/cases/assessments.ts). */
    domains: text("domains", { mode: "json" }).$type<DomainAnswer[]>().notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => persons.id),
    recordedAt: now("recorded_at"),
  },
  (t) => [index("assessments_case").on(t.caseId, t.assessedOn)],
);

/** Every saved version of a case's action plan; none is ever changed. */
export const planVersions = sqliteTable(
  "plan_versions",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    version: integer("version").notNull(),
    /** Context, goals, actions, organisations, coordinators, next check-in. */
    content: text("content", { mode: "json" }).$type<PlanContent>().notNull(),
    savedBy: text("saved_by")
      .notNull()
      .references(() => persons.id),
    savedAt: now("saved_at"),
  },
  (t) => [uniqueIndex("plan_versions_case_version").on(t.caseId, t.version)],
);

/** Tasks of a case: the actions of its plan and tasks from decisions (e.g. gather information). */
export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    networkId: text("network_id")
      .notNull()
      .references(() => networks.id),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    /** The plan goal this action serves; null for a task outside the plan. */
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
    /** The meeting and agenda item where the task was agreed, if at a meeting. */
    meetingId: text("meeting_id"),
    agendaItemId: text("agenda_item_id"),
  },
  (t) => [
    index("tasks_case").on(t.caseId),
    index("tasks_meeting").on(t.meetingId),
    index("tasks_network_due").on(t.networkId, t.status, t.dueOn),
  ],
);

export const closureProposals = sqliteTable(
  "closure_proposals",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id),
    template: text("template").notNull(),
    /** The checklist's answers, item by item. */
    checklist: text("checklist", { mode: "json" }).$type<ClosureChecklist>().notNull(),
    rationale: text("rationale").notNull(),
    proposedBy: text("proposed_by")
      .notNull()
      .references(() => persons.id),
    proposedAt: now("proposed_at"),
    status: text("status", { enum: ["open", "closed", "withdrawn"] })
      .notNull()
      .default("open"),
    signedOffBy: text("signed_off_by").references(() => persons.id),
    signedOffAt: integer("signed_off_at", { mode: "timestamp_ms" }),
    signOffComment: text("sign_off_comment"),
  },
  (t) => [index("closure_proposals_case").on(t.caseId)],
);

export const closureViews = sqliteTable(
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

/** Fade-out checks after closure ("fade out before stepping out"). */
export const monitoringChecks = sqliteTable(
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
