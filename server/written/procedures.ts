import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import { AGENCY_VIEWS, type AgencyView } from "../../app/contract/vocabulary.ts";
import {
  OUTCOMES_OF,
  type WrittenEvent,
  type WrittenKind,
  type WrittenOpen,
  type WrittenProcedureView,
  type WrittenSeat,
  type WrittenStance,
  type WrittenResult,
} from "../../app/contract/writtenProcedure.ts";
import { refused, type ErrorCode, type Refused } from "../../app/contract/protocol.ts";
import type { RefusalParams, RefusalReason } from "../../app/contract/refusals.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";
import { can, roleMay, type Viewer } from "../auth/policy.ts";
import { decideOnCase, type CaseDecisionDeps } from "../cases/caseDecision.ts";
import type { CaseWithScope } from "../cases/caseRegister.ts";
import type { DeliveryRow, Outbox } from "../mail/outbox.ts";
import { WRITTEN_MAIL_KIND, type WrittenMailPayload } from "./writtenMail.ts";
import { nextScheduledMeeting, reportOnAgenda } from "./writtenAgenda.ts";
import { answerOf, decidersOf, procedureRows, procedureView } from "./writtenViews.ts";
import { cutProcedure, writtenAccess } from "./writtenView.ts";

// Decisions in writing between the meetings (issue 14, rule 2): the chair opens a
// procedure on a case that cannot wait, the members who may decide for the involved
// agencies answer, the chair concludes. Every write is one transaction with its audit
// entry (no content in it); once committed, listeners (the live channel) hear of it. Who
// is involved in a case, and so asked, is the case register's to say (its scope).

type Actor = AuditActor & { personId: string };
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: Refused };
const refuse = (code: ErrorCode, reason: RefusalReason, params?: RefusalParams) =>
  ({ ok: false, error: refused(code, reason, params) }) as const;

/** Something changed in a procedure of a network: the event, and the case it is about. */
export interface WrittenChange {
  networkId: string;
  caseId: string;
  event: WrittenEvent;
}

export interface WrittenDeps extends CaseDecisionDeps {
  store: Store;
  audit: AuditChain;
  outbox: Outbox;
  worker: { wake(): void };
}

/** What a case can be decided on now, or null when it is closed. */
export function kindOf(c: CaseWithScope): WrittenKind | null {
  if (c.stage === "closed") return null;
  if (c.stage === "signal") return "routing";
  return c.scope.openClosureProposal ? "closure" : "check_in";
}

/**
 * Opening, answering and concluding the procedures of one case take turns on PostgreSQL
 * (decision 0040's named locks): each reads the state it then changes.
 */
const procedureLock = (caseId: string) => `written-procedure:${caseId}`;

class DecisionRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: RefusalReason,
  ) {
    super(reason);
  }
}
async function refusedOr<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof refuse>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DecisionRefused) return refuse(error.code, error.reason);
    throw error;
  }
}

