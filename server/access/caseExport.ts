import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agencies,
  agencyUpdates,
  agendaItems,
  assessments,
  caseAgencies,
  caseSharingBases,
  cases,
  caseSubjects,
  closureProposals,
  closureViews,
  decisionCorrections,
  decisions,
  decisionViews,
  meetings,
  minutesVersions,
  minutesWording,
  monitoringChecks,
  networks,
  persons,
  planVersions,
  signalAnalyses,
  signals,
  tasks,
  writtenAnswers,
  writtenProcedures,
} from "../../db/schema/index.ts";
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

export function createCaseExport(deps: { db: Db; keyring: Keyring; readNotes: (doc: string) => { text: string } }) {
  const { db, keyring } = deps;

  function nameOf(ids: (string | null)[]): (id: string | null) => string | null {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    const names = new Map(
      wanted.length
        ? db
            .select({ id: persons.id, name: persons.name })
            .from(persons)
            .where(inArray(persons.id, wanted))
            .all()
            .map((p) => [p.id, p.name])
        : [],
    );
    return (id) => (id ? (names.get(id) ?? null) : null);
  }

  function agencyNames(): Map<string, string> {
    return new Map(
      db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .all()
        .map((a) => [a.id, a.name]),
    );
  }

  function identityOf(caseId: string) {
    const row = db.select().from(caseSubjects).where(eq(caseSubjects.caseId, caseId)).get();
    if (!row) return null;
    return {
      name: openValue(keyring, caseSubjects.name, caseId, row.name),
      dateOfBirth: openValue(keyring, caseSubjects.dateOfBirth, caseId, row.dateOfBirth),
      address: openValue(keyring, caseSubjects.address, caseId, row.address),
      contacts: openValue(keyring, caseSubjects.contacts, caseId, row.contacts),
    };
  }

  return {
    /** The person's data, as plain values: what data.json holds and the PDF prints. */
    gather(caseId: string) {
      const c = db.select().from(cases).where(eq(cases.id, caseId)).get()!;
      const network = db.select().from(networks).where(eq(networks.id, c.networkId)).get()!;
      const agency = agencyNames();
      const signalRows = db
        .select()
        .from(signals)
        .where(eq(signals.caseId, caseId))
        .orderBy(asc(signals.receivedAt))
        .all();
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
            .orderBy(asc(signalAnalyses.recordedAt))
            .all()
        : [];
      const decisionRows = db
        .select()
        .from(decisions)
        .where(eq(decisions.caseId, caseId))
        .orderBy(asc(decisions.decidedAt))
        .all();
      const decisionIds = decisionRows.map((d) => d.id);
      const viewRows = decisionIds.length
        ? db.select().from(decisionViews).where(inArray(decisionViews.decisionId, decisionIds)).all()
        : [];
      const correctionRows = decisionIds.length
        ? db.select().from(decisionCorrections).where(inArray(decisionCorrections.decisionId, decisionIds)).all()
        : [];
      const plans = db
        .select()
        .from(planVersions)
        .where(eq(planVersions.caseId, caseId))
        .orderBy(asc(planVersions.version))
        .all();
      const taskRows = db.select().from(tasks).where(eq(tasks.caseId, caseId)).orderBy(asc(tasks.createdAt)).all();
      const proposals = db.select().from(closureProposals).where(eq(closureProposals.caseId, caseId)).all();
      const closureViewRows = proposals.length
        ? db
            .select()
            .from(closureViews)
            .where(
              inArray(
                closureViews.proposalId,
                proposals.map((p) => p.id),
              ),
            )
            .all()
        : [];
      const written = db.select().from(writtenProcedures).where(eq(writtenProcedures.caseId, caseId)).all();
      const answers = written.length
        ? db
            .select()
            .from(writtenAnswers)
            .where(
              inArray(
                writtenAnswers.procedureId,
                written.map((w) => w.id),
              ),
            )
            .all()
        : [];
      const items = db
        .select({ item: agendaItems, meeting: meetings })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(and(eq(agendaItems.caseId, caseId), eq(meetings.networkId, c.networkId)))
        .orderBy(asc(meetings.startsAt), asc(agendaItems.position))
        .all();
      const wordings = items.length
        ? db
            .select()
            .from(minutesWording)
            .where(
              inArray(
                minutesWording.itemId,
                items.map((i) => i.item.id),
              ),
            )
            .all()
        : [];
      const updates = db.select().from(agencyUpdates).where(eq(agencyUpdates.caseId, caseId)).all();
      const name = nameOf([
        ...decisionRows.map((d) => d.decidedBy),
        ...plans.map((p) => p.savedBy),
        ...proposals.flatMap((p) => [p.proposedBy, p.signedOffBy]),
        ...taskRows.map((t) => t.ownerPersonId),
      ]);
      // Approved minutes of the network's meetings: only their items and reviews that carry this case's code.
      const minutes = db
        .select({ version: minutesVersions, meeting: meetings })
        .from(minutesVersions)
        .innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
        .where(eq(meetings.networkId, c.networkId))
        .orderBy(asc(meetings.startsAt), asc(minutesVersions.version))
        .all()
        .flatMap(({ version, meeting }) => {
          const model = minutesSchema.parse(version.model);
          const own = model.items.filter((i) => i.caseCode === c.code);
          const reviews = model.items.flatMap((i) => i.actionReviews.filter((r) => r.caseCode === c.code));
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

      return {
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
        identity: identityOf(caseId),
        involvedAgencies: db
          .select({ id: caseAgencies.agencyId })
          .from(caseAgencies)
          .where(eq(caseAgencies.caseId, caseId))
          .all()
          .map((a) => agency.get(a.id) ?? ""),
        signals: signalRows.map((s) => ({
          receivedAt: s.receivedAt.toISOString(),
          channel: s.channel,
          concern: s.concern,
          reporterOrganisation: s.reporterWithheld
            ? null
            : openValue(keyring, signals.reporterOrganisation, s.id, s.reporterOrganisation),
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
        assessments: db
          .select()
          .from(assessments)
          .where(eq(assessments.caseId, caseId))
          .orderBy(asc(assessments.assessedOn))
          .all()
          .map((a) => ({ assessedOn: a.assessedOn, template: a.template, domains: a.domains })),
        plans: plans.map((p) => ({
          version: p.version,
          savedAt: p.savedAt.toISOString(),
          savedBy: name(p.savedBy),
          content: p.content,
        })),
        tasks: taskRows.map((t) => ({
          what: t.what,
          owner: name(t.ownerPersonId),
          agency: t.ownerAgencyId ? (agency.get(t.ownerAgencyId) ?? null) : null,
          startOn: t.startOn,
          dueOn: t.dueOn,
          status: t.status,
          stopReason: t.stopReason,
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
        fadeOutChecks: db
          .select()
          .from(monitoringChecks)
          .where(eq(monitoringChecks.caseId, caseId))
          .orderBy(asc(monitoringChecks.dueOn))
          .all()
          .map((m) => ({ dueOn: m.dueOn, doneOn: m.doneOn, note: m.note })),
        sharingBasis: db
          .select()
          .from(caseSharingBases)
          .where(eq(caseSharingBases.caseId, caseId))
          .all()
          .map((b) => ({
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
        meetings: items.map(({ item, meeting }) => ({
          meeting: meeting.title,
          startsAt: meeting.startsAt.toISOString(),
          /** What the item was (its agenda kind), and its title when someone typed it. */
          item: { kind: item.kind, title: item.title },
          status: item.status,
          notes: deps.readNotes(itemNotesDoc(item.id)).text,
          wording: wordings.find((w) => w.itemId === item.id) ? wordings.find((w) => w.itemId === item.id)!.doc : null,
        })),
        minutes,
      };
    },
  };
}

export type CaseExport = ReturnType<typeof createCaseExport>;
export type HeldData = ReturnType<CaseExport["gather"]>;
