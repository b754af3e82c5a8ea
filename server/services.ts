import type { DatabaseHandle } from "../db/client.ts";
import { createAuditLog } from "./audit/auditLog.ts";
import { createAccounts } from "./auth/accounts.ts";
import { policy } from "./auth/policy.ts";
import { createSessions } from "./auth/sessions.ts";
import { createSetup } from "./auth/setup.ts";
import { createActionPlans } from "./cases/actionPlans.ts";
import { loadAssessmentTemplates } from "./cases/assessmentTemplates.ts";
import { createAssessments } from "./cases/assessments.ts";
import { createCaseRegister } from "./cases/caseRegister.ts";
import { createInvitations } from "./networks/invitations.ts";
import { createMembers } from "./networks/members.ts";
import { createNetworks } from "./networks/networks.ts";

/** Every server capability, built once on one database and handed to routes and sockets. */
export function createServices(database: DatabaseHandle) {
  const { db } = database;
  const audit = createAuditLog(db);
  const sessions = createSessions(db);
  const accounts = createAccounts({ db, audit, sessions });
  const networks = createNetworks({ db, audit });
  const members = createMembers({ db, audit, sessions });
  const invitations = createInvitations({ db, audit, accounts, sessions });
  const setup = createSetup({ db, audit, accounts, networks, sessions });
  const caseRegister = createCaseRegister({ db, audit });
  const assessments = createAssessments({ db, audit, templates: loadAssessmentTemplates() });
  const actionPlans = createActionPlans({ db, audit, caseRegister });
  return { database, audit, sessions, accounts, networks, members, invitations, setup, policy, caseRegister, assessments, actionPlans };
}

export type Services = ReturnType<typeof createServices>;
