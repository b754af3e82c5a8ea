import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
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
export function createCaseFile(deps: { store: Store }) {
  const { db, t } = deps.store;

  async function names(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    const people = await db
      .select({ id: t.persons.id, name: t.persons.name })
      .from(t.persons)
      .where(inArray(t.persons.id, wanted));
    return new Map(people.map((p) => [p.id, p.name]));
  }

  return {
    async involvedAgencies(caseId: string) {
      return db
        .select({ id: t.agencies.id, name: t.agencies.name, sector: t.agencies.sector })
        .from(t.caseAgencies)
        .innerJoin(t.agencies, eq(t.agencies.id, t.caseAgencies.agencyId))
        .where(eq(t.caseAgencies.caseId, caseId))
        .orderBy(asc(t.agencies.name));
    },

    async openTasks(caseId: string) {
      return db
        .select({
          id: t.tasks.id,
          what: t.tasks.what,
          dueOn: t.tasks.dueOn,
          status: t.tasks.status,
          ownerName: t.persons.name,
          agencyName: t.agencies.name,
        })
        .from(t.tasks)
        .leftJoin(t.persons, eq(t.persons.id, t.tasks.ownerPersonId))
        .leftJoin(t.agencies, eq(t.agencies.id, t.tasks.ownerAgencyId))
        .where(and(eq(t.tasks.caseId, caseId), inArray(t.tasks.status, [...OPEN_TASK_STATUSES])))
        .orderBy(asc(t.tasks.dueOn));
    },

    async currentPlan(caseId: string) {
      const [row] = await db
        .select({ version: t.planVersions.version, savedAt: t.planVersions.savedAt, savedBy: t.planVersions.savedBy })
        .from(t.planVersions)
        .where(eq(t.planVersions.caseId, caseId))
        .orderBy(desc(t.planVersions.version))
        .limit(1);
      return row
        ? {
            version: row.version,
            savedAt: row.savedAt.toISOString(),
            savedBy: (await names([row.savedBy])).get(row.savedBy) ?? null,
          }
        : null;
    },

    async monitoringChecks(caseId: string) {
      return db
        .select()
        .from(t.monitoringChecks)
        .where(eq(t.monitoringChecks.caseId, caseId))
        .orderBy(asc(t.monitoringChecks.dueOn));
    },

    /** The whole history of the case: so a case reopened in three years does not start from nothing. */
    async timeline(c: CaseRow): Promise<TimelineEntry[]> {
      const signalRows = await db.select().from(t.signals).where(eq(t.signals.caseId, c.id));
      const analysisRows = signalRows.length
        ? await db
            .select()
            .from(t.signalAnalyses)
            .where(
              inArray(
                t.signalAnalyses.signalId,
                signalRows.map((s) => s.id),
              ),
            )
        : [];
      const decisionRows = await db.select().from(t.decisions).where(eq(t.decisions.caseId, c.id));
      const planRows = await db
        .select({ version: t.planVersions.version, savedAt: t.planVersions.savedAt, savedBy: t.planVersions.savedBy })
        .from(t.planVersions)
        .where(eq(t.planVersions.caseId, c.id));
      const assessmentRows = await db
        .select({
          assessedOn: t.assessments.assessedOn,
          recordedAt: t.assessments.recordedAt,
          recordedBy: t.assessments.recordedBy,
        })
        .from(t.assessments)
        .where(eq(t.assessments.caseId, c.id));
      const proposalRows = await db.select().from(t.closureProposals).where(eq(t.closureProposals.caseId, c.id));
      const viewRows = proposalRows.length
        ? await db
            .select({
              view: t.closureViews.view,
              givenAt: t.closureViews.givenAt,
              givenBy: t.closureViews.givenBy,
              agencyName: t.agencies.name,
            })
            .from(t.closureViews)
            .innerJoin(t.agencies, eq(t.agencies.id, t.closureViews.agencyId))
            .where(
              inArray(
                t.closureViews.proposalId,
                proposalRows.map((p) => p.id),
              ),
            )
        : [];
      const checkRows = (await db.select().from(t.monitoringChecks).where(eq(t.monitoringChecks.caseId, c.id))).filter(
        (m) => m.doneOn,
      );
      // The meetings where the case was on the agenda and the item was reached.
      const discussed = (
        await db
          .select({
            at: t.meetings.startedAt,
            title: t.meetings.title,
            itemKind: t.agendaItems.kind,
            item: t.agendaItems.title,
            status: t.agendaItems.status,
          })
          .from(t.agendaItems)
          .innerJoin(t.meetings, eq(t.meetings.id, t.agendaItems.meetingId))
          .where(and(eq(t.agendaItems.caseId, c.id), inArray(t.agendaItems.status, ["done", "deferred"])))
      ).filter((m) => m.at !== null);
      const who = await names([
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
