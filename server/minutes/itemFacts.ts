import { and, asc, desc, eq, inArray, lte, or } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import type { AgendaItem } from "../documents/minutesModel.ts";
import { closureTemplate } from "../cases/closureTemplate.ts";
import { textIn } from "../../app/contract/templateText.ts";
import type { Checklist } from "../cases/closure.ts";
import type { Language } from "../../app/contract/vocabulary.ts";

// What the minutes hold of one agenda item beyond its decisions and tasks: the first
// analysis of its signal, the state of the actions agreed before, the closure proposal
// with every agency's view and the sign-off, and why it was deferred. Read per item so
// that the record view (redact.ts) keeps or withholds each item whole.

type ItemRow = {
  id: string;
  caseId: string | null;
  signalId: string | null;
  section: string;
  status: string;
};
type MeetingRow = {
  id: string;
  startsAt: Date;
  endedAt: Date | null;
  previousMeetingId: string | null;
  /** The network's language when the meeting was scheduled. */
  language: Language;
};

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function createItemFacts(store: Store) {
  const { db, t } = store;
  const { agencies, closureProposals, closureViews, meetingEvents, monitoringChecks, persons } = t;
  const { planVersions, signalAnalyses, tasks } = t;

  /** The latest first analysis of the item's signal, as it stood when the meeting ended. */
  async function signal(item: ItemRow, meeting: MeetingRow): Promise<AgendaItem["signal"]> {
    if (!item.signalId) return null;
    const [a] = await db
      .select()
      .from(signalAnalyses)
      .where(
        and(
          eq(signalAnalyses.signalId, item.signalId),
          meeting.endedAt ? lte(signalAnalyses.recordedAt, meeting.endedAt) : undefined,
        ),
      )
      .orderBy(desc(signalAnalyses.recordedAt))
      .limit(1);
    return a
      ? {
          scale: a.scale,
          source: a.sourceGrade,
          information: a.informationGrade,
          handling: a.handling,
          isSecuritySignal: a.isSecuritySignal,
          gradingRationale: a.gradingRationale,
          knownConflict: a.knownConflict,
          reporterInterest: a.reporterInterest,
          corroboration: a.corroboration,
        }
      : null;
  }

  /**
   * The case's actions agreed before this meeting that it looked at: those of the previous
   * meeting and any due by its day, with their state (done, stopped and why, still open).
   */
  async function earlierActions(item: ItemRow, meeting: MeetingRow): Promise<AgendaItem["earlierActions"]> {
    if (!item.caseId || item.section !== "checkins") return [];
    const rows = (
      await db
        .select({ t: tasks, agencyName: agencies.name, ownerName: persons.name })
        .from(tasks)
        .innerJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
        .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
        .where(
          and(
            eq(tasks.caseId, item.caseId),
            or(
              meeting.previousMeetingId ? eq(tasks.meetingId, meeting.previousMeetingId) : undefined,
              lte(tasks.dueOn, dayOf(meeting.startsAt)),
            ),
          ),
        )
        .orderBy(asc(tasks.dueOn), asc(tasks.createdAt))
    ).filter((r) => r.t.meetingId !== meeting.id && r.t.createdAt <= (meeting.endedAt ?? new Date()));
    return rows.map((r) => ({
      what: r.t.what,
      agency: { id: r.t.ownerAgencyId!, name: r.agencyName },
      owner: r.ownerName,
      dueOn: r.t.dueOn,
      status: r.t.status,
      stopReason: r.t.stopReason,
    }));
  }

  /** The goal each of the case's tasks serves, from the plan's latest version. */
  async function goalsOf(caseIds: string[]): Promise<Map<string, string>> {
    const goals = new Map<string, string>();
    if (!caseIds.length) return goals;
    const rows = await db
      .select()
      .from(planVersions)
      .where(inArray(planVersions.caseId, caseIds))
      .orderBy(asc(planVersions.version));
    for (const r of rows) {
      for (const g of r.content.goals ?? []) goals.set(`${r.caseId}:${g.id}`, g.what);
    }
    return goals;
  }

  /** The closure proposal the item was about: open at the meeting, or signed off or withdrawn there. */
  async function closure(item: ItemRow, meeting: MeetingRow): Promise<AgendaItem["closure"]> {
    if (!item.caseId || item.section !== "closures") return null;
    const [p] = await db
      .select({ p: closureProposals, signer: persons.name })
      .from(closureProposals)
      .leftJoin(persons, eq(persons.id, closureProposals.signedOffBy))
      .where(
        and(
          eq(closureProposals.caseId, item.caseId),
          meeting.endedAt ? lte(closureProposals.proposedAt, meeting.endedAt) : undefined,
        ),
      )
      .orderBy(desc(closureProposals.proposedAt))
      .limit(1);
    if (!p) return null;
    const template = closureTemplate(p.p.template);
    const answers: Checklist = p.p.checklist;
    const views = await db
      .select({ v: closureViews, agencyName: agencies.name })
      .from(closureViews)
      .innerJoin(agencies, eq(agencies.id, closureViews.agencyId))
      .where(eq(closureViews.proposalId, p.p.id))
      .orderBy(asc(agencies.name));
    const signedOffAt = p.p.signedOffAt;
    const fadeOut = signedOffAt
      ? (
          await db
            .select({ dueOn: monitoringChecks.dueOn })
            .from(monitoringChecks)
            .where(eq(monitoringChecks.caseId, item.caseId))
            .orderBy(asc(monitoringChecks.dueOn))
        )
          .map((c) => c.dueOn)
          .filter((d) => d > dayOf(signedOffAt))
      : [];
    return {
      checklist: template.items.map((q) => ({
        // The meeting's language: the minutes keep the template's words as the meeting had them.
        question: textIn(q.question, meeting.language),
        answer: answers[q.key]?.answer ?? null,
        note: answers[q.key]?.note ?? "",
      })),
      rationale: p.p.rationale,
      views: views.map((v) => ({
        agency: { id: v.v.agencyId, name: v.agencyName },
        view: v.v.view,
        comment: v.v.comment ?? "",
      })),
      status: p.p.status,
      signOff:
        signedOffAt && p.signer ? { by: p.signer, words: p.p.signOffComment, at: signedOffAt.toISOString() } : null,
      fadeOutDates: fadeOut,
    };
  }

  /** Items the chair deferred during the meeting; the rest of the deferred ones were not reached. */
  async function deferredByChair(meetingId: string): Promise<Set<string>> {
    const out = new Set<string>();
    for (const e of await db
      .select({ payload: meetingEvents.payload })
      .from(meetingEvents)
      .where(and(eq(meetingEvents.meetingId, meetingId), eq(meetingEvents.type, "item:completed")))) {
      const item = (JSON.parse(e.payload) as { item?: { id?: string; status?: string } }).item;
      if (item?.id && item.status === "deferred") out.add(item.id);
    }
    return out;
  }

  return { signal, earlierActions, goalsOf, closure, deferredByChair };
}