export function createWrittenProcedures(deps: WrittenDeps) {
  const { store, audit, caseRegister } = deps;
  const { db, t } = store;
  const changes = new EventEmitter<{ change: [WrittenChange] }>();
  const tell = (change: WrittenChange) => changes.emit("change", change);

  const scopeOf = async (caseId: string) => (await caseRegister.get(caseId))?.scope ?? null;

  /** A routing in writing needs what the room needs: the signal graded, and a security signal referred. */
  async function routingRefusal(c: CaseWithScope, outcome: string): Promise<RefusalReason | null> {
    const [signal] = await db
      .select({ id: t.signals.id })
      .from(t.signals)
      .where(eq(t.signals.caseId, c.id))
      .orderBy(desc(t.signals.receivedAt))
      .limit(1);
    const [analysis] = signal
      ? await db
          .select()
          .from(t.signalAnalyses)
          .where(eq(t.signalAnalyses.signalId, signal.id))
          .orderBy(desc(t.signalAnalyses.recordedAt))
          .limit(1)
      : [];
    if (!analysis) return "not_analysed";
    if (analysis.isSecuritySignal && outcome !== "security_referral") return "security_signal_needs_referral";
    return null;
  }

  async function membershipOf(personId: string, networkId: string) {
    const [m] = await db
      .select()
      .from(t.memberships)
      .where(and(eq(t.memberships.personId, personId), eq(t.memberships.networkId, networkId)));
    return m;
  }

  /** A procedure of the network in full, with its case's involved agencies now. */
  const viewOf = (networkId: string, id: string, c: CaseWithScope) =>
    procedureView(t, db, networkId, id, c.scope.involvedAgencyIds);

  return {
    onChange(listener: (change: WrittenChange) => void): () => void {
      changes.on("change", listener);
      return () => changes.off("change", listener);
    },

    /** Opens a procedure; mails every member who may decide for an involved agency. */
    async open(
      actor: Actor,
      person: Viewer,
      networkId: string,
      input: WrittenOpen,
      origin: string,
    ): Promise<Outcome<{ id: string }>> {
      if (!can(person, "decisions:inWriting", networkId)) return refuse("forbidden", "written_chair_only");
      const c = await caseRegister.findByCode(networkId, input.caseCode);
      if (!c) return refuse("not_found", "no_such_case", { code: input.caseCode });
      const kind = kindOf(c);
      if (!kind) return refuse("refused", "case_closed_reopen");
      if (!OUTCOMES_OF[kind].includes(input.proposal.outcome)) return refuse("invalid_payload", "outcome_does_not_fit");
      if (kind === "routing") {
        const refusal = await routingRefusal(c, input.proposal.outcome);
        if (refusal) return refuse("refused", refusal);
      }
      if (input.proposal.outcome === "take_into_maw" && !input.proposal.basis)
        return refuse("invalid_payload", "sharing_basis_needed");
      if (input.deadline.getTime() <= Date.now()) return refuse("invalid_payload", "deadline_ahead");
      if (c.scope.involvedAgencyIds.length === 0) return refuse("refused", "nobody_to_ask");
      const id = randomUUID();
      const mails = await store.transaction(async (tx) => {
        // One open procedure per case, also when two chairs open one at once on two nodes.
        await store.lock(tx, procedureLock(c.id));
        const [running] = await tx
          .select({ id: t.writtenProcedures.id })
          .from(t.writtenProcedures)
          .where(and(eq(t.writtenProcedures.caseId, c.id), eq(t.writtenProcedures.status, "open")));
        if (running) return null;
        await tx.insert(t.writtenProcedures).values({
          id,
          networkId,
          caseId: c.id,
          reason: input.reason,
          kind,
          proposal: input.proposal,
          deadline: input.deadline,
          openedBy: actor.personId,
        });
        const net = (await tx.select().from(t.networks).where(eq(t.networks.id, networkId)))[0]!;
        const deciders = await decidersOf(t, tx, networkId, c.scope.involvedAgencyIds);
        const written = await deps.outbox.enqueue(
          tx,
          deciders.map((d) => ({
            kind: WRITTEN_MAIL_KIND,
            recipientPersonId: d.personId,
            email: d.email,
            payload: {
              recipientName: d.name,
              networkId,
              networkName: net.name,
              caseCode: c.code,
              deadline: input.deadline.getTime(),
              timeZone: net.timeZone,
              url: `${origin}/n/${networkId}/written/${id}`,
            } satisfies WrittenMailPayload,
          })),
        );
        await audit.append(tx, actor, {
          action: "written.opened",
          networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code, procedureId: id, kind, deadline: input.deadline.toISOString() },
        });
        return written;
      });
      if (mails === null) return refuse("conflict", "already_in_writing", { code: c.code });
      announce(mails);
      tell({
        networkId,
        caseId: c.id,
        event: { type: "procedure:opened", procedure: (await viewOf(networkId, id, c))! },
      });
      return { ok: true, data: { id } };
    },

    /** An involved agency's answer, by a member whose mandate allows it, while the procedure is open. */
    async answer(
      actor: Actor,
      networkId: string,
      procedureId: string,
      input: { stance: WrittenStance; reason: string | null },
    ): Promise<Outcome<{ procedureId: string }>> {
      const m = await membershipOf(actor.personId, networkId);
      if (!m || !roleMay(m.role, "decisions:answerInWriting")) return refuse("forbidden", "written_members_answer");
      const isView = (AGENCY_VIEWS as readonly string[]).includes(input.stance);
      if (isView && m.mandate !== "decides") return refuse("forbidden", "mandate_reports_back");
      if (!isView && m.mandate === "decides") return refuse("refused", "mandate_decides");
      if (input.stance === "disagree" && !input.reason) return refuse("invalid_payload", "dissent_needs_reason");
      // The case a procedure is about never changes: who is involved in it is the case register's to say.
      const [about] = await db
        .select({ caseId: t.writtenProcedures.caseId })
        .from(t.writtenProcedures)
        .where(and(eq(t.writtenProcedures.id, procedureId), eq(t.writtenProcedures.networkId, networkId)));
      if (!about) return refuse("not_found", "no_such_procedure");
      const involved = (await scopeOf(about.caseId))?.involvedAgencyIds ?? [];
      const result = await store.transaction(async (tx) => {
        // Not after a conclusion that a second node is committing: answers and the conclusion take turns.
        await store.lock(tx, procedureLock(about.caseId));
        const [p] = await tx
          .select()
          .from(t.writtenProcedures)
          .where(and(eq(t.writtenProcedures.id, procedureId), eq(t.writtenProcedures.networkId, networkId)));
        if (!p) return refuse("not_found", "no_such_procedure");
        if (p.status !== "open") return refuse("conflict", "answers_closed");
        if (p.deadline.getTime() <= Date.now()) return refuse("conflict", "deadline_passed");
        if (!involved.includes(m.agencyId)) return refuse("forbidden", "written_involved_answer");
        const before = await answerOf(t, tx, p.id, m.agencyId);
        if (!isView && before && before.stance !== "report_back") return refuse("conflict", "agency_answered");
        await tx
          .insert(t.writtenAnswers)
          .values({
            procedureId: p.id,
            agencyId: m.agencyId,
            stance: input.stance,
            reason: input.reason,
            givenBy: actor.personId,
          })
          .onConflictDoUpdate({
            target: [t.writtenAnswers.procedureId, t.writtenAnswers.agencyId],
            set: { stance: input.stance, reason: input.reason, givenBy: actor.personId, givenAt: new Date() },
          });
        const answer = (await answerOf(t, tx, p.id, m.agencyId))!;
        await audit.append(tx, actor, {
          action: "written.answered",
          networkId,
          subjectType: "case",
          subjectId: p.caseId,
          details: { procedureId: p.id, agencyId: m.agencyId, stance: input.stance },
        });
        return { ok: true as const, caseId: p.caseId, answer };
      });
      if (!result.ok) return result;
      tell({ networkId, caseId: result.caseId, event: { type: "answer:given", procedureId, answer: result.answer } });
      return { ok: true, data: { procedureId } };
    },

    /**
     * The chair concludes: adopted, the proposal becomes a decision in the case register
     * (through the service that owns it) with every agency's view; either way the next
     * meeting's agenda gets the item "decided between meetings".
     */
    async conclude(
      actor: Actor,
      person: Viewer,
      networkId: string,
      procedureId: string,
      input: { result: WrittenResult; note: string | null },
    ): Promise<Outcome<{ procedureId: string; decisionId: string | null }>> {
      if (!can(person, "decisions:inWriting", networkId)) return refuse("forbidden", "written_chair_concludes");
      const [row] = await db
        .select()
        .from(t.writtenProcedures)
        .where(and(eq(t.writtenProcedures.id, procedureId), eq(t.writtenProcedures.networkId, networkId)));
      if (!row) return refuse("not_found", "no_such_procedure");
      const c = await caseRegister.get(row.caseId);
      if (!c) return refuse("not_found", "procedure_case_gone");
      const result = await refusedOr(() =>
        store.transaction(async (tx) => {
          // Concluded once, also when the chair clicks twice or on two nodes.
          await store.lock(tx, procedureLock(c.id));
          const p = (await tx.select().from(t.writtenProcedures).where(eq(t.writtenProcedures.id, procedureId)))[0]!;
          if (p.status !== "open") return refuse("conflict", "procedure_concluded");
          const answers = await tx.select().from(t.writtenAnswers).where(eq(t.writtenAnswers.procedureId, p.id));
          const views = answers.filter((a): a is typeof a & { stance: AgencyView } =>
            (AGENCY_VIEWS as readonly string[]).includes(a.stance),
          );
          let decisionId: string | null = null;
          // The case services' audit entries, appended with the conclusion's as the last writes.
          const audits: AuditEntryInput[] = [];
          if (input.result === "adopted") {
            const proposal = p.proposal;
            const at = { tx, audits };
            // A closure signs off on the agencies' views: those given in writing are theirs.
            if (p.kind === "closure" && proposal.outcome === "close")
              for (const v of views)
                await deps.closure.giveView(actor, c, v.agencyId, { view: v.stance, comment: v.reason }, at);
            const decided = await decideOnCase(deps, at, actor, person, c, p.kind, proposal);
            // Refused: nothing of it stays, the closure views given above neither.
            if (!decided.ok) throw new DecisionRefused(decided.code, decided.reason);
            decisionId = decided.decisionId;
            const [d] = await tx
              .select({ details: t.decisions.details })
              .from(t.decisions)
              .where(eq(t.decisions.id, decisionId));
            await tx
              .update(t.decisions)
              .set({ details: { ...d!.details, writtenProcedureId: p.id } })
              .where(eq(t.decisions.id, decisionId));
            for (const v of views)
              await tx
                .insert(t.decisionViews)
                .values({ decisionId, agencyId: v.agencyId, view: v.stance, comment: v.reason, givenBy: v.givenBy });
          }
          const now = new Date();
          await tx
            .update(t.writtenProcedures)
            .set({
              status: "concluded",
              result: input.result,
              note: input.note,
              concludedBy: actor.personId,
              concludedAt: now,
              decisionId,
            })
            .where(eq(t.writtenProcedures.id, p.id));
          const next = await nextScheduledMeeting(t, tx, networkId, now);
          if (next) await reportOnAgenda(t, tx, next, [p.id]);
          for (const entry of audits) await audit.append(tx, actor, entry);
          await audit.append(tx, actor, {
            action: "written.concluded",
            networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, procedureId: p.id, result: input.result, decisionId, answers: answers.length },
          });
          return { ok: true as const, decisionId };
        }),
      );
      if (!result.ok) return result;
      tell({
        networkId,
        caseId: c.id,
        event: { type: "procedure:concluded", procedure: (await viewOf(networkId, procedureId, c))! },
      });
      return { ok: true, data: { procedureId, decisionId: result.decisionId } };
    },

    /** The network's procedures as this person may see them. */
    async list(person: Viewer, networkId: string): Promise<WrittenProcedureView[]> {
      const out: WrittenProcedureView[] = [];
      for (const row of await procedureRows(t, db, networkId)) {
        const scope = await scopeOf(row.caseId);
        if (!scope) continue;
        const full = await procedureView(t, db, networkId, row.id, scope.involvedAgencyIds);
        const view = full && cutProcedure(full, writtenAccess(person, scope));
        if (view) out.push(view);
      }
      return out;
    },

    /** One procedure as this person may see it, with what they may do in it; null when they may not see it. */
    async get(
      person: Viewer,
      networkId: string,
      procedureId: string,
    ): Promise<{ procedure: WrittenProcedureView; seat: WrittenSeat } | null> {
      const [row] = await db
        .select({ caseId: t.writtenProcedures.caseId })
        .from(t.writtenProcedures)
        .where(and(eq(t.writtenProcedures.id, procedureId), eq(t.writtenProcedures.networkId, networkId)));
      const scope = row ? await scopeOf(row.caseId) : null;
      const full = scope && (await procedureView(t, db, networkId, procedureId, scope.involvedAgencyIds));
      if (!full || !scope) return null;
      const procedure = cutProcedure(full, writtenAccess(person, scope));
      if (!procedure) return null;
      const m = await membershipOf(person.personId, networkId);
      const asked =
        procedure.access === "full" &&
        m !== undefined &&
        roleMay(m.role, "decisions:answerInWriting") &&
        scope.involvedAgencyIds.includes(m.agencyId);
      return {
        procedure,
        seat: { answers: asked ? m.mandate : null, concludes: can(person, "decisions:inWriting", networkId) },
      };
    },

    /** The cases a decision can be put in writing on (all but closed ones), and what each is decided on. */
    async candidates(networkId: string): Promise<{ code: string; summary: string; kind: WrittenKind }[]> {
      const rows = await db
        .select({ id: t.cases.id })
        .from(t.cases)
        .where(and(eq(t.cases.networkId, networkId), ne(t.cases.stage, "closed")))
        .orderBy(asc(t.cases.code));
      const out = [];
      for (const r of rows) {
        const c = (await caseRegister.get(r.id))!;
        out.push({ code: c.code, summary: c.summary, kind: kindOf(c)! });
      }
      return out;
    },

    /** The access a person has to one procedure's case now (for the live channel's cut). */
    async accessTo(person: Viewer, caseId: string) {
      const scope = await scopeOf(caseId);
      return scope ? writtenAccess(person, scope) : "nothing";
    },
  };

  function announce(rows: DeliveryRow[]) {
    if (rows.length === 0) return;
    deps.outbox.announce(rows);
    deps.worker.wake();
  }
}
