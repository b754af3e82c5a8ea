import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  agencies,
  agendaItems,
  caseAgencies,
  cases,
  closureProposals,
  closureViews,
  intakeLinks,
  memberships,
  networks,
  persons,
  signalAnalyses,
  signals,
  tasks,
} from "../../db/schema/index.ts";
import { can } from "../auth/policy.ts";
import { latestPlanOf } from "../cases/actionPlans.ts";
import type { ItemAccess, ItemDetailView } from "../../app/contract/meetingProtocol.ts";
import { openValue } from "../crypto/sealedColumns.ts";
import type { Services } from "../services.ts";
import type { MeetingStanding } from "./recordView.ts";
import { sharingBasisNow } from "../cases/sharingBasis.ts";
import { itemUpdates } from "../updates/agencyUpdatesSync.ts";

/**
 * What one screen shows of an item's case, as the record view gives it (`access`): in
 * full, the plan's goals and open tasks, the signal and the closure checklist; by code
 * and shared summary, just those two. Never the subject's identity.
 */
export function itemDetailOf(
  services: Pick<Services, "database" | "closure" | "keyring">,
  standing: MeetingStanding,
  access: ItemAccess,
  meetingId: string,
  itemId: string,
): ItemDetailView | null {
  const { db } = services.database;
  const item = db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
    .get();
  if (!item || (access !== "full" && access !== "summary")) return null;
  const scale = db
    .select({ scale: networks.gradingScale })
    .from(networks)
    .where(eq(networks.id, standing.networkId))
    .get()!.scale;
  const viewer = {
    personId: standing.personId,
    isInstanceAdmin: false,
    memberships: {
      [standing.networkId]: {
        role: standing.role,
        agencyId: standing.agencyId,
        isAccountableOfficer: standing.isAccountableOfficer,
      },
    },
  };
  const mayCapture = can(viewer, "meetings:capture", standing.networkId);
  const empty: ItemDetailView = {
    itemId,
    caseCode: null,
    summary: null,
    stage: null,
    goals: [],
    openTasks: [],
    signal: null,
    gradingScale: scale,
    closure: null,
    isMinor: false,
    mayCapture,
    involvedAgencyIds: [],
  };
  if (!item.caseId) return empty;
  const c = db.select().from(cases).where(eq(cases.id, item.caseId)).get()!;
  if (access === "summary") return { ...empty, caseCode: c.code, summary: c.summary };
  const involvedAgencyIds = db
    .select({ id: caseAgencies.agencyId })
    .from(caseAgencies)
    .where(eq(caseAgencies.caseId, c.id))
    .all()
    .map((r) => r.id);
  const base = {
    ...empty,
    caseCode: c.code,
    summary: c.summary,
    stage: c.stage,
    involvedAgencyIds,
    isMinor: c.isMinor,
  };
  const goals = (latestPlanOf(db, c.id)?.content.goals ?? []).map((g) => ({
    id: g.id,
    what: g.what,
    measure: g.measure,
    byWhen: g.byWhen,
    standing: g.standing,
  }));
  const openTasks = db
    .select({ what: tasks.what, dueOn: tasks.dueOn, agencyName: agencies.name, ownerName: persons.name })
    .from(tasks)
    .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
    .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
    .where(and(eq(tasks.caseId, c.id), inArray(tasks.status, ["planned", "in_progress"])))
    .orderBy(asc(tasks.dueOn))
    .all();
  let signal: ItemDetailView["signal"] = null;
  if (item.signalId) {
    const s = db.select().from(signals).where(eq(signals.id, item.signalId)).get();
    const a = db
      .select()
      .from(signalAnalyses)
      .where(eq(signalAnalyses.signalId, item.signalId))
      .orderBy(desc(signalAnalyses.recordedAt))
      .limit(1)
      .get();
    if (s)
      signal = {
        concern: s.concern,
        receivedAt: s.receivedAt.getTime(),
        channel: s.channel,
        grade: a ? `${a.sourceGrade}${a.informationGrade}${a.handling ?? ""}` : null,
        isSecuritySignal: a?.isSecuritySignal ?? null,
        // Never the reporter's name or contact in the room; not even the organisation when they asked.
        source: s.reporterWithheld
          ? null
          : openValue(services.keyring, signals.reporterOrganisation, s.id, s.reporterOrganisation),
        sourceWithheld: s.reporterWithheld,
        ...viaOf(db, s),
        analysis: a
          ? {
              gradingRationale: a.gradingRationale,
              knownConflict: a.knownConflict,
              reporterInterest: a.reporterInterest,
              corroboration: a.corroboration,
            }
          : null,
      };
  }
  let closure: ItemDetailView["closure"] = null;
  const proposal = db
    .select()
    .from(closureProposals)
    .where(and(eq(closureProposals.caseId, c.id), eq(closureProposals.status, "open")))
    .get();
  if (proposal) {
    // Proposals of an early version kept their answers as a list.
    const checklist = proposal.checklist as Record<string, { answer?: string }> | { key: string; answer: string }[];
    const questions = new Map(services.closure.template(proposal.template).items.map((i) => [i.key, i.question]));
    const pairs = Array.isArray(checklist)
      ? checklist.map((e) => [String(e.key), String(e.answer)] as const)
      : Object.entries(checklist).map(([key, v]) => [key, String(v?.answer ?? "")] as const);
    const entries = pairs.map(([key, answer]) => ({ key, question: questions.get(key) ?? null, answer }));
    const views = db
      .select({ agencyName: agencies.name, view: closureViews.view, comment: closureViews.comment })
      .from(closureViews)
      .innerJoin(agencies, eq(agencies.id, closureViews.agencyId))
      .where(eq(closureViews.proposalId, proposal.id))
      .orderBy(asc(agencies.name))
      .all();
    closure = { rationale: proposal.rationale, checklist: entries, views };
  }
  return {
    ...base,
    goals,
    openTasks,
    signal,
    closure,
    sharingBasis: sharingBasisNow(db, c.id),
    ...itemUpdates(db, meetingId, itemId),
  };
}

/** How a signal reached the group: through an intake link (its label) or registered by a member (their agency). */
function viaOf(
  db: Services["database"]["db"],
  s: typeof signals.$inferSelect,
): { via: "intake" | "member" | "unknown"; viaName: string | null } {
  if (s.intakeLinkId) {
    const link = db
      .select({ label: intakeLinks.label })
      .from(intakeLinks)
      .where(eq(intakeLinks.id, s.intakeLinkId))
      .get();
    return { via: "intake", viaName: link?.label ?? null };
  }
  if (s.registeredBy) {
    const agency = db
      .select({ name: agencies.name })
      .from(memberships)
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(and(eq(memberships.personId, s.registeredBy), eq(memberships.networkId, s.networkId)))
      .get();
    if (agency) return { via: "member", viaName: agency.name };
  }
  return { via: "unknown", viaName: null };
}
