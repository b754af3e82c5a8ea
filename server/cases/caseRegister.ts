import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { prepareOnce } from "../../db/prepareOnce.ts";
import { caseAgencies, cases, caseSubjects, closureProposals, decisions } from "../../db/schema/index.ts";
import type { CaseOutcome, CaseStage, DecisionKind } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { CaseScope } from "../auth/policy.ts";
import type { Standing } from "../auth/standing.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import { restrictedCaseCodes } from "../access/restriction.ts";
import { checkMove, type MoveRefusal } from "./lifecycle.ts";

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;

export interface SubjectIdentity {
  name: string;
  dateOfBirth: string | null;
  address: string | null;
  contacts: string | null;
}

export type CaseRow = typeof cases.$inferSelect;
export interface CaseWithScope extends CaseRow {
  scope: CaseScope;
}

/** Under 18 today (or on `on`), from a YYYY-MM-DD date of birth. */
export function isMinorOn(dateOfBirth: string | null, on: string): boolean {
  if (!dateOfBirth) return false;
  const [y, m, d] = dateOfBirth.split("-").map(Number);
  const [ty, tm, td] = on.split("-").map(Number);
  const age = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  return age < 18;
}

const today = () => new Date().toISOString().slice(0, 10);

const caseId = sql.placeholder("caseId");

/** What every decision on a case reads and writes: prepared once (db/prepareOnce.ts). */
const scopeQueries = (db: Pick<Db, "select">) => ({
  involved: db
    .select({ id: caseAgencies.agencyId })
    .from(caseAgencies)
    .where(eq(caseAgencies.caseId, caseId))
    .prepare(),
  openClosure: db
    .select({ id: closureProposals.id })
    .from(closureProposals)
    .where(and(eq(closureProposals.caseId, caseId), eq(closureProposals.status, "open")))
    .prepare(),
});
const decisionQueries = (db: Pick<Db, "insert">) => ({
  insert: db
    .insert(decisions)
    .values({
      id: sql.placeholder("id"),
      networkId: sql.placeholder("networkId"),
      caseId,
      kind: sql.placeholder("kind"),
      outcome: sql.placeholder("outcome"),
      rationale: sql.placeholder("rationale"),
      details: sql.placeholder("details"),
      decidedBy: sql.placeholder("decidedBy"),
      decidedAt: sql.placeholder("decidedAt"),
      signalId: sql.placeholder("signalId"),
    })
    .prepare(),
});

/** The agencies involved in a case, by id. */
export function involvedAgencies(tx: Pick<Db, "select">, caseId: string): string[] {
  return prepareOnce(tx, scopeQueries)
    .involved.all({ caseId })
    .map((r) => r.id);
}

/** A case row with what the policy needs to decide on it: its network, involved agencies, an open closure. */
export function withScope(tx: Pick<Db, "select">, row: CaseRow | undefined): CaseWithScope | null {
  if (!row) return null;
  const open = prepareOnce(tx, scopeQueries).openClosure.get({ caseId: row.id });
  return {
    ...row,
    scope: {
      networkId: row.networkId,
      involvedAgencyIds: involvedAgencies(tx, row.id),
      openClosureProposal: open !== undefined,
      restricted: row.restrictedAt !== null,
    },
  };
}

