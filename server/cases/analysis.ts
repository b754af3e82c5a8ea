import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { GradingScale } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { auditedWrite, type InTransaction } from "../audit/auditedWrite.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { CaseRegister, CaseRow } from "./caseRegister.ts";
import { openReporter } from "./signals.ts";
import { checkGrade, type GradeProblem } from "../../app/contract/grading.ts";
import type { SignalAnalysisInput } from "../../app/contract/grading.ts";
import { routingTarget } from "./lifecycle.ts";
import type { MoveRefusal } from "./lifecycle.ts";
import type { SharingBasisInput, SharingBasisRefusal, SharingBasisService } from "./sharingBasis.ts";

type Actor = AuditActor & { personId: string };

/** What each routing needs besides its rationale. */
export type RoutingInput = { signalId: string; rationale: string } &
  // Into multi-agency work: the basis the agencies share on, recorded with the decision.
  (
    | { routing: "take_into_maw"; basis?: SharingBasisInput }
    | { routing: "no_further_action" }
    | { routing: "regular_care"; careService: string }
    | { routing: "security_referral"; referredTo: string; referredAt: Date }
    | {
        routing: "gather_information";
        task: { what: string; ownerAgencyId: string; ownerPersonId: string | null; dueOn: string };
      }
  );

export type RoutingRefusal =
  | MoveRefusal
  | "unknown_signal"
  | "not_analysed"
  | "not_at_signal_stage"
  | "security_signal_needs_referral"
  | "unknown_agency"
  | "owner_not_in_agency"
  | SharingBasisRefusal;

/**
 * The first analysis of a case's signals and the routing that ends it. On the Store
 * (decision 0040); the meeting room and written procedures call `recordAnalysis` and
 * `route` in their own transactions.
 */
