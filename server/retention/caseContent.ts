import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { ClosureChecklist } from "../../app/contract/vocabulary.ts";
import {
  agencyUpdates,
  agencyUpdateTasks,
  agendaItems,
  assessments,
  caseSharingBases,
  cases,
  caseSubjects,
  closureProposals,
  closureViews,
  decisionCorrections,
  decisions,
  decisionViews,
  meetingEvents,
  minutesWording,
  monitoringChecks,
  noteUpdates,
  planVersions,
  signalAnalyses,
  signals,
  taskProposals,
  tasks,
  writtenAnswers,
  writtenProcedures,
} from "../../db/schema/index.ts";

// What removing a case means, shared by the retention schedule (identity after N years,
// the whole case after M years; decision 0033) and by erasure on request (decision 0038).
// The case's row, code, stages, dates, who decided and the agencies stay, so the register,
// the audit chain and the evaluation's figures still add up; every word written about the
// person goes.

type Tx = Pick<Db, "select" | "update" | "delete">;

/** Keys of a stored JSON (an event's payload, a proposal, a checklist) that hold words about the person. */
const WORDS = new Set([
  "rationale",
  "comment",
  "what",
  "summary",
  "concern",
  "knownConflict",
  "reporterInterest",
  "corroboration",
  "gradingRationale",
  "note",
  "news",
  "words",
  "reason",
  "context",
]);

/** The same JSON with every string under a key of WORDS emptied (null stays null), shapes kept. */
function withoutWords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWords);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, WORDS.has(k) && typeof v === "string" ? "" : withoutWords(v)]),
    );
  return value;
}
const scrubbed = (json: string) => JSON.stringify(withoutWords(JSON.parse(json)));

/** The notes document of an agenda item. */
export const itemNotesDoc = (itemId: string) => `agenda-item:${itemId}`;

/** Removes the identity of cases: the subject, and who reported their signals. */
export function removeIdentities(tx: Tx, caseIds: readonly string[], now: Date): void {
  if (caseIds.length === 0) return;
  tx.delete(caseSubjects).where(inArray(caseSubjects.caseId, caseIds)).run();
  tx.update(signals)
    .set({ reporterName: null, reporterOrganisation: null, reporterContact: null })
    .where(inArray(signals.caseId, caseIds))
    .run();
  tx.update(cases).set({ identityPurgedAt: now }).where(inArray(cases.id, caseIds)).run();
}

/** What went, by kind: ids and counts for the audit entry, never a value. */
export interface RemovedContent {
  decisions: number;
  planVersions: number;
  assessments: number;
  tasks: number;
  notes: number;
  agendaItemIds: string[];
}

/**
 * Removes a case's identity and everything written about it, in the caller's transaction.
 * The notes documents named in `agendaItemIds` must then be dropped from the notes cache.
 */
export function removeCaseContent(tx: Tx, caseId: string, now: Date): RemovedContent {
  const one = [caseId];
  removeIdentities(tx, one, now);
  tx.update(cases).set({ summary: "", contentPurgedAt: now, updatedAt: now }).where(eq(cases.id, caseId)).run();

  const signalIds = tx.select({ id: signals.id }).from(signals).where(eq(signals.caseId, caseId)).all();
  tx.update(signals).set({ concern: "" }).where(eq(signals.caseId, caseId)).run();
  if (signalIds.length)
    tx.update(signalAnalyses)
      .set({ gradingRationale: "", knownConflict: null, reporterInterest: null, corroboration: null })
      .where(
        inArray(
          signalAnalyses.signalId,
          signalIds.map((s) => s.id),
        ),
      )
      .run();

  const decisionIds = tx
    .select({ id: decisions.id })
    .from(decisions)
    .where(eq(decisions.caseId, caseId))
    .all()
    .map((d) => d.id);
  tx.update(decisions).set({ rationale: "", details: {} }).where(eq(decisions.caseId, caseId)).run();
  if (decisionIds.length) {
    tx.update(decisionCorrections)
      .set({ before: "", after: "", reason: "" })
      .where(inArray(decisionCorrections.decisionId, decisionIds))
      .run();
    tx.update(decisionViews).set({ comment: null }).where(inArray(decisionViews.decisionId, decisionIds)).run();
  }

  const removedAssessments = tx.delete(assessments).where(eq(assessments.caseId, caseId)).run().changes;
  const removedPlans = tx.delete(planVersions).where(eq(planVersions.caseId, caseId)).run().changes;
  const emptiedTasks = tx.update(tasks).set({ what: "" }).where(eq(tasks.caseId, caseId)).run().changes;

  for (const p of tx
    .select({ id: closureProposals.id, checklist: closureProposals.checklist })
    .from(closureProposals)
    .where(eq(closureProposals.caseId, caseId))
    .all()) {
    tx.update(closureProposals)
      .set({ checklist: withoutWords(p.checklist) as ClosureChecklist, rationale: "", signOffComment: null })
      .where(eq(closureProposals.id, p.id))
      .run();
    tx.update(closureViews).set({ comment: null }).where(eq(closureViews.proposalId, p.id)).run();
  }
  tx.update(monitoringChecks).set({ note: null }).where(eq(monitoringChecks.caseId, caseId)).run();
  tx.update(caseSharingBases).set({ note: null, caseReference: null }).where(eq(caseSharingBases.caseId, caseId)).run();

  for (const w of tx
    .select({ id: writtenProcedures.id, proposal: writtenProcedures.proposal })
    .from(writtenProcedures)
    .where(eq(writtenProcedures.caseId, caseId))
    .all()) {
    tx.update(writtenProcedures)
      .set({ proposal: withoutWords(w.proposal) as typeof w.proposal, note: null })
      .where(eq(writtenProcedures.id, w.id))
      .run();
    tx.update(writtenAnswers).set({ reason: null }).where(eq(writtenAnswers.procedureId, w.id)).run();
  }
  for (const u of tx
    .select({ id: agencyUpdates.id })
    .from(agencyUpdates)
    .where(eq(agencyUpdates.caseId, caseId))
    .all()) {
    tx.update(agencyUpdates).set({ news: null, closureComment: null }).where(eq(agencyUpdates.id, u.id)).run();
    tx.update(agencyUpdateTasks).set({ what: "", note: null }).where(eq(agencyUpdateTasks.updateId, u.id)).run();
  }

  // The meeting record of its items: notes, the coordinator's wording, proposals, and the
  // words in the event log (which screens replay), its shapes and sequence kept.
  const itemIds = tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.caseId, caseId))
    .all()
    .map((i) => i.id);
  let notes = 0;
  if (itemIds.length) {
    notes = tx
      .delete(noteUpdates)
      .where(inArray(noteUpdates.doc, itemIds.map(itemNotesDoc)))
      .run().changes;
    tx.delete(minutesWording).where(inArray(minutesWording.itemId, itemIds)).run();
    tx.update(taskProposals).set({ what: "" }).where(inArray(taskProposals.itemId, itemIds)).run();
    for (const e of tx
      .select({ meetingId: meetingEvents.meetingId, seq: meetingEvents.seq, payload: meetingEvents.payload })
      .from(meetingEvents)
      .where(inArray(meetingEvents.itemId, itemIds))
      .all()) {
      tx.update(meetingEvents)
        .set({ payload: scrubbed(e.payload) })
        .where(and(eq(meetingEvents.meetingId, e.meetingId), eq(meetingEvents.seq, e.seq)))
        .run();
    }
  }
  return {
    decisions: decisionIds.length,
    planVersions: removedPlans,
    assessments: removedAssessments,
    tasks: emptiedTasks,
    notes,
    agendaItemIds: itemIds,
  };
}
