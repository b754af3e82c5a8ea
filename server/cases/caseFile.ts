import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agencies,
  agendaItems,
  assessments,
  caseAgencies,
  closureProposals,
  closureViews,
  decisions,
  meetings,
  monitoringChecks,
  persons,
  planVersions,
  signalAnalyses,
  signals,
  tasks,
} from "../../db/schema/index.ts";
import type { CaseRow } from "./caseRegister.ts";

/** One line of a case's history, newest first on the page. */
export interface TimelineEntry {
  at: string;
  kind:
    | "signal"
    | "analysis"
    | "decision"
    | "plan"
    | "assessment"
    | "closure_proposed"
    | "closure_view"
    | "closure_signed"
    | "monitoring"
    | "meeting";
  /** Words the page turns into a sentence (i18n keys and values). */
  facts: Record<string, string | number | boolean | null>;
  who: string | null;
}

export const OPEN_TASK_STATUSES = ["planned", "in_progress"] as const;

/** Everything the case file page shows, gathered in a handful of queries. */
export function createCaseFile(deps: { db: Db }) {
  const { db } = deps;

  function names(ids: (string | null)[]): Map<string, string> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    return new Map(
      db
        .select({ id: persons.id, name: persons.name })
        .from(persons)
        .where(inArray(persons.id, wanted))
        .all()
        .map((p) => [p.id, p.name]),
    );
  }

  return {
    async involvedAgencies(caseId: string) {
      return db
        .select({ id: agencies.id, name: agencies.name, sector: agencies.sector })
        .from(caseAgencies)
        .innerJoin(agencies, eq(agencies.id, caseAgencies.agencyId))
        .where(eq(caseAgencies.caseId, caseId))
        .orderBy(asc(agencies.name))
        .all();
    },

    async openTasks(caseId: string) {
      return db
        .select({
          id: tasks.id,
          what: tasks.what,
          dueOn: tasks.dueOn,
          status: tasks.status,
          ownerName: persons.name,
          agencyName: agencies.name,
        })
        .from(tasks)
        .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
        .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
        .where(and(eq(tasks.caseId, caseId), inArray(tasks.status, [...OPEN_TASK_STATUSES])))
        .orderBy(asc(tasks.dueOn))
        .all();
    },

    async currentPlan(caseId: string) {
      const row = db
        .select({ version: planVersions.version, savedAt: planVersions.savedAt, savedBy: planVersions.savedBy })
        .from(planVersions)
        .where(eq(planVersions.caseId, caseId))
        .orderBy(desc(planVersions.version))
        .limit(1)
        .get();
      return row
        ? {
            version: row.version,
            savedAt: row.savedAt.toISOString(),
            savedBy: names([row.savedBy]).get(row.savedBy) ?? null,
          }
        : null;
    },

    async monitoringChecks(caseId: string) {
      return db
        .select()
        .from(monitoringChecks)
        .where(eq(monitoringChecks.caseId, caseId))
        .orderBy(asc(monitoringChecks.dueOn))
        .all();
    },

    /** The whole history of the case: so a case reopened in three years does not start from nothing. */
    async timeline(c: CaseRow): Promise<TimelineEntry[]> {
      const signalRows = db.select().from(signals).where(eq(signals.caseId, c.id)).all();
      const analysisRows = signalRows.length
        ? db
            .select()
            .from(signalAnalyses)
            .where(
              inArray(
                signalAnalyses.signalId,
                signalRows.map((s) => s.id),
              ),
            )
            .all()
        : [];
      const decisionRows = db.select().from(decisions).where(eq(decisions.caseId, c.id)).all();
      const planRows = db
        .select({ version: planVersions.version, savedAt: planVersions.savedAt, savedBy: planVersions.savedBy })
        .from(planVersions)
        .where(eq(planVersions.caseId, c.id))
        .all();
      const assessmentRows = db
        .select({
          assessedOn: assessments.assessedOn,
          recordedAt: assessments.recordedAt,
          recordedBy: assessments.recordedBy,
        })
        .from(assessments)
        .where(eq(assessments.caseId, c.id))
        .all();
      const proposalRows = db.select().from(closureProposals).where(eq(closureProposals.caseId, c.id)).all();
      const viewRows = proposalRows.length
        ? db
            .select({
              view: closureViews.view,
              givenAt: closureViews.givenAt,
              givenBy: closureViews.givenBy,
              agencyName: agencies.name,
            })
            .from(closureViews)
            .innerJoin(agencies, eq(agencies.id, closureViews.agencyId))
            .where(
              inArray(
                closureViews.proposalId,
                proposalRows.map((p) => p.id),
              ),
            )
            .all()
        : [];
      const checkRows = db
        .select()
        .from(monitoringChecks)
        .where(eq(monitoringChecks.caseId, c.id))
        .all()
        .filter((m) => m.doneOn);
      // The meetings where the case was on the agenda and the item was reached.
      const discussed = db
        .select({
          at: meetings.startedAt,
          title: meetings.title,
          itemKind: agendaItems.kind,
          item: agendaItems.title,
          status: agendaItems.status,
        })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(agendaItems.caseId, c.id), inArray(agendaItems.status, ["done", "deferred"])))
        .all()
        .filter((m) => m.at !== null);
      const who = names([
        ...signalRows.map((s) => s.registeredBy),
        ...analysisRows.map((a) => a.recordedBy),
        ...decisionRows.map((d) => d.decidedBy),
        ...planRows.map((p) => p.savedBy),
        ...assessmentRows.map((a) => a.recordedBy),
        ...proposalRows.flatMap((p) => [p.proposedBy, p.signedOffBy]),
        ...viewRows.map((v) => v.givenBy),
        ...checkRows.map((m) => m.doneBy),
      ]);
      const name = (id: string | null) => (id ? (who.get(id) ?? null) : null);
      const entries: TimelineEntry[] = [
        ...signalRows.map((s) => ({
          at: s.receivedAt.toISOString(),
          kind: "signal" as const,
          facts: { channel: s.channel, viaIntake: s.intakeLinkId !== null },
          who: name(s.registeredBy),
        })),
        ...analysisRows.map((a) => ({
          at: a.recordedAt.toISOString(),
          kind: "analysis" as const,
          facts: { grade: `${a.sourceGrade}${a.informationGrade}${a.handling ?? ""}`, security: a.isSecuritySignal },
          who: name(a.recordedBy),
        })),
        ...decisionRows.map((d) => ({
          at: d.decidedAt.toISOString(),
          kind: "decision" as const,
          facts: { decisionKind: d.kind, outcome: d.outcome, rationale: d.rationale },
          who: name(d.decidedBy),
        })),
        ...planRows.map((p) => ({
          at: p.savedAt.toISOString(),
          kind: "plan" as const,
          facts: { version: p.version },
          who: name(p.savedBy),
        })),
        ...assessmentRows.map((a) => ({
          at: a.recordedAt.toISOString(),
          kind: "assessment" as const,
          facts: { assessedOn: a.assessedOn },
          who: name(a.recordedBy),
        })),
        ...proposalRows.map((p) => ({
          at: p.proposedAt.toISOString(),
          kind: "closure_proposed" as const,
          facts: { rationale: p.rationale },
          who: name(p.proposedBy),
        })),
        ...viewRows.map((v) => ({
          at: v.givenAt.toISOString(),
          kind: "closure_view" as const,
          facts: { view: v.view, agency: v.agencyName },
          who: name(v.givenBy),
        })),
        ...proposalRows
          .filter((p) => p.signedOffAt)
          .map((p) => ({
            at: p.signedOffAt!.toISOString(),
            kind: "closure_signed" as const,
            facts: { comment: p.signOffComment },
            who: name(p.signedOffBy),
          })),
        ...checkRows.map((m) => ({
          at: `${m.doneOn}T12:00:00.000Z`,
          kind: "monitoring" as const,
          facts: { note: m.note },
          who: name(m.doneBy),
        })),
        ...discussed.map((m) => ({
          at: m.at!.toISOString(),
          kind: "meeting" as const,
          facts: {
            meeting: m.title,
            itemKind: m.itemKind,
            item: m.item,
            caseCode: c.code,
            deferred: m.status === "deferred",
          },
          who: null,
        })),
      ];
      return entries.sort((a, b) => b.at.localeCompare(a.at));
    },
  };
}
