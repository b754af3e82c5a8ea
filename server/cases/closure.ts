import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { AgencyView } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";
import { auditedWrite, type InTransaction } from "../audit/auditedWrite.ts";
import { networkToday } from "../networks/today.ts";
import type { CaseRegister, CaseRow, CaseWithScope } from "./caseRegister.ts";
import type { ClosureChecklist } from "../../app/contract/vocabulary.ts";
import { closureTemplate, fadeOutDates } from "./closureTemplate.ts";
import type { MoveRefusal } from "./lifecycle.ts";

type Actor = AuditActor & { personId: string };

export type Checklist = ClosureChecklist;

export type ClosureRefusal =
  "wrong_stage" | "already_proposed" | "no_open_proposal" | "views_missing" | "not_involved" | MoveRefusal;

/**
 * Closing a case: a proposal with the checklist, every involved agency's view (dissent
 * stays on record), the accountable officer's sign-off, then fade-out monitoring. On the
 * Store (decision 0040): every write on a case's closure takes the case's row first, so
 * two at once (two nodes) see each other; the room, written procedures and agency updates
 * call `giveView`, `withdraw` and `signOff` in their own transactions.
 */
export function createClosure(deps: { store: Store; audit: AuditChain; caseRegister: CaseRegister }) {
  const { store, audit, caseRegister } = deps;
  const { t } = store;

  /** The case's open proposal, read after `tx` took the case's row (see `caseNow`). */
  async function openProposal(tx: Query, caseId: string) {
    await caseRegister.caseNow(tx, caseId);
    const [open] = await tx
      .select()
      .from(t.closureProposals)
      .where(and(eq(t.closureProposals.caseId, caseId), eq(t.closureProposals.status, "open")));
    return open ?? null;
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

  async function signOffIn(
    tx: Query,
    audits: AuditEntryInput[],
    actor: Actor,
    c: CaseRow,
    comment: string | null,
  ): Promise<
    { ok: true; decisionId: string; checks: string[] } | { ok: false; reason: ClosureRefusal; missing?: string[] }
  > {
    // Of two sign-offs at once, the second waits here for the first and finds no open proposal.
    const proposal = await openProposal(tx, c.id);
    if (!proposal) return { ok: false, reason: "no_open_proposal" };
    const given = await tx
      .select({ agencyId: t.closureViews.agencyId })
      .from(t.closureViews)
      .where(eq(t.closureViews.proposalId, proposal.id));
    const missing = (await caseRegister.involvedAgencies(tx, c.id)).filter((a) => !given.some((v) => v.agencyId === a));
    if (missing.length) return { ok: false, reason: "views_missing", missing };
    const dates = fadeOutDates(await networkToday(store, c.networkId, tx), closureTemplate(proposal.template).fadeOut);
    const decided = await caseRegister.recordDecision(tx, audits, actor, c, {
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
    await tx
      .update(t.closureProposals)
      .set({ status: "closed", signedOffBy: actor.personId, signedOffAt: new Date(), signOffComment: comment })
      .where(eq(t.closureProposals.id, proposal.id));
    if (dates.length)
      await tx.insert(t.monitoringChecks).values(dates.map((dueOn) => ({ id: randomUUID(), caseId: c.id, dueOn })));
    await refreshNextCheck(tx, c.id);
    audits.push({
      action: "closure.signed_off",
      networkId: c.networkId,
      subjectType: "case",
      subjectId: c.id,
      details: { code: c.code, fadeOutChecks: dates },
    });
    return { ok: true, decisionId: decided.decisionId, checks: dates };
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

    /**
     * An involved agency's view; it may be changed until the case is closed. Writes in the
     * caller's transaction when given one.
     */
    async giveView(
      actor: Actor,
      c: CaseRow,
      agencyId: string,
      input: { view: AgencyView; comment: string | null },
      inTx?: InTransaction,
    ): Promise<{ ok: true } | { ok: false; reason: ClosureRefusal }> {
      return auditedWrite(store, audit, actor, inTx, async (tx, audits) => {
        const proposal = await openProposal(tx, c.id);
        if (!proposal) return { ok: false as const, reason: "no_open_proposal" as const };
        if (!(await caseRegister.involvedAgencies(tx, c.id)).includes(agencyId))
          return { ok: false as const, reason: "not_involved" as const };
        await tx
          .insert(t.closureViews)
          .values({
            proposalId: proposal.id,
            agencyId,
            view: input.view,
            comment: input.comment,
            givenBy: actor.personId,
          })
          .onConflictDoUpdate({
            target: [t.closureViews.proposalId, t.closureViews.agencyId],
            set: { view: input.view, comment: input.comment, givenBy: actor.personId, givenAt: new Date() },
          });
        audits.push({
          action: "closure.view_given",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code, agencyId, view: input.view },
        });
        return { ok: true as const };
      });
    },

    /** Withdraws the open proposal; false when there is none. Writes in the caller's transaction when given one. */
    async withdraw(actor: Actor, c: CaseRow, inTx?: InTransaction): Promise<boolean> {
      const done = await auditedWrite(store, audit, actor, inTx, async (tx, audits) => {
        const proposal = await openProposal(tx, c.id);
        if (!proposal) return { ok: false };
        await tx.update(t.closureProposals).set({ status: "withdrawn" }).where(eq(t.closureProposals.id, proposal.id));
        audits.push({
          action: "closure.withdrawn",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code },
        });
        return { ok: true };
      });
      return done.ok;
    },

    /**
     * The accountable officer signs off once every involved agency has given its view:
     * the case closes and fade-out checks are scheduled. Writes in the caller's
     * transaction when given one.
     */
    async signOff(
      actor: Actor,
      c: CaseRow,
      comment: string | null,
      inTx?: InTransaction,
    ): Promise<
      { ok: true; decisionId: string; checks: string[] } | { ok: false; reason: ClosureRefusal; missing?: string[] }
    > {
      return auditedWrite(store, audit, actor, inTx, (tx, audits) => signOffIn(tx, audits, actor, c, comment));
    },

    async recordCheck(actor: Actor, c: CaseWithScope, checkId: string, note: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.monitoringChecks)
          .set({ doneOn: await networkToday(store, c.networkId, tx), doneBy: actor.personId, note })
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
