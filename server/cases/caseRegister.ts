import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, like, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Store } from "../../db/store.ts";
import type { cases } from "../../db/schema/index.ts";
import type { CaseOutcome, CaseStage, DecisionKind } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";
import type { CaseScope } from "../auth/policy.ts";
import type { Standing } from "../auth/standing.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import { checkMove, type MoveRefusal } from "./lifecycle.ts";

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

const caseId = sql.placeholder("caseId");

/** What every decision on a case reads and writes: prepared once (db/prepareOnce.ts). */
const caseQueries = preparedQueries((t, db) => ({
  // The update changes nothing: it takes the case's row (see caseNow).
  take: db
    .update(t.cases)
    .set({ stage: sql`${t.cases.stage}` })
    .where(eq(t.cases.id, caseId))
    .returning()
    .prepare("case_take"),
  involved: db
    .select({ id: t.caseAgencies.agencyId })
    .from(t.caseAgencies)
    .where(eq(t.caseAgencies.caseId, caseId))
    .prepare("case_involved"),
  openClosure: db
    .select({ id: t.closureProposals.id })
    .from(t.closureProposals)
    .where(and(eq(t.closureProposals.caseId, caseId), eq(t.closureProposals.status, "open")))
    .limit(1)
    .prepare("case_open_closure"),
  decision: db
    .insert(t.decisions)
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
    .prepare("case_decision"),
}));

const today = () => new Date().toISOString().slice(0, 10);

