import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { caseSharingBases, listedBases, memberships, persons } from "../../db/schema/index.ts";
import {
  basisFits,
  CONSENT_GIVERS,
  isConsent,
  type SharingBasisInput,
  type SharingBasisState,
} from "../../app/contract/sharingBasis.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { CaseRow } from "./caseRegister.ts";

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
type Row = typeof caseSharingBases.$inferSelect;

/** The basis as it is recorded: the same facts from every form and command. */
export type { SharingBasisInput } from "../../app/contract/sharingBasis.ts";

export type SharingBasisRefusal =
  "basis_does_not_fit" | "unknown_listed_basis" | "unknown_member" | "in_future" | "no_consent_to_withdraw";

const today = () => new Date().toISOString().slice(0, 10);

/** The state a case's newest record gives. */
export function stateOf(row: Row | undefined): SharingBasisState {
  if (!row) return { state: "none" };
  if (row.basis === "listed_basis")
    return {
      state: "not_sought",
      basis: row.basisName ?? "",
      reference: row.basisReference ?? "",
      caseReference: row.caseReference,
      on: row.effectiveOn,
    };
  const by = CONSENT_GIVERS[row.basis];
  return row.event === "withdrawn"
    ? { state: "withdrawn", by, on: row.effectiveOn }
    : { state: "consent", by, on: row.effectiveOn };
}

function newest(tx: Pick<Db, "select">, caseId: string): Row | undefined {
  return tx
    .select()
    .from(caseSharingBases)
    .where(eq(caseSharingBases.caseId, caseId))
    .orderBy(desc(caseSharingBases.recordedAt))
    .limit(1)
    .get();
}

/** The state of one case now, read in the caller's database or transaction. */
export function sharingBasisNow(tx: Pick<Db, "select">, caseId: string): SharingBasisState {
  return stateOf(newest(tx, caseId));
}

/**
 * The basis on which each case's information is shared: consent (and its withdrawal) or
 * a basis the network lists. Every record and withdrawal is audited; nothing is changed
 * or removed, so the case keeps its history.
 */
