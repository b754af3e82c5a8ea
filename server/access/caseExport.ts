import { and, asc, eq, inArray } from "drizzle-orm";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue } from "../crypto/sealedColumns.ts";
import { minutesSchema } from "../documents/minutesModel.ts";
import { itemNotesDoc } from "../retention/caseContent.ts";

// Everything Casetable holds about the person of one case (GDPR art. 15; decision 0038),
// read by the case's id only, so nothing of another case can enter: the identity
// (unsealed), the case file, signals and their analysis, decisions with each agency's
// view and corrections, assessments, every plan version, tasks, closure, fade-out
// checks, the sharing basis, decisions in writing, agency updates, and of each meeting
// the items about the case with their notes and wording, and the items of approved
// minutes that carry the case's code. A reporter's identity is left out: it is another
// person's data (art. 15(4)).

type MinutesVersion = Tables["minutesVersions"]["$inferSelect"];
type Meeting = Tables["meetings"]["$inferSelect"];

export function createCaseExport(deps: {
  store: Store;
  keyring: Keyring;
  readNotes: (doc: string) => Promise<{ text: string }>;
}) {
  const { store, keyring } = deps;
  const { t } = store;

  async function nameOf(db: Query, ids: (string | null)[]): Promise<(id: string | null) => string | null> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    const names = new Map(
      wanted.length
        ? (
            await db
              .select({ id: t.persons.id, name: t.persons.name })
              .from(t.persons)
              .where(inArray(t.persons.id, wanted))
          ).map((p) => [p.id, p.name])
        : [],
    );
    return (id) => (id ? (names.get(id) ?? null) : null);
  }

  async function agencyNames(db: Query, networkId: string): Promise<Map<string, string>> {
    const rows = await db
      .select({ id: t.agencies.id, name: t.agencies.name })
      .from(t.agencies)
      .where(eq(t.agencies.networkId, networkId));
    return new Map(rows.map((a) => [a.id, a.name]));
  }

  async function identityOf(db: Query, caseId: string) {
    const [row] = await db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, caseId));
    if (!row) return null;
    const { caseSubjects } = t;
    return {
      name: openValue(keyring, caseSubjects.name, caseId, row.name),
      dateOfBirth: openValue(keyring, caseSubjects.dateOfBirth, caseId, row.dateOfBirth),
      address: openValue(keyring, caseSubjects.address, caseId, row.address),
      contacts: openValue(keyring, caseSubjects.contacts, caseId, row.contacts),
    };
  }

  /** The rows of `ids` (none when there are none), read only when there is something to read. */
  const whenAny = async <T>(ids: readonly string[], read: () => Promise<T[]>): Promise<T[]> =>
    ids.length ? read() : [];

  /**
   * The person's data, read through `db`, with each meeting item's notes left empty (they
   * are kept apart, and read after), and the items' ids in the same order.
   */
  async function heldOn(db: Query, caseId: string) {
    const [c] = await db.select().from(t.cases).where(eq(t.cases.id, caseId));
    const [network] = await db.select().from(t.networks).where(eq(t.networks.id, c.networkId));
    const agency = await agencyNames(db, c.networkId);
    const signalRows = await db
      .select()
      .from(t.signals)
      .where(eq(t.signals.caseId, caseId))
      .orderBy(asc(t.signals.receivedAt));
    const signalIds = signalRows.map((s) => s.id);
    const analysisRows = await whenAny(signalIds, () =>
      db
        .select()
        .from(t.signalAnalyses)
        .where(inArray(t.signalAnalyses.signalId, signalIds))
        .orderBy(asc(t.signalAnalyses.recordedAt)),
    );
    const decisionRows = await db
      .select()
      .from(t.decisions)
      .where(eq(t.decisions.caseId, caseId))
      .orderBy(asc(t.decisions.decidedAt));
    const decisionIds = decisionRows.map((d) => d.id);
    const viewRows = await whenAny(decisionIds, () =>
      db.select().from(t.decisionViews).where(inArray(t.decisionViews.decisionId, decisionIds)),
    );
    const correctionRows = await whenAny(decisionIds, () =>
      db.select().from(t.decisionCorrections).where(inArray(t.decisionCorrections.decisionId, decisionIds)),
    );
    const plans = await db
      .select()
      .from(t.planVersions)
      .where(eq(t.planVersions.caseId, caseId))
      .orderBy(asc(t.planVersions.version));
    const taskRows = await db.select().from(t.tasks).where(eq(t.tasks.caseId, caseId)).orderBy(asc(t.tasks.createdAt));
    const proposals = await db.select().from(t.closureProposals).where(eq(t.closureProposals.caseId, caseId));
    const proposalIds = proposals.map((p) => p.id);
    const closureViewRows = await whenAny(proposalIds, () =>
      db.select().from(t.closureViews).where(inArray(t.closureViews.proposalId, proposalIds)),
    );
    const written = await db.select().from(t.writtenProcedures).where(eq(t.writtenProcedures.caseId, caseId));
    const writtenIds = written.map((w) => w.id);
    const answers = await whenAny(writtenIds, () =>
      db.select().from(t.writtenAnswers).where(inArray(t.writtenAnswers.procedureId, writtenIds)),
    );
    const items = await db
      .select({ item: t.agendaItems, meeting: t.meetings })
      .from(t.agendaItems)
      .innerJoin(t.meetings, eq(t.meetings.id, t.agendaItems.meetingId))
      .where(and(eq(t.agendaItems.caseId, caseId), eq(t.meetings.networkId, c.networkId)))
      .orderBy(asc(t.meetings.startsAt), asc(t.agendaItems.position));
    const itemIds = items.map((i) => i.item.id);
    const wordings = await whenAny(itemIds, () =>
      db.select().from(t.minutesWording).where(inArray(t.minutesWording.itemId, itemIds)),
    );
    const updates = await db.select().from(t.agencyUpdates).where(eq(t.agencyUpdates.caseId, caseId));
    const name = await nameOf(db, [
      ...decisionRows.map((d) => d.decidedBy),
      ...plans.map((p) => p.savedBy),
      ...proposals.flatMap((p) => [p.proposedBy, p.signedOffBy]),
      ...taskRows.map((k) => k.ownerPersonId),
    ]);
    // Approved minutes of the network's meetings, parsed and cut to this case once read (minutesAbout).
    const approved = await db
      .select({ version: t.minutesVersions, meeting: t.meetings })
      .from(t.minutesVersions)
      .innerJoin(t.meetings, eq(t.meetings.id, t.minutesVersions.meetingId))
      .where(eq(t.meetings.networkId, c.networkId))
      .orderBy(asc(t.meetings.startsAt), asc(t.minutesVersions.version));
    const involved = await db
      .select({ id: t.caseAgencies.agencyId })
      .from(t.caseAgencies)
      .where(eq(t.caseAgencies.caseId, caseId));
    const assessmentRows = await db
      .select()
      .from(t.assessments)
      .where(eq(t.assessments.caseId, caseId))
      .orderBy(asc(t.assessments.assessedOn));
    const checks = await db
      .select()
      .from(t.monitoringChecks)
      .where(eq(t.monitoringChecks.caseId, caseId))
      .orderBy(asc(t.monitoringChecks.dueOn));
    const bases = await db.select().from(t.caseSharingBases).where(eq(t.caseSharingBases.caseId, caseId));
    const identity = await identityOf(db, caseId);
    const held = {
      network: network.name,
      case: {
        code: c.code,
        stage: c.stage,
        outcome: c.outcome,
        summary: c.summary,
        isMinor: c.isMinor,
        nextCheckInOn: c.nextCheckInOn,
        openedAt: c.createdAt.toISOString(),
        restrictedAt: c.restrictedAt?.toISOString() ?? null,
        identityRemovedAt: c.identityPurgedAt?.toISOString() ?? null,
      },
      identity,
      involvedAgencies: involved.map((a) => agency.get(a.id) ?? ""),
      signals: signalRows.map((s) => ({
        receivedAt: s.receivedAt.toISOString(),
        channel: s.channel,
        concern: s.concern,
        reporterOrganisation: s.reporterWithheld
          ? null
          : openValue(keyring, t.signals.reporterOrganisation, s.id, s.reporterOrganisation),
        analyses: analysisRows
          .filter((a) => a.signalId === s.id)
          .map((a) => ({
            recordedAt: a.recordedAt.toISOString(),
            isSecuritySignal: a.isSecuritySignal,
            scale: a.scale,
            sourceGrade: a.sourceGrade,
            informationGrade: a.informationGrade,
            handling: a.handling,
            gradingRationale: a.gradingRationale,
            knownConflict: a.knownConflict,
            reporterInterest: a.reporterInterest,
            corroboration: a.corroboration,
          })),
      })),
      decisions: decisionRows.map((d) => ({
        decidedAt: d.decidedAt.toISOString(),
        kind: d.kind,
        outcome: d.outcome,
        rationale: d.rationale,
        details: d.details,
        decidedBy: name(d.decidedBy),
        views: viewRows
          .filter((v) => v.decisionId === d.id)
          .map((v) => ({ agency: agency.get(v.agencyId) ?? "", view: v.view, comment: v.comment })),
        corrections: correctionRows
          .filter((k) => k.decisionId === d.id)
          .map((k) => ({ at: k.correctedAt.toISOString(), before: k.before, after: k.after, reason: k.reason })),
      })),
      assessments: assessmentRows.map((a) => ({
        assessedOn: a.assessedOn,
        template: a.template,
        domains: a.domains,
      })),
      plans: plans.map((p) => ({
        version: p.version,
        savedAt: p.savedAt.toISOString(),
        savedBy: name(p.savedBy),
        content: p.content,
      })),
      tasks: taskRows.map((k) => ({
        what: k.what,
        owner: name(k.ownerPersonId),
        agency: k.ownerAgencyId ? (agency.get(k.ownerAgencyId) ?? null) : null,
        startOn: k.startOn,
        dueOn: k.dueOn,
        status: k.status,
        stopReason: k.stopReason,
      })),
      closure: proposals.map((p) => ({
        proposedAt: p.proposedAt.toISOString(),
        proposedBy: name(p.proposedBy),
        status: p.status,
        checklist: p.checklist,
        rationale: p.rationale,
        views: closureViewRows
          .filter((v) => v.proposalId === p.id)
          .map((v) => ({ agency: agency.get(v.agencyId) ?? "", view: v.view, comment: v.comment })),
        signedOffBy: name(p.signedOffBy),
        signedOffAt: p.signedOffAt?.toISOString() ?? null,
        signOffComment: p.signOffComment,
      })),
      fadeOutChecks: checks.map((m) => ({ dueOn: m.dueOn, doneOn: m.doneOn, note: m.note })),
      sharingBasis: bases.map((b) => ({
        event: b.event,
        basis: b.basis,
        basisName: b.basisName,
        effectiveOn: b.effectiveOn,
        note: b.note,
      })),
      decisionsInWriting: written.map((w) => ({
        openedAt: w.openedAt.toISOString(),
        kind: w.kind,
        proposal: w.proposal,
        status: w.status,
        result: w.result,
        note: w.note,
        answers: answers
          .filter((a) => a.procedureId === w.id)
          .map((a) => ({ agency: agency.get(a.agencyId) ?? "", stance: a.stance, reason: a.reason })),
      })),
      agencyUpdates: updates.map((u) => ({
        agency: agency.get(u.agencyId) ?? "",
        postedAt: u.postedAt.toISOString(),
        news: u.news,
        closureView: u.closureView,
        closureComment: u.closureComment,
      })),
      meetings: items.map(({ item, meeting }) => {
        const wording = wordings.find((w) => w.itemId === item.id);
        return {
          meeting: meeting.title,
          startsAt: meeting.startsAt.toISOString(),
          /** What the item was (its agenda kind), and its title when someone typed it. */
          item: { kind: item.kind, title: item.title },
          status: item.status,
          notes: "",
          wording: wording ? wording.doc : null,
        };
      }),
    };
    return { held, itemIds, approved };
  }

  /**
   * Of approved minutes, only the items and reviews that carry the case's code. Parsed
   * after the snapshot's read, not in it: a network's years of minutes are not parsed
   * while the room's joins and resyncs wait for the snapshot's connection.
   */
  function minutesAbout(approved: { version: MinutesVersion; meeting: Meeting }[], code: string) {
    return approved.flatMap(({ version, meeting }) => {
      const model = minutesSchema.parse(version.model);
      const own = model.items.filter((i) => i.caseCode === code);
      const reviews = model.items.flatMap((i) => i.actionReviews.filter((r) => r.caseCode === code));
      if (own.length === 0 && reviews.length === 0) return [];
      return [
        {
          meeting: meeting.title,
          startsAt: meeting.startsAt.toISOString(),
          version: version.version,
          approvedAt: version.approvedAt.toISOString(),
          items: own,
          actionReviews: reviews,
        },
      ];
    });
  }

  return {
    /**
     * The person's data, as plain values: what data.json holds and the PDF prints. Read on
     * one snapshot (`store.read`): a change that commits while it is read is in none of it,
     * so a sign-off never shows beside the case as it was before it. The items' notes,
     * kept apart, are read after, and the minutes parsed after.
     */
    async gather(caseId: string) {
      const { held, itemIds, approved } = await store.read((db) => heldOn(db, caseId));
      for (const [i, id] of itemIds.entries()) held.meetings[i].notes = (await deps.readNotes(itemNotesDoc(id))).text;
      return { ...held, minutes: minutesAbout(approved, held.case.code) };
    },
  };
}

export type CaseExport = ReturnType<typeof createCaseExport>;
export type HeldData = Awaited<ReturnType<CaseExport["gather"]>>;