export function createCaseRegister(deps: { db: Db; audit: AuditLog; standing: Standing; keyring: Keyring }) {
  const { db, audit, standing, keyring } = deps;

  /** The identity as stored: every field sealed, bound to its case (decision 0028). */
  function sealed(caseId: string, identity: SubjectIdentity) {
    return {
      name: sealValue(keyring, caseSubjects.name, caseId, identity.name),
      dateOfBirth: sealValue(keyring, caseSubjects.dateOfBirth, caseId, identity.dateOfBirth),
      address: sealValue(keyring, caseSubjects.address, caseId, identity.address),
      contacts: sealValue(keyring, caseSubjects.contacts, caseId, identity.contacts),
    };
  }

  /** The next free code of the year, e.g. C-2026-0007; called inside the creating transaction. */
  function nextCode(tx: Pick<Db, "select">, networkId: string, year: number): string {
    const prefix = `C-${year}-`;
    const last = tx
      .select({ code: cases.code })
      .from(cases)
      .where(and(eq(cases.networkId, networkId), like(cases.code, `${prefix}%`)))
      // By length first: C-2026-10000 comes after C-2026-9999.
      .orderBy(desc(sql`length(${cases.code})`), desc(cases.code))
      .limit(1)
      .get();
    const n = last ? Number(last.code.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(n).padStart(4, "0")}`;
  }

  return {
    /** The codes of the network's restricted cases (decision 0038). */
    restrictedCodes(networkId: string): string[] {
      return restrictedCaseCodes(db, networkId);
    },

    /**
     * Opens a case at the signal stage inside the caller's transaction: it gets its
     * pseudonymous code at once, and the subject's identity is stored apart.
     */
    openCase(
      tx: Tx,
      actor: AuditActor,
      input: { networkId: string; summary: string; subject: SubjectIdentity },
    ): { id: string; code: string; isMinor: boolean } {
      const id = randomUUID();
      const code = nextCode(tx, input.networkId, new Date().getUTCFullYear());
      const isMinor = isMinorOn(input.subject.dateOfBirth, today());
      tx.insert(cases)
        .values({ id, networkId: input.networkId, code, stage: "signal", summary: input.summary, isMinor })
        .run();
      tx.insert(caseSubjects)
        .values({ caseId: id, ...sealed(id, input.subject) })
        .run();
      audit.append(
        actor,
        {
          action: "case.opened",
          networkId: input.networkId,
          subjectType: "case",
          subjectId: id,
          details: { code, isMinor },
        },
        tx,
      );
      return { id, code, isMinor };
    },

    async findByCode(networkId: string, code: string): Promise<CaseWithScope | null> {
      return withScope(
        db,
        db
          .select()
          .from(cases)
          .where(and(eq(cases.networkId, networkId), eq(cases.code, code.trim().toUpperCase())))
          .get(),
      );
    },

    async get(caseId: string): Promise<CaseWithScope | null> {
      return withScope(db, db.select().from(cases).where(eq(cases.id, caseId)).get());
    },

    /** The subject's identity. Every look is audited, so call it only to show it. */
    viewIdentity(actor: AuditActor, c: CaseRow): SubjectIdentity | null {
      const row = db.select().from(caseSubjects).where(eq(caseSubjects.caseId, c.id)).get();
      audit.append(actor, {
        action: "case.identity_viewed",
        networkId: c.networkId,
        subjectType: "case",
        subjectId: c.id,
        details: { code: c.code },
      });
      return row
        ? {
            name: openValue(keyring, caseSubjects.name, c.id, row.name),
            dateOfBirth: openValue(keyring, caseSubjects.dateOfBirth, c.id, row.dateOfBirth),
            address: openValue(keyring, caseSubjects.address, c.id, row.address),
            contacts: openValue(keyring, caseSubjects.contacts, c.id, row.contacts),
          }
        : null;
    },

    saveIdentity(actor: AuditActor, c: CaseRow, identity: SubjectIdentity): { isMinor: boolean } {
      const isMinor = isMinorOn(identity.dateOfBirth, today());
      db.transaction((tx) => {
        const stored = sealed(c.id, identity);
        tx.insert(caseSubjects)
          .values({ caseId: c.id, ...stored })
          .onConflictDoUpdate({ target: caseSubjects.caseId, set: { ...stored, updatedAt: new Date() } })
          .run();
        tx.update(cases).set({ isMinor, updatedAt: new Date() }).where(eq(cases.id, c.id)).run();
        audit.append(
          actor,
          {
            action: "case.identity_changed",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, isMinor },
          },
          tx,
        );
      });
      return { isMinor };
    },

    setSummary(actor: AuditActor, c: CaseRow, summary: string): void {
      db.transaction((tx) => {
        tx.update(cases).set({ summary, updatedAt: new Date() }).where(eq(cases.id, c.id)).run();
        audit.append(
          actor,
          {
            action: "case.summary_changed",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code },
          },
          tx,
        );
      });
    },

    /** Which agencies are involved (and so need to know). */
    setInvolvedAgencies(actor: AuditActor, c: CaseRow, agencyIds: readonly string[], tx: Tx = db): void {
      const before = involvedAgencies(tx, c.id);
      const added = agencyIds.filter((a) => !before.includes(a));
      const removed = before.filter((a) => !agencyIds.includes(a));
      if (added.length === 0 && removed.length === 0) return;
      const apply = (t: Tx) => {
        if (removed.length)
          t.delete(caseAgencies)
            .where(and(eq(caseAgencies.caseId, c.id), inArray(caseAgencies.agencyId, removed)))
            .run();
        for (const agencyId of added) t.insert(caseAgencies).values({ caseId: c.id, agencyId }).run();
        audit.append(
          actor,
          {
            action: "case.agencies_changed",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, added, removed },
          },
          t,
        );
      };
      if (tx === db) db.transaction(apply);
      else apply(tx);
      standing.changed({ kind: "case", networkId: c.networkId, caseId: c.id });
    },

    /**
     * Records a decision and, when it moves the case, the move: both or neither. An
     * illegal move is refused with the reason.
     */
    recordDecision(
      tx: Tx,
      actor: AuditActor & { personId: string },
      c: CaseRow,
      input: {
        kind: DecisionKind;
        outcome: string;
        rationale: string;
        details?: Record<string, unknown>;
        signalId?: string;
        moveTo?: CaseStage;
        caseOutcome?: CaseOutcome | null;
        facts?: Parameters<typeof checkMove>[2];
      },
    ): { ok: true; decisionId: string } | { ok: false; reason: MoveRefusal } {
      if (input.moveTo && input.moveTo !== c.stage) {
        const check = checkMove(c.stage, input.moveTo, input.facts);
        if (!check.ok) return check;
      }
      const decisionId = randomUUID();
      prepareOnce(tx, decisionQueries).insert.run({
        id: decisionId,
        networkId: c.networkId,
        caseId: c.id,
        kind: input.kind,
        outcome: input.outcome,
        rationale: input.rationale,
        details: JSON.stringify(input.details ?? {}),
        decidedBy: actor.personId,
        decidedAt: new Date(),
        signalId: input.signalId ?? null,
      });
      if (input.moveTo && input.moveTo !== c.stage) {
        tx.update(cases)
          .set({
            stage: input.moveTo,
            outcome: input.moveTo === "closed" ? (input.caseOutcome ?? null) : null,
            updatedAt: new Date(),
          })
          .where(eq(cases.id, c.id))
          .run();
      }
      audit.append(
        actor,
        {
          action: "case.decision_recorded",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: {
            code: c.code,
            kind: input.kind,
            outcome: input.outcome,
            from: c.stage,
            to: input.moveTo ?? c.stage,
          },
        },
        tx,
      );
      return { ok: true, decisionId };
    },
  };
}

export type CaseRegister = ReturnType<typeof createCaseRegister>;