/** The case register on the Store (decision 0040). */
export function createCaseRegister(deps: { store: Store; audit: AuditChain; standing: Standing; keyring: Keyring }) {
  const { store, audit, standing, keyring } = deps;
  const { t } = store;

  /** The identity as stored: every field sealed, bound to its case (decision 0028). */
  function sealed(caseId: string, identity: SubjectIdentity) {
    return {
      name: sealValue(keyring, t.caseSubjects.name, caseId, identity.name),
      dateOfBirth: sealValue(keyring, t.caseSubjects.dateOfBirth, caseId, identity.dateOfBirth),
      address: sealValue(keyring, t.caseSubjects.address, caseId, identity.address),
      contacts: sealValue(keyring, t.caseSubjects.contacts, caseId, identity.contacts),
    };
  }

  /**
   * The next free code of the year, e.g. C-2026-0007, read in the creating transaction
   * after it took the network's case-code lock (two nodes never hand out the same one).
   */
  async function nextCode(tx: Query, networkId: string, year: number): Promise<string> {
    const prefix = `C-${year}-`;
    const [last] = await tx
      .select({ code: t.cases.code })
      .from(t.cases)
      .where(and(eq(t.cases.networkId, networkId), like(t.cases.code, `${prefix}%`)))
      // By length first: C-2026-10000 comes after C-2026-9999.
      .orderBy(desc(sql`length(${t.cases.code})`), desc(t.cases.code))
      .limit(1);
    const n = last ? Number(last.code.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(n).padStart(4, "0")}`;
  }

  /**
   * The case's row as it is now, held by `tx` to its end: writes on one case at once (two
   * nodes) wait for each other here, so what `tx` reads after it is current. The update
   * changes nothing (a refusal after it leaves the case as it was); it only takes the row.
   */
  async function caseNow(tx: Query, caseId: string): Promise<CaseRow | undefined> {
    const [row] = await caseQueries(t, tx).take.execute({ caseId });
    return row;
  }

  /** The agencies involved in a case, by id, read in `q` (the database or a transaction). */
  async function involvedAgencyIds(q: Query, caseId: string): Promise<string[]> {
    const rows = await caseQueries(t, q).involved.execute({ caseId });
    return rows.map((r) => r.id);
  }

  /** A case row with what the policy needs to decide on it: its network, involved agencies, an open closure. */
  async function scoped(q: Query, row: CaseRow | undefined): Promise<CaseWithScope | null> {
    if (!row) return null;
    const [open] = await caseQueries(t, q).openClosure.execute({ caseId: row.id });
    return {
      ...row,
      scope: {
        networkId: row.networkId,
        involvedAgencyIds: await involvedAgencyIds(q, row.id),
        openClosureProposal: open !== undefined,
        restricted: row.restrictedAt !== null,
      },
    };
  }

  /**
   * Changes the involved agencies in `tx`: "unchanged" when they are already the ones,
   * "unknown_agency" (nothing written) when one is not an agency of the case's network.
   */
  async function involve(
    tx: Query,
    actor: AuditActor,
    c: CaseRow,
    agencyIds: readonly string[],
    audits?: AuditEntryInput[],
  ): Promise<"changed" | "unchanged" | "unknown_agency"> {
    const wanted = [...new Set(agencyIds)];
    const known = wanted.length
      ? await tx
          .select({ id: t.agencies.id })
          .from(t.agencies)
          .where(and(eq(t.agencies.networkId, c.networkId), inArray(t.agencies.id, wanted)))
      : [];
    if (known.length !== wanted.length) return "unknown_agency";
    const before = await involvedAgencyIds(tx, c.id);
    const added = wanted.filter((a) => !before.includes(a));
    const removed = before.filter((a) => !wanted.includes(a));
    if (added.length === 0 && removed.length === 0) return "unchanged";
    if (removed.length)
      await tx
        .delete(t.caseAgencies)
        .where(and(eq(t.caseAgencies.caseId, c.id), inArray(t.caseAgencies.agencyId, removed)));
    if (added.length) await tx.insert(t.caseAgencies).values(added.map((agencyId) => ({ caseId: c.id, agencyId })));
    const entry: AuditEntryInput = {
      action: "case.agencies_changed",
      networkId: c.networkId,
      subjectType: "case",
      subjectId: c.id,
      details: { code: c.code, added, removed },
    };
    if (audits) audits.push(entry);
    else await audit.append(tx, actor, entry);
    return "changed";
  }

  return {
    involvedAgencies: involvedAgencyIds,
    withScope: scoped,
    caseNow,

    /** The codes of the network's restricted cases (decision 0038). */
    async restrictedCodes(networkId: string): Promise<string[]> {
      const rows = await store.db
        .select({ code: t.cases.code })
        .from(t.cases)
        .where(and(eq(t.cases.networkId, networkId), isNotNull(t.cases.restrictedAt)));
      return rows.map((c) => c.code);
    },

    /**
     * Opens a case at the signal stage inside the caller's transaction: it gets its
     * pseudonymous code at once, and the subject's identity is stored apart. Takes the
     * network's case-code lock: call it before the transaction's other writes.
     */
    async openCase(
      tx: Query,
      actor: AuditActor,
      input: { networkId: string; summary: string; subject: SubjectIdentity },
    ): Promise<{ id: string; code: string; isMinor: boolean }> {
      await store.lock(tx, `case-code:${input.networkId}`);
      const id = randomUUID();
      const code = await nextCode(tx, input.networkId, new Date().getUTCFullYear());
      const isMinor = isMinorOn(input.subject.dateOfBirth, today());
      await tx
        .insert(t.cases)
        .values({ id, networkId: input.networkId, code, stage: "signal", summary: input.summary, isMinor });
      await tx.insert(t.caseSubjects).values({ caseId: id, ...sealed(id, input.subject) });
      await audit.append(tx, actor, {
        action: "case.opened",
        networkId: input.networkId,
        subjectType: "case",
        subjectId: id,
        details: { code, isMinor },
      });
      return { id, code, isMinor };
    },

    async findByCode(networkId: string, code: string): Promise<CaseWithScope | null> {
      const [row] = await store.db
        .select()
        .from(t.cases)
        .where(and(eq(t.cases.networkId, networkId), eq(t.cases.code, code.trim().toUpperCase())))
        .limit(1);
      return scoped(store.db, row);
    },

    async get(caseId: string): Promise<CaseWithScope | null> {
      const [row] = await store.db.select().from(t.cases).where(eq(t.cases.id, caseId)).limit(1);
      return scoped(store.db, row);
    },

    /** The subject's identity. Every look is audited, so call it only to show it. */
    async viewIdentity(actor: AuditActor, c: CaseRow): Promise<SubjectIdentity | null> {
      const row = await store.transaction(async (tx) => {
        const [subject] = await tx.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, c.id)).limit(1);
        await audit.append(tx, actor, {
          action: "case.identity_viewed",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code },
        });
        return subject;
      });
      return row
        ? {
            name: openValue(keyring, t.caseSubjects.name, c.id, row.name),
            dateOfBirth: openValue(keyring, t.caseSubjects.dateOfBirth, c.id, row.dateOfBirth),
            address: openValue(keyring, t.caseSubjects.address, c.id, row.address),
            contacts: openValue(keyring, t.caseSubjects.contacts, c.id, row.contacts),
          }
        : null;
    },

    async saveIdentity(actor: AuditActor, c: CaseRow, identity: SubjectIdentity): Promise<{ isMinor: boolean }> {
      const isMinor = isMinorOn(identity.dateOfBirth, today());
      const stored = sealed(c.id, identity);
      await store.transaction(async (tx) => {
        const updatedAt = new Date();
        await tx
          .insert(t.caseSubjects)
          .values({ caseId: c.id, ...stored, updatedAt })
          .onConflictDoUpdate({ target: t.caseSubjects.caseId, set: { ...stored, updatedAt } });
        await tx.update(t.cases).set({ isMinor, updatedAt }).where(eq(t.cases.id, c.id));
        await audit.append(tx, actor, {
          action: "case.identity_changed",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code, isMinor },
        });
      });
      return { isMinor };
    },

    async setSummary(actor: AuditActor, c: CaseRow, summary: string): Promise<void> {
      await store.transaction(async (tx) => {
        await tx.update(t.cases).set({ summary, updatedAt: new Date() }).where(eq(t.cases.id, c.id));
        await audit.append(tx, actor, {
          action: "case.summary_changed",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code },
        });
      });
    },

    /**
     * Which agencies are involved (and so need to know). Refused, changing nothing, when one
     * is another network's. Announced to the live parts once committed; inside a caller's
     * `tx` (a signal's new case, which no one is seated on yet) nothing is announced, and
     * given `audits` the entry is left there for the caller to append as its last write.
     */
    async setInvolvedAgencies(
      actor: AuditActor,
      c: CaseRow,
      agencyIds: readonly string[],
      tx?: Query,
      audits?: AuditEntryInput[],
    ): Promise<{ ok: true } | { ok: false; reason: "unknown_agency" }> {
      const done = tx
        ? await involve(tx, actor, c, agencyIds, audits)
        : await store.transaction((own) => involve(own, actor, c, agencyIds));
      if (done === "unknown_agency") return { ok: false, reason: done };
      if (done === "changed" && !tx) standing.changed({ kind: "case", networkId: c.networkId, caseId: c.id });
      return { ok: true };
    },

    /**
     * Records a decision and, when it moves the case, the move: both or neither, in the
     * caller's transaction, its audit entry left in `audits` for the caller to append last.
     * The case's row first: decisions on one case at once (two nodes) wait for each other
     * here. An illegal move is refused with the reason, nothing written.
     */
    async recordDecision(
      tx: Query,
      audits: AuditEntryInput[],
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
    ): Promise<{ ok: true; decisionId: string } | { ok: false; reason: MoveRefusal }> {
      const now = await caseNow(tx, c.id);
      if (!now) return { ok: false, reason: "not_allowed" };
      // A move the decider asked for is checked from the stage now: a case another decision
      // moved meanwhile to the same stage is refused (same_stage), not recorded twice.
      const moves = input.moveTo !== undefined && input.moveTo !== c.stage;
      if (moves) {
        const check = checkMove(now.stage, input.moveTo!, input.facts);
        if (!check.ok) return check;
      }
      const decisionId = randomUUID();
      await caseQueries(t, tx).decision.execute({
        id: decisionId,
        networkId: c.networkId,
        caseId: c.id,
        kind: input.kind,
        outcome: input.outcome,
        rationale: input.rationale,
        details: input.details ?? {},
        decidedBy: actor.personId,
        decidedAt: new Date(),
        signalId: input.signalId ?? null,
      });
      if (moves)
        await tx
          .update(t.cases)
          .set({
            stage: input.moveTo,
            outcome: input.moveTo === "closed" ? (input.caseOutcome ?? null) : null,
            updatedAt: new Date(),
          })
          .where(eq(t.cases.id, c.id));
      audits.push({
        action: "case.decision_recorded",
        networkId: c.networkId,
        subjectType: "case",
        subjectId: c.id,
        details: {
          code: c.code,
          kind: input.kind,
          outcome: input.outcome,
          from: now.stage,
          to: input.moveTo ?? now.stage,
        },
      });
      return { ok: true, decisionId };
    },
  };
}

export type CaseRegister = ReturnType<typeof createCaseRegister>;
