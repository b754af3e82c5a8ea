import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { caseSharingBases } from "../../db/schema/index.ts";
import {
  basisFits,
  CONSENT_GIVERS,
  isConsent,
  type SharingBasisInput,
  type SharingBasisState,
} from "../../app/contract/sharingBasis.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { auditedWrite, type InTransaction } from "../audit/auditedWrite.ts";
import { networkToday } from "../networks/today.ts";
import type { CaseRow } from "./caseRegister.ts";

type Row = typeof caseSharingBases.$inferSelect;

/** The basis as it is recorded: the same facts from every form and command. */
export type { SharingBasisInput } from "../../app/contract/sharingBasis.ts";

export type SharingBasisRefusal =
  "basis_does_not_fit" | "unknown_listed_basis" | "unknown_member" | "in_future" | "no_consent_to_withdraw";

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

/**
 * The basis on which each case's information is shared: consent (and its withdrawal) or
 * a basis the network lists. Every record and withdrawal is audited; nothing is changed
 * or removed, so the case keeps its history. On the Store (decision 0040).
 */
export function createSharingBasis(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t } = store;

  async function newestIn(q: Query, caseId: string): Promise<Row | undefined> {
    const [row] = await q
      .select()
      .from(t.caseSharingBases)
      .where(eq(t.caseSharingBases.caseId, caseId))
      .orderBy(desc(t.caseSharingBases.recordedAt))
      .limit(1);
    return row;
  }

  /** A member of the network (not a guest) may have obtained it. */
  async function isMember(q: Query, networkId: string, personId: string): Promise<boolean> {
    const [m] = await q
      .select({ role: t.memberships.role })
      .from(t.memberships)
      .where(and(eq(t.memberships.networkId, networkId), eq(t.memberships.personId, personId)));
    return !!m && m.role !== "guest";
  }

  return {
    /** The bases the network offers besides consent; retired ones only with `all`. */
    async listedBases(networkId: string, options: { all?: boolean } = {}) {
      return store.db
        .select({
          id: t.listedBases.id,
          name: t.listedBases.name,
          reference: t.listedBases.reference,
          retiredAt: t.listedBases.retiredAt,
        })
        .from(t.listedBases)
        .where(and(eq(t.listedBases.networkId, networkId), options.all ? undefined : isNull(t.listedBases.retiredAt)))
        .orderBy(asc(t.listedBases.name));
    },

    async addListedBasis(actor: AuditActor, networkId: string, input: { name: string; reference: string }) {
      const id = randomUUID();
      await store.transaction(async (tx) => {
        await tx.insert(t.listedBases).values({ id, networkId, ...input });
        await audit.append(tx, actor, {
          action: "network.listed_basis_added",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { basisId: id },
        });
      });
      return id;
    },

    /** Stops offering a basis; cases recorded on it keep it. False for another network's or a retired one. */
    async retireListedBasis(actor: AuditActor, networkId: string, basisId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.listedBases)
          .set({ retiredAt: new Date() })
          .where(
            and(eq(t.listedBases.id, basisId), eq(t.listedBases.networkId, networkId), isNull(t.listedBases.retiredAt)),
          );
        if (store.changedRows(done) === 0) return false;
        await audit.append(tx, actor, {
          action: "network.listed_basis_retired",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { basisId },
        });
        return true;
      });
    },

    /** The state of one case, for its file, its agenda item and its action plan. */
    async stateOf(caseId: string): Promise<SharingBasisState> {
      return stateOf(await newestIn(store.db, caseId));
    },

    /** Every record of the case, newest first, with who obtained and who recorded it. */
    async historyOf(caseId: string) {
      const rows = await store.db
        .select()
        .from(t.caseSharingBases)
        .where(eq(t.caseSharingBases.caseId, caseId))
        .orderBy(desc(t.caseSharingBases.recordedAt));
      const ids = [...new Set(rows.flatMap((r) => [r.obtainedBy, r.recordedBy]))];
      const people = ids.length
        ? await store.db
            .select({ id: t.persons.id, name: t.persons.name })
            .from(t.persons)
            .where(inArray(t.persons.id, ids))
        : [];
      const names = new Map(people.map((p) => [p.id, p.name]));
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
      const rows = await store.db
        .select()
        .from(t.caseSharingBases)
        .where(inArray(t.caseSharingBases.caseId, [...caseIds]))
        .orderBy(asc(t.caseSharingBases.recordedAt));
      for (const r of rows) out.set(r.caseId, stateOf(r));
      return out;
    },

    /** The cases of the network whose consent was withdrawn after `since` (for the next agenda). */
    async withdrawnSince(q: Query, networkId: string, since: Date | null): Promise<{ caseId: string; at: Date }[]> {
      return q
        .select({ caseId: t.caseSharingBases.caseId, at: t.caseSharingBases.recordedAt })
        .from(t.caseSharingBases)
        .where(
          and(
            eq(t.caseSharingBases.networkId, networkId),
            eq(t.caseSharingBases.event, "withdrawn"),
            since ? gt(t.caseSharingBases.recordedAt, since) : undefined,
          ),
        );
    },

    /**
     * Records the basis a case's information is shared on. A minor's consent is a
     * parent's or guardian's, an adult's their own; a listed basis must be one the network
     * offers. Writes in the caller's transaction when given one (the routing into
     * multi-agency work).
     */
    async record(
      actor: AuditActor & { personId: string },
      c: CaseRow,
      input: SharingBasisInput,
      inTx?: InTransaction,
    ): Promise<{ ok: true; id: string } | { ok: false; reason: SharingBasisRefusal }> {
      if (!basisFits(input.basis, c.isMinor)) return { ok: false, reason: "basis_does_not_fit" };
      // Read in the caller's transaction when there is one: a second connection while it holds one could wait forever.
      if (input.obtainedOn > (await networkToday(store, c.networkId, inTx?.tx)))
        return { ok: false, reason: "in_future" };
      return auditedWrite(
        store,
        audit,
        actor,
        inTx,
        async (tx, audits): Promise<{ ok: true; id: string } | { ok: false; reason: SharingBasisRefusal }> => {
          if (!(await isMember(tx, c.networkId, input.obtainedBy))) return { ok: false, reason: "unknown_member" };
          let listed: { name: string; reference: string } | undefined;
          if (input.basis === "listed_basis") {
            [listed] = await tx
              .select({ name: t.listedBases.name, reference: t.listedBases.reference })
              .from(t.listedBases)
              .where(
                and(
                  eq(t.listedBases.id, input.listedBasisId ?? ""),
                  eq(t.listedBases.networkId, c.networkId),
                  isNull(t.listedBases.retiredAt),
                ),
              );
            if (!listed) return { ok: false, reason: "unknown_listed_basis" };
          }
          // Records only add: two at once are two records, the later one the state.
          const id = randomUUID();
          await tx.insert(t.caseSharingBases).values({
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
          });
          audits.push({
            action: "case.sharing_basis_recorded",
            networkId: c.networkId,
            subjectType: "case",
            subjectId: c.id,
            details: { code: c.code, basis: input.basis, on: input.obtainedOn },
          });
          return { ok: true, id };
        },
      );
    },

    /** Records that the consent on record was withdrawn: who was told, on which day, and why if said. */
    async withdraw(
      actor: AuditActor & { personId: string },
      c: CaseRow,
      input: { withdrawnOn: string; note: string | null },
    ): Promise<{ ok: true; id: string } | { ok: false; reason: SharingBasisRefusal }> {
      if (input.withdrawnOn > (await networkToday(store, c.networkId))) return { ok: false, reason: "in_future" };
      return store.transaction(async (tx) => {
        // The case's row first: two withdrawals at once (two nodes) wait here, and the second is refused.
        await tx.update(t.cases).set({ updatedAt: new Date() }).where(eq(t.cases.id, c.id));
        const current = await newestIn(tx, c.id);
        if (!current || current.event !== "recorded" || !isConsent(current.basis))
          return { ok: false as const, reason: "no_consent_to_withdraw" as const };
        const id = randomUUID();
        await tx.insert(t.caseSharingBases).values({
          id,
          networkId: c.networkId,
          caseId: c.id,
          event: "withdrawn",
          basis: current.basis,
          effectiveOn: input.withdrawnOn,
          obtainedBy: actor.personId,
          note: input.note,
          recordedBy: actor.personId,
        });
        await audit.append(tx, actor, {
          action: "case.consent_withdrawn",
          networkId: c.networkId,
          subjectType: "case",
          subjectId: c.id,
          details: { code: c.code, basis: current.basis, on: input.withdrawnOn },
        });
        return { ok: true as const, id };
      });
    },
  };
}

export type SharingBasisService = ReturnType<typeof createSharingBasis>;
