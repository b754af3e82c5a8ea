import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Query, Store } from "../../db/store.ts";
import { cases, closureProposals, closureViews, monitoringChecks } from "../../db/schema/index.ts";
import type { AgencyView } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain, AuditLog } from "../audit/auditLog.ts";
import type { CaseRegister, CaseWithScope } from "./caseRegister.ts";
import type { ClosureChecklist } from "../../app/contract/vocabulary.ts";
import { closureTemplate, fadeOutDates } from "./closureTemplate.ts";
import type { MoveRefusal } from "./lifecycle.ts";

type Actor = AuditActor & { personId: string };

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
export type Checklist = ClosureChecklist;

export type ClosureRefusal =
  "wrong_stage" | "already_proposed" | "no_open_proposal" | "views_missing" | "not_involved" | MoveRefusal;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Closing a case: a proposal with the checklist, every involved agency's view (dissent
 * stays on record), the accountable officer's sign-off, then fade-out monitoring.
 * `giveView`, `withdraw` and `signOff` still write with `legacy` (the synchronous database
 * and audit log): the meeting room, written procedures and agency updates call them inside
 * their synchronous transactions, and they move to the Store with those (decision 0040).
 */
export function createClosure(deps: {
  store: Store;
  audit: AuditChain;
  caseRegister: CaseRegister;
  legacy: { db: Db; audit: AuditLog };
}) {
  const { store, audit, caseRegister } = deps;
  const { t } = store;
  const { db } = deps.legacy;
  const legacyAudit = deps.legacy.audit;

  function openProposal(caseId: string) {
    return (
      db
        .select()
        .from(closureProposals)
        .where(and(eq(closureProposals.caseId, caseId), eq(closureProposals.status, "open")))
        .get() ?? null
    );
  }

  async function viewsOf(proposalId: string) {
    return store.db
      .select({
        agencyId: t.closureViews.agencyId,
        agencyName: t.agencies.name,
        view: t.closureViews.view,
        comment: t.closureViews.comment,
        givenBy: t.persons.name,
        givenAt: t.closureViews.givenAt,
      })
      .from(t.closureViews)
      .innerJoin(t.agencies, eq(t.agencies.id, t.closureViews.agencyId))
      .innerJoin(t.persons, eq(t.persons.id, t.closureViews.givenBy))
      .where(eq(t.closureViews.proposalId, proposalId))
      .orderBy(asc(t.agencies.name));
  }

  /** Sets the case's next check-in to its next fade-out check not yet done. */
  async function refreshNextCheck(tx: Query, caseId: string) {
    const [next] = await tx
      .select({ dueOn: t.monitoringChecks.dueOn })
      .from(t.monitoringChecks)
      .where(and(eq(t.monitoringChecks.caseId, caseId), isNull(t.monitoringChecks.doneOn)))
      .orderBy(asc(t.monitoringChecks.dueOn))
      .limit(1);
    await tx
      .update(t.cases)
      .set({ nextCheckInOn: next?.dueOn ?? null, updatedAt: new Date() })
      .where(eq(t.cases.id, caseId));
  }

  /** `refreshNextCheck` inside a synchronous transaction (the sign-off's). */
  function refreshNextCheckIn(tx: Pick<Db, "select" | "update">, caseId: string) {
    const next = tx
      .select({ dueOn: monitoringChecks.dueOn })
      .from(monitoringChecks)
      .where(and(eq(monitoringChecks.caseId, caseId), isNull(monitoringChecks.doneOn)))
      .orderBy(asc(monitoringChecks.dueOn))
      .limit(1)
      .get();
    tx.update(cases)
      .set({ nextCheckInOn: next?.dueOn ?? null, updatedAt: new Date() })
      .where(eq(cases.id, caseId))
      .run();
  }

  return {
    template: closureTemplate,

    /** The proposal on the table (if any), its views, and the closed ones before it. */
    async state(caseId: string) {
      const all = await store.db
        .select()
        .from(t.closureProposals)
        .where(eq(t.closureProposals.caseId, caseId))
        .orderBy(asc(t.closureProposals.proposedAt));
      return Promise.all(all.map(async (p) => ({ ...p, views: await viewsOf(p.id) })));
    },

    async propose(
      actor: Actor,
      c: CaseWithScope,
      input: { checklist: Checklist; rationale: string },
    ): Promise<{ ok: true } | { ok: false; reason: ClosureRefusal }> {
      if (c.stage !== "active" && c.stage !== "monitoring") return { ok: false, reason: "wrong_stage" };
      return store.transaction(async (tx) => {
        // The case's row first: two proposals at once (two nodes) wait for each other here,
        // so the second sees the first and is refused.
        await tx.update(t.cases).set({ updatedAt: new Date() }).where(eq(t.cases.id, c.id));
        const [open] = await tx
          .select({ id: t.closureProposals.id })
          .from(t.closureProposals)
          .where(and(eq(t.closureProposals.caseId, c.id), eq(t.closureProposals.status, "open")));
        if (open) return { ok: false as const, reason: "already_proposed" as const };
        await tx.insert(t.closureProposals).values({
          id: randomUUID(),
          caseId: c.id,
          template: "default",
          checklist: input.checklist,
          rationale: input.rationale,
          proposedBy: actor.personId,
        });
        await audit.append(tx, actor, {
          action: "closure.proposed",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code },
        });
        return { ok: true as const };
      });
    },

    /** An involved agency's view; it may be changed until the case is closed. Writes in `inTx` when given. */
    giveView(
      actor: Actor,
      c: CaseWithScope,
      agencyId: string,
      input: { view: AgencyView; comment: string | null },
      inTx?: Tx,
    ): { ok: true } | { ok: false; reason: ClosureRefusal } {
      const proposal = openProposal(c.id);
      if (!proposal) return { ok: false, reason: "no_open_proposal" };
      if (!c.scope.involvedAgencyIds.includes(agencyId)) return { ok: false, reason: "not_involved" };
      const work = (tx: Tx) => {
        tx.insert(closureViews)
          .values({
            proposalId: proposal.id,
            agencyId,
            view: input.view,
            comment: input.comment,
            givenBy: actor.personId,
          })
          .onConflictDoUpdate({
            target: [closureViews.proposalId, closureViews.agencyId],
            set: { view: input.view, comment: input.comment, givenBy: actor.personId, givenAt: new Date() },
          })
          .run();
        legacyAudit.append(
          actor,
          {
            action: "closure.view_given",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, agencyId, view: input.view },
          },
          tx,
        );
      };
      if (inTx) work(inTx);
      else db.transaction(work);
      return { ok: true };
    },

    withdraw(actor: Actor, c: CaseWithScope, inTx?: Tx): boolean {
      const proposal = openProposal(c.id);
      if (!proposal) return false;
      const work = (tx: Tx) => {
        tx.update(closureProposals).set({ status: "withdrawn" }).where(eq(closureProposals.id, proposal.id)).run();
        legacyAudit.append(
          actor,
          {
            action: "closure.withdrawn",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code },
          },
          tx,
        );
      };
      if (inTx) work(inTx);
      else db.transaction(work);
      return true;
    },

    /**
     * The accountable officer signs off once every involved agency has given its view:
     * the case closes and fade-out checks are scheduled.
     */
    signOff(
      actor: Actor,
      c: CaseWithScope,
      comment: string | null,
      inTx?: Tx,
    ): { ok: true; decisionId: string; checks: string[] } | { ok: false; reason: ClosureRefusal; missing?: string[] } {
      const proposal = openProposal(c.id);
      if (!proposal) return { ok: false, reason: "no_open_proposal" };
      const given = new Set(
        db
          .select({ agencyId: closureViews.agencyId })
          .from(closureViews)
          .where(eq(closureViews.proposalId, proposal.id))
          .all()
          .map((v) => v.agencyId),
      );
      const missing = c.scope.involvedAgencyIds.filter((a) => !given.has(a));
      if (missing.length) return { ok: false, reason: "views_missing", missing };
      const dates = fadeOutDates(today(), closureTemplate(proposal.template).fadeOut);
      const work = (tx: Tx) => {
        const decided = caseRegister.recordDecision(tx, actor, c, {
          kind: "closure",
          outcome: "closed",
          // The decision's "why" is what was said at sign-off (in the meeting, the chair's
          // words); the proposal keeps its own reasons.
          rationale: comment ?? proposal.rationale,
          details: { proposalId: proposal.id },
          moveTo: "closed",
          caseOutcome: "closed_by_decision",
          facts: { viaClosure: true },
        });
        if (!decided.ok) return decided;
        tx.update(closureProposals)
          .set({ status: "closed", signedOffBy: actor.personId, signedOffAt: new Date(), signOffComment: comment })
          .where(eq(closureProposals.id, proposal.id))
          .run();
        for (const dueOn of dates) tx.insert(monitoringChecks).values({ id: randomUUID(), caseId: c.id, dueOn }).run();
        refreshNextCheckIn(tx, c.id);
        legacyAudit.append(
          actor,
          {
            action: "closure.signed_off",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, fadeOutChecks: dates },
          },
          tx,
        );
        return { ok: true as const, decisionId: decided.decisionId, checks: dates };
      };
      return inTx ? work(inTx) : db.transaction(work);
    },

    async recordCheck(actor: Actor, c: CaseWithScope, checkId: string, note: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.monitoringChecks)
          .set({ doneOn: today(), doneBy: actor.personId, note })
          .where(
            and(
              eq(t.monitoringChecks.id, checkId),
              eq(t.monitoringChecks.caseId, c.id),
              isNull(t.monitoringChecks.doneOn),
            ),
          );
        if (store.changedRows(done) === 0) return false;
        await refreshNextCheck(tx, c.id);
        await audit.append(tx, actor, {
          action: "monitoring.check_recorded",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code },
        });
        return true;
      });
    },
  };
}

export type Closure = ReturnType<typeof createClosure>;
