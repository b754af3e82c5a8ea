import type { ServerDatabase } from "../db/serverDatabase.ts";
import { createAuditChain } from "./audit/auditLog.ts";
import { createAccounts } from "./auth/accounts.ts";
import { createSecondFactor } from "./auth/secondFactor.ts";
import { policy } from "./auth/policy.ts";
import { createSessions, type SessionLimits } from "./auth/sessions.ts";
import { createStanding } from "./auth/standing.ts";
import { createSetup } from "./auth/setup.ts";
import { createActionPlans } from "./cases/actionPlans.ts";
import { createAnalysis } from "./cases/analysis.ts";
import { loadAssessmentTemplates } from "./cases/assessmentTemplates.ts";
import { createAssessments } from "./cases/assessments.ts";
import { createCaseFile } from "./cases/caseFile.ts";
import { createCaseList } from "./cases/caseList.ts";
import { createCaseRegister } from "./cases/caseRegister.ts";
import { createClosure } from "./cases/closure.ts";
import { createIntake } from "./cases/intake.ts";
import { createSharingBasis } from "./cases/sharingBasis.ts";
import { createSignals } from "./cases/signals.ts";
import { createStages } from "./cases/stages.ts";
import { createEvaluation } from "./evaluation/evaluation.ts";
import { createInvitations } from "./networks/invitations.ts";
import { createMeetingEngine } from "./meetings/engine.ts";
import { registerMeetingNotes } from "./meetings/meetingNotes.ts";
import { createMeetings } from "./meetings/meetings.ts";
import { createMeetingAnswers } from "./meetings/meetingAnswers.ts";
import { registerInvitationMail } from "./mail/invitationMail.ts";
import { createMembers } from "./networks/members.ts";
import { createNetworks } from "./networks/networks.ts";
import { createNotes } from "./notes/notes.ts";
import { registerScratchNotes } from "./notes/scratchNotes.ts";
import { createDocuments } from "./documents/documents.ts";
import { createMailTransport, type MailSettings } from "./mail/mailer.ts";
import { createMailWorker } from "./mail/mailWorker.ts";
import { createOutbox } from "./mail/outbox.ts";
import { createMinutes } from "./minutes/minutes.ts";
import { createLog, type Log } from "./log.ts";
import { createPurge } from "./retention/purge.ts";
import { createAccessRequests } from "./access/accessRequests.ts";
import { createCaseExport } from "./access/caseExport.ts";
import { createRetentionSchedule } from "./retention/schedule.ts";
import { emptyWriteAheadLog as emptyWriteAheadLogOf } from "./retention/writeAheadLog.ts";
import { openKeyring } from "./crypto/openKeyring.ts";
import { createAgencyUpdates } from "./updates/agencyUpdates.ts";
import { createUpdateReminders } from "./updates/updateReminders.ts";
import { createWrittenProcedures } from "./written/procedures.ts";
import { registerWrittenMail } from "./written/writtenMail.ts";
import { registerAccessRequestMail } from "./access/accessRequestMail.ts";

/** What the services take from the configuration (`server/config.ts` holds the defaults). */
export interface ServiceOptions {
  mail: MailSettings & { retryAfterSeconds?: number[] };
  /** Where approved minutes are archived. */
  archiveDir: string;
  /** Where the server logs; JSON lines on stdout at info when not given. */
  log?: Log;
  /** Idle timeout and absolute lifetime of sessions (30 minutes, 12 hours when not given). */
  sessions?: SessionLimits;
  /** The key file sealing identities (`keyFileFor`: beside a SQLite file, named on PostgreSQL). */
  keyFile: string;
  /** This node among several (decision 0045); alone and unnamed when not given. */
  node?: { name: string | null; alone: boolean };
}

/**
 * Every server capability, built once on one database (its Store, SQLite or PostgreSQL) and
 * handed to routes and sockets.
 */
