import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Query, Tables } from "../../db/store.ts";
import { can } from "../auth/policy.ts";
import { latestPlanOf } from "../cases/actionPlans.ts";
import type { ItemAccess, ItemDetailView } from "../../app/contract/meetingProtocol.ts";
import { openValue } from "../crypto/sealedColumns.ts";
import type { Services } from "../services.ts";
import type { MeetingStanding } from "./recordView.ts";
import { itemUpdates } from "../updates/agencyUpdates.ts";

/**
 * What one screen shows of an item's case, as the record view gives it (`access`): in
 * full, the plan's goals and open tasks, the signal and the closure checklist; by code
 * and shared summary, just those two. Never the subject's identity.
 */
export async function itemDetailOf(
  services: Pick<Services, "database" | "closure" | "keyring" | "sharingBasis">,
  standing: MeetingStanding,
  access: ItemAccess,
  meetingId: string,
  itemId: string,
): Promise<ItemDetailView | null> {
  const { store } = services.database;
  const { db, t } = store;
  const [item] = await db
    .select()
    .from(t.agendaItems)
    .where(and(eq(t.agendaItems.id, itemId), eq(t.agendaItems.meetingId, meetingId)));
  if (!item || (access !== "full" && access !== "summary")) return null;
  const [{ scale }] = await db
    .select({ scale: t.networks.gradingScale })
    .from(t.networks)
    .where(eq(t.networks.id, standing.networkId));
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
  const [c] = await db.select().from(t.cases).where(eq(t.cases.id, item.caseId));
  if (access === "summary") return { ...empty, caseCode: c.code, summary: c.summary };
  const involvedAgencyIds = (
    await db.select({ id: t.caseAgencies.agencyId }).from(t.caseAgencies).where(eq(t.caseAgencies.caseId, c.id))
  ).map((r) => r.id);
  const base = {
    ...empty,
    caseCode: c.code,
    summary: c.summary,
    stage: c.stage,
    involvedAgencyIds,
    isMinor: c.isMinor,
  };
  const goals = ((await latestPlanOf(store, db, c.id))?.content.goals ?? []).map((g) => ({
    id: g.id,
    what: g.what,
    measure: g.measure,
    byWhen: g.byWhen,
    standing: g.standing,
  }));
  const openTasks = await db
    .select({ what: t.tasks.what, dueOn: t.tasks.dueOn, agencyName: t.agencies.name, ownerName: t.persons.name })
    .from(t.tasks)
    .leftJoin(t.agencies, eq(t.agencies.id, t.tasks.ownerAgencyId))
    .leftJoin(t.persons, eq(t.persons.id, t.tasks.ownerPersonId))
    .where(and(eq(t.tasks.caseId, c.id), inArray(t.tasks.status, ["planned", "in_progress"])))
    .orderBy(asc(t.tasks.dueOn));
  let signal: ItemDetailView["signal"] = null;
  if (item.signalId) {
    const [s] = await db.select().from(t.signals).where(eq(t.signals.id, item.signalId));
    const [a] = await db
      .select()
      .from(t.signalAnalyses)
      .where(eq(t.signalAnalyses.signalId, item.signalId))
      .orderBy(desc(t.signalAnalyses.recordedAt))
      .limit(1);
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
          : openValue(services.keyring, t.signals.reporterOrganisation, s.id, s.reporterOrganisation),
        sourceWithheld: s.reporterWithheld,
        ...(await viaOf(t, db, s)),
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
  const [proposal] = await db
    .select()
    .from(t.closureProposals)
    .where(and(eq(t.closureProposals.caseId, c.id), eq(t.closureProposals.status, "open")));
  if (proposal) {
    // Proposals of an early version kept their answers as a list.
    const checklist = proposal.checklist as Record<string, { answer?: string }> | { key: string; answer: string }[];
    const questions = new Map(services.closure.template(proposal.template).items.map((i) => [i.key, i.question]));
    const pairs = Array.isArray(checklist)
      ? checklist.map((e) => [String(e.key), String(e.answer)] as const)
      : Object.entries(checklist).map(([key, v]) => [key, String(v?.answer ?? "")] as const);
    const entries = pairs.map(([key, answer]) => ({ key, question: questions.get(key) ?? null, answer }));
    const views = await db
      .select({ agencyName: t.agencies.name, view: t.closureViews.view, comment: t.closureViews.comment })
      .from(t.closureViews)
      .innerJoin(t.agencies, eq(t.agencies.id, t.closureViews.agencyId))
      .where(eq(t.closureViews.proposalId, proposal.id))
      .orderBy(asc(t.agencies.name));
    closure = { rationale: proposal.rationale, checklist: entries, views };
  }
  return {
    ...base,
    goals,
    openTasks,
    signal,
    closure,
    sharingBasis: await services.sharingBasis.stateOf(c.id),
    ...(await itemUpdates(t, db, meetingId, itemId)),
  };
}

/** How a signal reached the group: through an intake link (its label) or registered by a member (their agency). */
async function viaOf(
  t: Tables,
  db: Query,
  s: Tables["signals"]["$inferSelect"],
): Promise<{ via: "intake" | "member" | "unknown"; viaName: string | null }> {
  if (s.intakeLinkId) {
    const [link] = await db
      .select({ label: t.intakeLinks.label })
      .from(t.intakeLinks)
      .where(eq(t.intakeLinks.id, s.intakeLinkId));
    return { via: "intake", viaName: link?.label ?? null };
  }
  if (s.registeredBy) {
    const [agency] = await db
      .select({ name: t.agencies.name })
      .from(t.memberships)
      .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
      .where(and(eq(t.memberships.personId, s.registeredBy), eq(t.memberships.networkId, s.networkId)));
    if (agency) return { via: "member", viaName: agency.name };
  }
  return { via: "unknown", viaName: null };
}
