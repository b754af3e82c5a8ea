import { and, eq, inArray } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { ClosureChecklist } from "../../app/contract/vocabulary.ts";
import { notesLock } from "../notes/noteStore.ts";

// What removing a case means, shared by the retention schedule (identity after N years,
// the whole case after M years; decision 0033) and by erasure on request (decision 0038).
// The case's row, code, stages, dates, who decided and the agencies stay, so the register,
// the audit chain and the evaluation's figures still add up; every word written about the
// person goes.

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

/** Removes the identity of cases, in the caller's transaction: the subject, and who reported their signals. */
export async function removeIdentities(tx: Query, store: Store, caseIds: readonly string[], now: Date): Promise<void> {
  if (caseIds.length === 0) return;
  const { t } = store;
  const ids = [...caseIds];
  await tx.delete(t.caseSubjects).where(inArray(t.caseSubjects.caseId, ids));
  await tx
    .update(t.signals)
    .set({ reporterName: null, reporterOrganisation: null, reporterContact: null })
    .where(inArray(t.signals.caseId, ids));
  await tx.update(t.cases).set({ identityPurgedAt: now }).where(inArray(t.cases.id, ids));
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
export async function removeCaseContent(tx: Query, store: Store, caseId: string, now: Date): Promise<RemovedContent> {
  const { t } = store;
  await removeIdentities(tx, store, [caseId], now);
  await tx.update(t.cases).set({ summary: "", contentPurgedAt: now, updatedAt: now }).where(eq(t.cases.id, caseId));

  const signalIds = (await tx.select({ id: t.signals.id }).from(t.signals).where(eq(t.signals.caseId, caseId))).map(
    (s) => s.id,
  );
  await tx.update(t.signals).set({ concern: "" }).where(eq(t.signals.caseId, caseId));
  if (signalIds.length)
    await tx
      .update(t.signalAnalyses)
      .set({ gradingRationale: "", knownConflict: null, reporterInterest: null, corroboration: null })
      .where(inArray(t.signalAnalyses.signalId, signalIds));

  const decisionIds = (
    await tx.select({ id: t.decisions.id }).from(t.decisions).where(eq(t.decisions.caseId, caseId))
  ).map((d) => d.id);
  await tx.update(t.decisions).set({ rationale: "", details: {} }).where(eq(t.decisions.caseId, caseId));
  if (decisionIds.length) {
    await tx
      .update(t.decisionCorrections)
      .set({ before: "", after: "", reason: "" })
      .where(inArray(t.decisionCorrections.decisionId, decisionIds));
    await tx.update(t.decisionViews).set({ comment: null }).where(inArray(t.decisionViews.decisionId, decisionIds));
  }

  const removedAssessments = store.changedRows(await tx.delete(t.assessments).where(eq(t.assessments.caseId, caseId)));
  const removedPlans = store.changedRows(await tx.delete(t.planVersions).where(eq(t.planVersions.caseId, caseId)));
  const emptiedTasks = store.changedRows(await tx.update(t.tasks).set({ what: "" }).where(eq(t.tasks.caseId, caseId)));

  for (const p of await tx
    .select({ id: t.closureProposals.id, checklist: t.closureProposals.checklist })
    .from(t.closureProposals)
    .where(eq(t.closureProposals.caseId, caseId))) {
    await tx
      .update(t.closureProposals)
      .set({ checklist: withoutWords(p.checklist) as ClosureChecklist, rationale: "", signOffComment: null })
      .where(eq(t.closureProposals.id, p.id));
    await tx.update(t.closureViews).set({ comment: null }).where(eq(t.closureViews.proposalId, p.id));
  }
  await tx.update(t.monitoringChecks).set({ note: null }).where(eq(t.monitoringChecks.caseId, caseId));
  await tx
    .update(t.caseSharingBases)
    .set({ note: null, caseReference: null })
    .where(eq(t.caseSharingBases.caseId, caseId));

  for (const w of await tx
    .select({ id: t.writtenProcedures.id, proposal: t.writtenProcedures.proposal })
    .from(t.writtenProcedures)
    .where(eq(t.writtenProcedures.caseId, caseId))) {
    await tx
      .update(t.writtenProcedures)
      .set({ proposal: withoutWords(w.proposal) as typeof w.proposal, note: null })
      .where(eq(t.writtenProcedures.id, w.id));
    await tx.update(t.writtenAnswers).set({ reason: null }).where(eq(t.writtenAnswers.procedureId, w.id));
  }
  const updateIds = (
    await tx.select({ id: t.agencyUpdates.id }).from(t.agencyUpdates).where(eq(t.agencyUpdates.caseId, caseId))
  ).map((u) => u.id);
  if (updateIds.length) {
    await tx
      .update(t.agencyUpdates)
      .set({ news: null, closureComment: null })
      .where(inArray(t.agencyUpdates.id, updateIds));
    await tx
      .update(t.agencyUpdateTasks)
      .set({ what: "", note: null })
      .where(inArray(t.agencyUpdateTasks.updateId, updateIds));
  }

  // The meeting record of its items: notes, the coordinator's wording, proposals, and the
  // words in the event log (which screens replay), its shapes and sequence kept.
  const itemIds = (
    await tx.select({ id: t.agendaItems.id }).from(t.agendaItems).where(eq(t.agendaItems.caseId, caseId))
  ).map((i) => i.id);
  let notes = 0;
  if (itemIds.length) {
    const docs = itemIds.map(itemNotesDoc).sort();
    // A compaction running meanwhile would write the notes it read back as one row.
    for (const doc of docs) await store.lock(tx, notesLock(doc));
    notes = store.changedRows(await tx.delete(t.noteUpdates).where(inArray(t.noteUpdates.doc, docs)));
    await tx.delete(t.minutesWording).where(inArray(t.minutesWording.itemId, itemIds));
    await tx.update(t.taskProposals).set({ what: "" }).where(inArray(t.taskProposals.itemId, itemIds));
    for (const e of await tx
      .select({ meetingId: t.meetingEvents.meetingId, seq: t.meetingEvents.seq, payload: t.meetingEvents.payload })
      .from(t.meetingEvents)
      .where(inArray(t.meetingEvents.itemId, itemIds))) {
      await tx
        .update(t.meetingEvents)
        .set({ payload: scrubbed(e.payload) })
        .where(and(eq(t.meetingEvents.meetingId, e.meetingId), eq(t.meetingEvents.seq, e.seq)));
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