export async function createServices(database: ServerDatabase, options: ServiceOptions) {
  const log = options.log ?? createLog("info");
  const { store } = database;
  // Identities are sealed under a key outside the database (decision 0028).
  const keyring = await openKeyring(store, options.keyFile);
  // The audit chain: appends in each change's transaction, reads and verification (decision 0040).
  const auditChain = createAuditChain(store, keyring.keyedHash);
  const sessions = createSessions(store, options.sessions);
  // Who may see what changed: live sockets re-seat (see auth/standing.ts).
  const standing = createStanding();
  const secondFactor = createSecondFactor({ store, audit: auditChain, sessions, keyring });
  const accounts = createAccounts({ store, audit: auditChain, sessions, secondFactor });
  const networks = createNetworks({ store, audit: auditChain });
  const members = createMembers({ store, audit: auditChain, sessions, standing });
  const invitations = createInvitations({ store, audit: auditChain, accounts, sessions });
  const setup = createSetup({ store, audit: auditChain, accounts, networks, sessions });
  const caseRegister = createCaseRegister({ store, audit: auditChain, standing, keyring });
  const caseFile = createCaseFile({ store });
  const caseList = createCaseList({ store });
  const evaluation = createEvaluation({ store, audit: auditChain });
  const closure = createClosure({ store, audit: auditChain, caseRegister });
  const signals = createSignals({ store, audit: auditChain, caseRegister, keyring });
  const intake = createIntake({ store, audit: auditChain, signals });
  const sharingBasis = createSharingBasis({ store, audit: auditChain });
  const analysis = createAnalysis({ store, audit: auditChain, caseRegister, sharingBasis, keyring });
  const assessments = createAssessments({ store, audit: auditChain, templates: loadAssessmentTemplates() });
  const actionPlans = createActionPlans({ store, caseRegister, audit: auditChain, standing });
  const stages = createStages({
    store,
    audit: auditChain,
    caseRegister,
    hasPlan: (caseId) => actionPlans.hasPlan(caseId),
  });
  // Deny by default: a notes document is reachable only under a registered prefix.
  const notes = createNotes({ store, audit: auditChain, log });
  registerScratchNotes(notes);
  const { mail } = options;
  // Every mail is a row of the outbox; the worker (started with the server) sends them.
  const outbox = createOutbox(store, { backoffSeconds: mail.retryAfterSeconds });
  const mailWorker = createMailWorker({
    outbox,
    transport: createMailTransport(mail),
    from: mail.from,
    outboxDir: mail.outboxDir,
    node: options.node ?? { name: null, alone: true },
    log,
  });
  registerInvitationMail(mailWorker, store, mail.from);
  const meetings = createMeetings({
    store,
    audit: auditChain,
    standing,
    mail: { outbox, worker: mailWorker },
  });
  const meetingAnswers = createMeetingAnswers({ store, audit: auditChain });
  registerMeetingNotes({ database, notes });
  // The meeting's commands, one engine for the server; the meeting room (realtime/) carries them.
  const meetingEngine = createMeetingEngine({
    store: store,
    audit: auditChain,
    caseRegister,
    analysis,
    closure,
    actionPlans,
  });
  const minutes = createMinutes({
    store,
    audit: auditChain,
    notes,
    actionPlans,
    sharingBasis,
    caseRegister,
    outbox,
    worker: mailWorker,
    archiveDir: options.archiveDir,
  });
  registerWrittenMail(mailWorker, store);
  const written = createWrittenProcedures({
    store: store,
    audit: auditChain,
    caseRegister,
    analysis,
    closure,
    outbox,
    worker: mailWorker,
  });
  const documents = createDocuments({ actionPlans, networks, sharingBasis });
  // Agency updates ahead of a meeting, and the reminder to agencies that have not posted one.
  const agencyUpdates = createAgencyUpdates({ store, audit: auditChain, closure });
  const updateReminders = createUpdateReminders({
    store,
    audit: auditChain,
    outbox,
    worker: mailWorker,
  });
  // The retention schedule and its purge (decision 0033); the server runs it at start and daily.
  const retention = createRetentionSchedule({ store, audit: auditChain });
  // SQLite keeps overwritten pages in its write-ahead log until a checkpoint; PostgreSQL's is its own.
  const emptyWriteAheadLog = async () =>
    store.driver.dialect === "sqlite" ? emptyWriteAheadLogOf(store.driver.writer) : true;
  const purge = createPurge({
    store,
    audit: auditChain,
    schedules: retention,
    archiveDir: options.archiveDir,
    outboxDir: mail.outboxDir,
    log,
    forgetNotes: (doc) => notes.store.forget(doc),
    emptyWriteAheadLog,
  });
  // A data subject's requests: export, restriction, erasure, each with four eyes (decision 0038).
  const accessRequests = createAccessRequests({
    store,
    audit: auditChain,
    standing,
    caseExport: createCaseExport({ store, keyring, readNotes: (doc) => notes.readNotes(doc) }),
    forgetNotes: (doc) => notes.store.forget(doc),
    outbox,
    worker: mailWorker,
    emptyWriteAheadLog,
  });
  registerAccessRequestMail(mailWorker, store);
  return {
    database,
    log,
    keyring,
    auditChain,
    sessions,
    standing,
    accounts,
    secondFactor,
    networks,
    members,
    invitations,
    setup,
    policy,
    caseRegister,
    caseFile,
    caseList,
    closure,
    stages,
    evaluation,
    signals,
    intake,
    analysis,
    sharingBasis,
    assessments,
    actionPlans,
    notes,
    meetings,
    meetingAnswers,
    meetingEngine,
    outbox,
    mailWorker,
    minutes,
    documents,
    agencyUpdates,
    updateReminders,
    retention,
    purge,
    written,
    accessRequests,
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
