import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Store } from "../../db/store.ts";
import { agencies, memberships, networks, signalAnalyses, signals, tasks } from "../../db/schema/index.ts";
import type { GradingScale } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain, AuditLog } from "../audit/auditLog.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { CaseRegister, CaseRow } from "./caseRegister.ts";
import { openReporter } from "./signals.ts";
import { checkGrade, type GradeProblem } from "../../app/contract/grading.ts";
import type { SignalAnalysisInput } from "../../app/contract/grading.ts";
import { routingTarget } from "./lifecycle.ts";
import type { MoveRefusal } from "./lifecycle.ts";
import type { SharingBasisInput, SharingBasisRefusal, SharingBasisService } from "./sharingBasis.ts";

type Actor = AuditActor & { personId: string };

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

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
 * The first analysis of a case's signals and the routing that ends it. `recordAnalysis`
 * and `route` still write with `legacy` (the synchronous database and audit log): the
 * meeting room and written procedures call them inside their synchronous transactions, and
 * they move to the Store with those (decision 0040).
 */
export function createAnalysis(deps: {
  store: Store;
  audit: AuditChain;
  caseRegister: CaseRegister;
  sharingBasis: SharingBasisService;
  keyring: Keyring;
  legacy: { db: Db; audit: AuditLog };
}) {
  const { store, audit, caseRegister, sharingBasis, keyring } = deps;
  const { t } = store;
  const { db } = deps.legacy;
  const legacyAudit = deps.legacy.audit;

  function signalOf(caseRow: CaseRow, signalId: string) {
    return db
      .select()
      .from(signals)
      .where(and(eq(signals.id, signalId), eq(signals.caseId, caseRow.id)))
      .get();
  }

  function latestAnalysis(signalId: string) {
    return db
      .select()
      .from(signalAnalyses)
      .where(eq(signalAnalyses.signalId, signalId))
      .orderBy(desc(signalAnalyses.recordedAt))
      .limit(1)
      .get();
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

    /** Records the first analysis of a signal on the network's current scale. A later one supersedes it. Writes in `inTx` when given. */
    recordAnalysis(
      actor: Actor,
      caseRow: CaseRow,
      signalId: string,
      input: SignalAnalysisInput,
      inTx?: Tx,
    ):
      | { ok: true; id: string }
      | { ok: false; reason: "unknown_signal" }
      | { ok: false; reason: "bad_grade"; field: GradeProblem["field"]; problem: GradeProblem["reason"] } {
      const signal = signalOf(caseRow, signalId);
      if (!signal) return { ok: false, reason: "unknown_signal" };
      const scale = db
        .select({ scale: networks.gradingScale })
        .from(networks)
        .where(eq(networks.id, caseRow.networkId))
        .get()!.scale;
      const grade = checkGrade(scale, {
        source: input.sourceGrade,
        information: input.informationGrade,
        handling: input.handling,
      });
      if (!grade.ok) return { ok: false, reason: "bad_grade", field: grade.field, problem: grade.reason };
      const id = randomUUID();
      const work = (tx: Tx) => {
        tx.insert(signalAnalyses)
          .values({ id, signalId, scale, ...input, recordedBy: actor.personId })
          .run();
        legacyAudit.append(
          actor,
          {
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
          },
          tx,
        );
      };
      if (inTx) work(inTx);
      else db.transaction(work);
      return { ok: true, id };
    },

    /**
     * The routing decision that ends the first analysis. A security signal can only be
     * referred to the security services; gathering information makes a task. Runs in
     * the caller's transaction when given one; returns the decision and the tasks it made.
     */
    route(
      actor: Actor,
      caseRow: CaseRow,
      input: RoutingInput,
      inTx?: Tx,
    ): { ok: true; decisionId: string; taskIds: string[] } | { ok: false; reason: RoutingRefusal } {
      if (caseRow.stage !== "signal") return { ok: false, reason: "not_at_signal_stage" };
      const signal = signalOf(caseRow, input.signalId);
      if (!signal) return { ok: false, reason: "unknown_signal" };
      const analysis = latestAnalysis(signal.id);
      if (!analysis) return { ok: false, reason: "not_analysed" };
      if (analysis.isSecuritySignal && input.routing !== "security_referral")
        return { ok: false, reason: "security_signal_needs_referral" };
      if (input.routing === "gather_information") {
        const { ownerAgencyId, ownerPersonId } = input.task;
        const agency = db
          .select({ id: agencies.id })
          .from(agencies)
          .where(and(eq(agencies.id, ownerAgencyId), eq(agencies.networkId, caseRow.networkId)))
          .get();
        if (!agency) return { ok: false, reason: "unknown_agency" };
        if (ownerPersonId) {
          const member = db
            .select({ id: memberships.id })
            .from(memberships)
            .where(
              and(
                eq(memberships.personId, ownerPersonId),
                eq(memberships.networkId, caseRow.networkId),
                eq(memberships.agencyId, ownerAgencyId),
              ),
            )
            .get();
          if (!member) return { ok: false, reason: "owner_not_in_agency" };
        }
      }
      const target = routingTarget(input.routing);
      const details = detailsOf(input);
      const work = (
        tx: Tx,
      ): { ok: true; decisionId: string; taskIds: string[] } | { ok: false; reason: RoutingRefusal } => {
        if (input.routing === "take_into_maw" && input.basis) {
          const recorded = sharingBasis.record(actor, caseRow, input.basis, tx);
          if (!recorded.ok) return recorded;
        }
        const decided = caseRegister.recordDecision(tx, actor, caseRow, {
          kind: "routing",
          outcome: input.routing,
          rationale: input.rationale,
          details,
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
          tx.insert(tasks)
            .values({
              id: taskId,
              networkId: caseRow.networkId,
              caseId: caseRow.id,
              what: input.task.what,
              ownerAgencyId: input.task.ownerAgencyId,
              ownerPersonId: input.task.ownerPersonId,
              dueOn: input.task.dueOn,
              createdBy: actor.personId,
            })
            .run();
          legacyAudit.append(
            actor,
            {
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
            },
            tx,
          );
        }
        return { ok: true as const, decisionId: decided.decisionId, taskIds };
      };
      return inTx ? work(inTx) : db.transaction(work);
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