export function createSharingBasis(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  /** A member of the network (not a guest) may have obtained it. */
  function isMember(tx: Pick<Db, "select">, networkId: string, personId: string): boolean {
    const m = tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.networkId, networkId), eq(memberships.personId, personId)))
      .get();
    return !!m && m.role !== "guest";
  }

  return {
    /** The bases the network offers besides consent; retired ones only with `all`. */
    async listedBases(networkId: string, options: { all?: boolean } = {}) {
      return db
        .select({
          id: listedBases.id,
          name: listedBases.name,
          reference: listedBases.reference,
          retiredAt: listedBases.retiredAt,
        })
        .from(listedBases)
        .where(and(eq(listedBases.networkId, networkId), options.all ? undefined : isNull(listedBases.retiredAt)))
        .orderBy(asc(listedBases.name))
        .all();
    },

    addListedBasis(actor: AuditActor, networkId: string, input: { name: string; reference: string }): string {
      const id = randomUUID();
      db.transaction((tx) => {
        tx.insert(listedBases)
          .values({ id, networkId, ...input })
          .run();
        audit.append(
          actor,
          {
            action: "network.listed_basis_added",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { basisId: id },
          },
          tx,
        );
      });
      return id;
    },

    /** Stops offering a basis; cases recorded on it keep it. False for another network's or a retired one. */
    retireListedBasis(actor: AuditActor, networkId: string, basisId: string): boolean {
      return db.transaction((tx) => {
        const done = tx
          .update(listedBases)
          .set({ retiredAt: new Date() })
          .where(and(eq(listedBases.id, basisId), eq(listedBases.networkId, networkId), isNull(listedBases.retiredAt)))
          .run();
        if (done.changes === 0) return false;
        audit.append(
          actor,
          {
            action: "network.listed_basis_retired",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { basisId },
          },
          tx,
        );
        return true;
      });
    },

    /** The state of one case, for its file, its agenda item and its action plan. */
    async stateOf(caseId: string): Promise<SharingBasisState> {
      return stateOf(newest(db, caseId));
    },

    /** Every record of the case, newest first, with who obtained and who recorded it. */
    async historyOf(caseId: string) {
      const rows = db
        .select()
        .from(caseSharingBases)
        .where(eq(caseSharingBases.caseId, caseId))
        .orderBy(desc(caseSharingBases.recordedAt))
        .all();
      const ids = [...new Set(rows.flatMap((r) => [r.obtainedBy, r.recordedBy]))];
      const names = new Map(
        ids.length
          ? db
              .select({ id: persons.id, name: persons.name })
              .from(persons)
              .where(inArray(persons.id, ids))
              .all()
              .map((p) => [p.id, p.name])
          : [],
      );
      return rows.map((r) => ({
        id: r.id,
        event: r.event,
        state: stateOf(r),
        note: r.note,
        obtainedByName: names.get(r.obtainedBy) ?? null,
        recordedByName: names.get(r.recordedBy) ?? null,
        recordedAt: r.recordedAt,
      }));
    },

    /** The newest state of each case given (for the register and the evaluation). */
    async statesOf(caseIds: readonly string[]): Promise<Map<string, SharingBasisState>> {
      const out = new Map<string, SharingBasisState>();
      if (caseIds.length === 0) return out;
      const rows = db
        .select()
        .from(caseSharingBases)
        .where(inArray(caseSharingBases.caseId, [...caseIds]))
        .orderBy(asc(caseSharingBases.recordedAt))
        .all();
      for (const r of rows) out.set(r.caseId, stateOf(r));
      return out;
    },

    /** The cases of the network whose consent was withdrawn after `since` (for the next agenda). */
    withdrawnSince(tx: Pick<Db, "select">, networkId: string, since: Date | null): { caseId: string; at: Date }[] {
      return tx
        .select({ caseId: caseSharingBases.caseId, at: caseSharingBases.recordedAt })
        .from(caseSharingBases)
        .where(
          and(
            eq(caseSharingBases.networkId, networkId),
            eq(caseSharingBases.event, "withdrawn"),
            since ? gt(caseSharingBases.recordedAt, since) : undefined,
          ),
        )
        .all();
    },

    /**
     * Records the basis a case's information is shared on. A minor's consent is a
     * parent's or guardian's, an adult's their own; a listed basis must be one the network
     * offers. Writes in `inTx` when given (the routing into multi-agency work).
     */
    record(
      actor: AuditActor & { personId: string },
      c: CaseRow,
      input: SharingBasisInput,
      inTx?: Tx,
    ): { ok: true; id: string } | { ok: false; reason: SharingBasisRefusal } {
      if (!basisFits(input.basis, c.isMinor)) return { ok: false, reason: "basis_does_not_fit" };
      if (input.obtainedOn > today()) return { ok: false, reason: "in_future" };
      const work = (tx: Tx): { ok: true; id: string } | { ok: false; reason: SharingBasisRefusal } => {
        if (!isMember(tx, c.networkId, input.obtainedBy)) return { ok: false, reason: "unknown_member" };
        let listed: { name: string; reference: string } | undefined;
        if (input.basis === "listed_basis") {
          listed = tx
            .select({ name: listedBases.name, reference: listedBases.reference })
            .from(listedBases)
            .where(
              and(
                eq(listedBases.id, input.listedBasisId ?? ""),
                eq(listedBases.networkId, c.networkId),
                isNull(listedBases.retiredAt),
              ),
            )
            .get();
          if (!listed) return { ok: false, reason: "unknown_listed_basis" };
        }
        const id = randomUUID();
        tx.insert(caseSharingBases)
          .values({
            id,
            networkId: c.networkId,
            caseId: c.id,
            event: "recorded",
            basis: input.basis,
            listedBasisId: listed ? input.listedBasisId : null,
            basisName: listed?.name ?? null,
            basisReference: listed?.reference ?? null,
            caseReference: listed ? input.caseReference : null,
            effectiveOn: input.obtainedOn,
            obtainedBy: input.obtainedBy,
            recordedBy: actor.personId,
          })
          .run();
        audit.append(
          actor,
          {
            action: "case.sharing_basis_recorded",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, basis: input.basis, on: input.obtainedOn },
          },
          tx,
        );
        return { ok: true, id };
      };
      return inTx ? work(inTx) : db.transaction(work);
    },

    /** Records that the consent on record was withdrawn: who was told, on which day, and why if said. */
    withdraw(
      actor: AuditActor & { personId: string },
      c: CaseRow,
      input: { withdrawnOn: string; note: string | null },
    ): { ok: true; id: string } | { ok: false; reason: SharingBasisRefusal } {
      if (input.withdrawnOn > today()) return { ok: false, reason: "in_future" };
      return db.transaction((tx) => {
        const current = newest(tx, c.id);
        if (!current || current.event !== "recorded" || !isConsent(current.basis))
          return { ok: false as const, reason: "no_consent_to_withdraw" as const };
        const id = randomUUID();
        tx.insert(caseSharingBases)
          .values({
            id,
            networkId: c.networkId,
            caseId: c.id,
            event: "withdrawn",
            basis: current.basis,
            effectiveOn: input.withdrawnOn,
            obtainedBy: actor.personId,
            note: input.note,
            recordedBy: actor.personId,
          })
          .run();
        audit.append(
          actor,
          {
            action: "case.consent_withdrawn",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, basis: current.basis, on: input.withdrawnOn },
          },
          tx,
        );
        return { ok: true as const, id };
      });
    },
  };
}

export type SharingBasisService = ReturnType<typeof createSharingBasis>;
