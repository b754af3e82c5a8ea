import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agencies,
  decisions,
  memberships,
  networks,
  persons,
  signalAnalyses,
  signals,
  tasks,
} from "../../db/schema/index.ts";
import type { GradingScale } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
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

export function createAnalysis(deps: {
  db: Db;
  audit: AuditLog;
  caseRegister: CaseRegister;
  sharingBasis: SharingBasisService;
  keyring: Keyring;
}) {
  const { db, audit, caseRegister, sharingBasis, keyring } = deps;

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
      return (
        db.select({ scale: networks.gradingScale }).from(networks).where(eq(networks.id, networkId)).get()?.scale ??
        "admiralty"
      );
    },

    /** Gradings already made keep the scale they were made on; only new ones use this. */
    setGradingScale(actor: AuditActor, networkId: string, scale: GradingScale): boolean {
      return db.transaction((tx) => {
        const before = tx
          .select({ scale: networks.gradingScale })
          .from(networks)
          .where(eq(networks.id, networkId))
          .get();
        if (!before || before.scale === scale) return false;
        tx.update(networks).set({ gradingScale: scale }).where(eq(networks.id, networkId)).run();
        audit.append(
          actor,
          {
            action: "network.grading_scale_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before: { scale: before.scale }, after: { scale } },
          },
          tx,
        );
        return true;
      });
    },

    /** Each signal of the case with its latest analysis (the one that counts) and who made it. */
    async signalsOf(caseRow: CaseRow) {
      const rows = db.select().from(signals).where(eq(signals.caseId, caseRow.id)).orderBy(signals.receivedAt).all();
      const nameOf = (personId: string | null) =>
        personId
          ? (db.select({ name: persons.name }).from(persons).where(eq(persons.id, personId)).get()?.name ?? null)
          : null;
      return rows.map((signal) => {
        const analysis = latestAnalysis(signal.id);
        return {
          signal: { ...openReporter(keyring, signal), registeredByName: nameOf(signal.registeredBy) },
          analysis: analysis ? { ...analysis, recordedByName: nameOf(analysis.recordedBy) } : null,
        };
      });
    },

    /** The routing decisions on the case, newest first, with who made them. */
    async routingsOf(caseId: string) {
      return db
        .select({
          id: decisions.id,
          outcome: decisions.outcome,
          rationale: decisions.rationale,
          details: decisions.details,
          decidedAt: decisions.decidedAt,
          decidedByName: persons.name,
          signalId: decisions.signalId,
        })
        .from(decisions)
        .innerJoin(persons, eq(persons.id, decisions.decidedBy))
        .where(and(eq(decisions.caseId, caseId), eq(decisions.kind, "routing")))
        .orderBy(desc(decisions.decidedAt))
        .all()
        .map((d) => ({ ...d, details: JSON.parse(d.details) as Record<string, unknown> }));
    },

    /** Tells who looked at the reporters' details of a case; they may be withheld from others. */
    noteReporterView(actor: AuditActor, caseRow: CaseRow, signalIds: readonly string[]): void {
      if (signalIds.length === 0) return;
      audit.append(actor, {
        action: "signal.reporter_viewed",
        networkId: caseRow.networkId,
        subjectType: "case",
        subjectId: caseRow.id,
        details: { code: caseRow.code, signals: signalIds.length },
      });
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
        audit.append(
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
          audit.append(
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