export function createAnalysis(deps: {
  store: Store;
  audit: AuditChain;
  caseRegister: CaseRegister;
  sharingBasis: SharingBasisService;
  keyring: Keyring;
}) {
  const { store, audit, caseRegister, sharingBasis, keyring } = deps;
  const { t } = store;

  async function signalOf(q: Query, caseRow: CaseRow, signalId: string) {
    const [signal] = await q
      .select()
      .from(t.signals)
      .where(and(eq(t.signals.id, signalId), eq(t.signals.caseId, caseRow.id)));
    return signal;
  }

  async function latestAnalysis(q: Query, signalId: string) {
    const [analysis] = await q
      .select()
      .from(t.signalAnalyses)
      .where(eq(t.signalAnalyses.signalId, signalId))
      .orderBy(desc(t.signalAnalyses.recordedAt))
      .limit(1);
    return analysis;
  }

  /** Why the task a routing makes cannot go to this owner, or null when it can. */
  async function taskOwnerRefusal(
    q: Query,
    caseRow: CaseRow,
    task: { ownerAgencyId: string; ownerPersonId: string | null },
  ): Promise<"unknown_agency" | "owner_not_in_agency" | null> {
    const [agency] = await q
      .select({ id: t.agencies.id })
      .from(t.agencies)
      .where(and(eq(t.agencies.id, task.ownerAgencyId), eq(t.agencies.networkId, caseRow.networkId)));
    if (!agency) return "unknown_agency";
    if (!task.ownerPersonId) return null;
    const [member] = await q
      .select({ id: t.memberships.id })
      .from(t.memberships)
      .where(
        and(
          eq(t.memberships.personId, task.ownerPersonId),
          eq(t.memberships.networkId, caseRow.networkId),
          eq(t.memberships.agencyId, task.ownerAgencyId),
        ),
      );
    return member ? null : "owner_not_in_agency";
  }

  return {
    async gradingScale(networkId: string): Promise<GradingScale> {
      const [network] = await store.db
        .select({ scale: t.networks.gradingScale })
        .from(t.networks)
        .where(eq(t.networks.id, networkId));
      return network?.scale ?? "admiralty";
    },

    /** Gradings already made keep the scale they were made on; only new ones use this. */
    async setGradingScale(actor: AuditActor, networkId: string, scale: GradingScale): Promise<boolean> {
      return store.transaction(async (tx) => {
        const [before] = await tx
          .select({ scale: t.networks.gradingScale })
          .from(t.networks)
          .where(eq(t.networks.id, networkId));
        if (!before || before.scale === scale) return false;
        await tx.update(t.networks).set({ gradingScale: scale }).where(eq(t.networks.id, networkId));
        await audit.append(tx, actor, {
          action: "network.grading_scale_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { before: { scale: before.scale }, after: { scale } },
        });
        return true;
      });
    },

    /** Each signal of the case with its latest analysis (the one that counts) and who made it. */
    async signalsOf(caseRow: CaseRow) {
      const rows = await store.db
        .select()
        .from(t.signals)
        .where(eq(t.signals.caseId, caseRow.id))
        .orderBy(t.signals.receivedAt);
      const analyses = rows.length
        ? await store.db
            .select()
            .from(t.signalAnalyses)
            .where(
              inArray(
                t.signalAnalyses.signalId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(asc(t.signalAnalyses.recordedAt))
        : [];
      // The latest analysis of each signal counts: later rows overwrite earlier ones.
      const latest = new Map(analyses.map((a) => [a.signalId, a]));
      const ids = [...rows.map((r) => r.registeredBy), ...analyses.map((a) => a.recordedBy)];
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      const people = wanted.length
        ? await store.db
            .select({ id: t.persons.id, name: t.persons.name })
            .from(t.persons)
            .where(inArray(t.persons.id, wanted))
        : [];
      const names = new Map(people.map((p) => [p.id, p.name]));
      const nameOf = (personId: string | null) => (personId ? (names.get(personId) ?? null) : null);
      return rows.map((signal) => {
        const analysis = latest.get(signal.id);
        return {
          signal: { ...openReporter(keyring, signal), registeredByName: nameOf(signal.registeredBy) },
          analysis: analysis ? { ...analysis, recordedByName: nameOf(analysis.recordedBy) } : null,
        };
      });
    },

    /** The routing decisions on the case, newest first, with who made them. */
    async routingsOf(caseId: string) {
      return store.db
        .select({
          id: t.decisions.id,
          outcome: t.decisions.outcome,
          rationale: t.decisions.rationale,
          details: t.decisions.details,
          decidedAt: t.decisions.decidedAt,
          decidedByName: t.persons.name,
          signalId: t.decisions.signalId,
        })
        .from(t.decisions)
        .innerJoin(t.persons, eq(t.persons.id, t.decisions.decidedBy))
        .where(and(eq(t.decisions.caseId, caseId), eq(t.decisions.kind, "routing")))
        .orderBy(desc(t.decisions.decidedAt));
    },

    /** Tells who looked at the reporters' details of a case; they may be withheld from others. */
    async noteReporterView(actor: AuditActor, caseRow: CaseRow, signalIds: readonly string[]): Promise<void> {
      if (signalIds.length === 0) return;
      await store.transaction((tx) =>
        audit.append(tx, actor, {
          action: "signal.reporter_viewed",
          networkId: caseRow.networkId,
          subjectType: "case",
          subjectId: caseRow.id,
          details: { code: caseRow.code, signals: signalIds.length },
        }),
      );
    },

    /**
     * Records the first analysis of a signal on the network's current scale. A later one
     * supersedes it. Writes in the caller's transaction when given one.
     */
    async recordAnalysis(
      actor: Actor,
      caseRow: CaseRow,
      signalId: string,
      input: SignalAnalysisInput,
      inTx?: InTransaction,
    ): Promise<
      | { ok: true; id: string }
      | { ok: false; reason: "unknown_signal" }
      | { ok: false; reason: "bad_grade"; field: GradeProblem["field"]; problem: GradeProblem["reason"] }
    > {
      return auditedWrite(store, audit, actor, inTx, async (tx, audits) => {
        const signal = await signalOf(tx, caseRow, signalId);
        if (!signal) return { ok: false as const, reason: "unknown_signal" as const };
        const [network] = await tx
          .select({ scale: t.networks.gradingScale })
          .from(t.networks)
          .where(eq(t.networks.id, caseRow.networkId));
        const scale = network!.scale;
        const grade = checkGrade(scale, {
          source: input.sourceGrade,
          information: input.informationGrade,
          handling: input.handling,
        });
        if (!grade.ok)
          return { ok: false as const, reason: "bad_grade" as const, field: grade.field, problem: grade.reason };
        // Analyses only add: the latest counts, so two at once need no lock.
        const id = randomUUID();
        await tx.insert(t.signalAnalyses).values({ id, signalId, scale, ...input, recordedBy: actor.personId });
        audits.push({
          action: "signal.analysed",
          networkId: caseRow.networkId,
          subjectType: "signal",
          subjectId: signalId,
          details: {
            code: caseRow.code,
            scale,
            grade: `${input.sourceGrade}${input.informationGrade}${input.handling ?? ""}`,
            isSecuritySignal: input.isSecuritySignal,
          },
        });
        return { ok: true as const, id };
      });
    },

    /**
     * The routing decision that ends the first analysis. A security signal can only be
     * referred to the security services; gathering information makes a task. Writes in
     * the caller's transaction when given one; returns the decision and the tasks it made.
     */
    async route(
      actor: Actor,
      caseRow: CaseRow,
      input: RoutingInput,
      inTx?: InTransaction,
    ): Promise<{ ok: true; decisionId: string; taskIds: string[] } | { ok: false; reason: RoutingRefusal }> {
      if (caseRow.stage !== "signal") return { ok: false, reason: "not_at_signal_stage" };
      return auditedWrite(
        store,
        audit,
        actor,
        inTx,
        async (
          tx,
          audits,
        ): Promise<{ ok: true; decisionId: string; taskIds: string[] } | { ok: false; reason: RoutingRefusal }> => {
          // The case's row first: of two routings at once (two nodes), the second waits here
          // and finds the case routed (gathering information keeps it at the signal stage).
          const now = await caseRegister.caseNow(tx, caseRow.id);
          if (now?.stage !== "signal") return { ok: false, reason: "not_at_signal_stage" };
          const signal = await signalOf(tx, caseRow, input.signalId);
          if (!signal) return { ok: false, reason: "unknown_signal" };
          const analysis = await latestAnalysis(tx, signal.id);
          if (!analysis) return { ok: false, reason: "not_analysed" };
          if (analysis.isSecuritySignal && input.routing !== "security_referral")
            return { ok: false, reason: "security_signal_needs_referral" };
          if (input.routing === "gather_information") {
            const refusal = await taskOwnerRefusal(tx, caseRow, input.task);
            if (refusal) return { ok: false, reason: refusal };
          }
          if (input.routing === "take_into_maw" && input.basis) {
            const recorded = await sharingBasis.record(actor, caseRow, input.basis, { tx, audits });
            if (!recorded.ok) return recorded;
          }
          const target = routingTarget(input.routing);
          const decided = await caseRegister.recordDecision(tx, audits, actor, caseRow, {
            kind: "routing",
            outcome: input.routing,
            rationale: input.rationale,
            details: detailsOf(input),
            signalId: signal.id,
            moveTo: target.stage,
            caseOutcome: target.outcome,
            facts: { viaRouting: true },
          });
          if (!decided.ok) return decided;
          const taskIds: string[] = [];
          if (input.routing === "gather_information") {
            const taskId = randomUUID();
            taskIds.push(taskId);
            await tx.insert(t.tasks).values({
              id: taskId,
              networkId: caseRow.networkId,
              caseId: caseRow.id,
              what: input.task.what,
              ownerAgencyId: input.task.ownerAgencyId,
              ownerPersonId: input.task.ownerPersonId,
              dueOn: input.task.dueOn,
              createdBy: actor.personId,
            });
            audits.push({
              action: "task.created",
              networkId: caseRow.networkId,
              subjectType: "task",
              subjectId: taskId,
              details: {
                code: caseRow.code,
                agencyId: input.task.ownerAgencyId,
                dueOn: input.task.dueOn,
                decisionId: decided.decisionId,
              },
            });
          }
          return { ok: true, decisionId: decided.decisionId, taskIds };
        },
      );
    },
  };
}

export type Analysis = ReturnType<typeof createAnalysis>;

function detailsOf(input: RoutingInput): Record<string, unknown> {
  switch (input.routing) {
    case "regular_care":
      return { careService: input.careService };
    case "security_referral":
      return { referredTo: input.referredTo, referredAt: input.referredAt.toISOString() };
    case "gather_information":
      return {
        task: input.task.what,
        agencyId: input.task.ownerAgencyId,
        personId: input.task.ownerPersonId,
        dueOn: input.task.dueOn,
      };
    default:
      return {};
  }
}
