import { randomUUID } from "node:crypto";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Mandate, Role } from "../../db/schema/people.ts";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { mayBeAccountableOfficer, needsSecondConfirmation } from "../auth/policy.ts";
import type { Sessions } from "../auth/sessions.ts";
import type { Standing } from "../auth/standing.ts";
import { accountableOfficerRolesOf } from "./networks.ts";

export type MemberChangeError =
  "not_found" | "last_admin" | "unknown_agency" | "own_membership" | "not_eligible" | "grant_pending" | "same_person";

export interface MemberChange {
  role: Role;
  mandate: Mandate;
  agencyId: string;
  isAccountableOfficer: boolean;
}

type Membership = Tables["memberships"]["$inferSelect"];
type Refused = { ok: false; error: MemberChangeError };

/**
 * A network's memberships change one transaction at a time (PostgreSQL: an advisory lock,
 * decision 0040), so that two changes at once cannot both take away "the other admin" or
 * both name an accountable officer.
 */
const membersLock = (networkId: string) => `members:${networkId}`;

/** Written once for SQLite and PostgreSQL (decision 0040). */
export function createMembers(deps: { store: Store; audit: AuditChain; sessions: Sessions; standing: Standing }) {
  const { store, audit, sessions, standing } = deps;
  const { t } = store;
  // Told after the change commits (see auth/standing.ts): live sockets re-seat or are cut.
  const announce = (networkId: string, personIds: string[]) => {
    for (const personId of personIds) standing.changed({ kind: "person", networkId, personId });
  };

  /** A grant of this network still waiting for its second person. */
  async function pendingGrant(tx: Query, networkId: string, grantId: string) {
    const [grant] = await tx
      .select()
      .from(t.membershipGrants)
      .where(
        and(
          eq(t.membershipGrants.id, grantId),
          eq(t.membershipGrants.networkId, networkId),
          eq(t.membershipGrants.status, "pending"),
        ),
      );
    return grant;
  }

  async function find(q: Query, networkId: string, membershipId: string) {
    const [membership] = await q
      .select()
      .from(t.memberships)
      .where(and(eq(t.memberships.id, membershipId), eq(t.memberships.networkId, networkId)));
    return membership;
  }

  async function otherAdmins(q: Query, networkId: string, membershipId: string): Promise<number> {
    const [row] = await q
      .select({ n: count() })
      .from(t.memberships)
      .where(
        and(
          eq(t.memberships.networkId, networkId),
          eq(t.memberships.role, "admin"),
          ne(t.memberships.id, membershipId),
        ),
      );
    return row?.n ?? 0;
  }

  async function pendingGrantOf(tx: Query, membershipId: string) {
    const [grant] = await tx
      .select({ id: t.membershipGrants.id })
      .from(t.membershipGrants)
      .where(and(eq(t.membershipGrants.membershipId, membershipId), eq(t.membershipGrants.status, "pending")));
    return grant;
  }

  /** Why `next` may not become the membership, or null when it may. */
  async function problemWith(
    tx: Query,
    networkId: string,
    current: Membership,
    next: MemberChange,
  ): Promise<MemberChangeError | null> {
    if (current.role === "admin" && next.role !== "admin" && (await otherAdmins(tx, networkId, current.id)) === 0)
      return "last_admin";
    const [agency] = await tx
      .select({ id: t.agencies.id })
      .from(t.agencies)
      .where(and(eq(t.agencies.id, next.agencyId), eq(t.agencies.networkId, networkId)));
    if (!agency) return "unknown_agency";
    const [network] = await tx
      .select({ accountableOfficerRoles: t.networks.accountableOfficerRoles })
      .from(t.networks)
      .where(eq(t.networks.id, networkId));
    if (
      next.isAccountableOfficer &&
      (!network || !mayBeAccountableOfficer(next.role, accountableOfficerRolesOf(network)))
    )
      return "not_eligible";
    return null;
  }

  /**
   * Writes the change, then appends its audit entry (call it last in the transaction).
   * Returns whose standing changed: the member's, and the accountable officer's it un-names.
   */
  async function apply(
    tx: Query,
    actor: AuditActor,
    networkId: string,
    current: Membership,
    next: MemberChange,
  ): Promise<string[]> {
    const changed = [current.personId];
    // A network has one accountable officer: naming a new one un-names the last.
    if (next.isAccountableOfficer && !current.isAccountableOfficer) {
      const unnamed = await tx
        .update(t.memberships)
        .set({ isAccountableOfficer: false })
        .where(and(eq(t.memberships.networkId, networkId), eq(t.memberships.isAccountableOfficer, true)))
        .returning({ personId: t.memberships.personId });
      changed.push(...unnamed.map((m) => m.personId));
    }
    await tx
      .update(t.memberships)
      .set({
        role: next.role,
        mandate: next.mandate,
        agencyId: next.agencyId,
        isAccountableOfficer: next.isAccountableOfficer,
      })
      .where(eq(t.memberships.id, current.id));
    return changed;
  }

  const changedEntry = (networkId: string, current: Membership, next: MemberChange) => ({
    action: "membership.changed",
    networkId,
    subjectType: "person",
    subjectId: current.personId,
    details: {
      before: {
        role: current.role,
        mandate: current.mandate,
        agencyId: current.agencyId,
        isAccountableOfficer: current.isAccountableOfficer,
      },
      after: next,
    },
  });

  /** Members with their person and agency; one of them when `membershipId` is given. */
  function withPeople(networkId: string, membershipId?: string) {
    return store.db
      .select({
        id: t.memberships.id,
        personId: t.persons.id,
        name: t.persons.name,
        email: t.persons.email,
        role: t.memberships.role,
        mandate: t.memberships.mandate,
        isAccountableOfficer: t.memberships.isAccountableOfficer,
        agencyId: t.agencies.id,
        agencyName: t.agencies.name,
        agencySector: t.agencies.sector,
      })
      .from(t.memberships)
      .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
      .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
      .where(and(eq(t.memberships.networkId, networkId), membershipId ? eq(t.memberships.id, membershipId) : undefined))
      .orderBy(asc(t.agencies.name), asc(t.persons.name));
  }

  const requester = alias(t.persons, "requester");

  return {
    async list(networkId: string) {
      return withPeople(networkId);
    },

    /** One member of the network, or null (also for a member of another network). */
    async get(networkId: string, membershipId: string) {
      return (await withPeople(networkId, membershipId))[0] ?? null;
    },

    /** Who may hold the accountable officer's task here, besides the chair. */
    async accountableOfficerRoles(networkId: string): Promise<Role[]> {
      const [network] = await store.db
        .select({ accountableOfficerRoles: t.networks.accountableOfficerRoles })
        .from(t.networks)
        .where(eq(t.networks.id, networkId));
      return network ? accountableOfficerRolesOf(network) : [];
    },

    /**
     * Changes a membership. Nobody changes their own. A change that gives more power
     * (see `needsSecondConfirmation`) is only asked for: it waits, untouched, until a
     * second admin or coordinator confirms it.
     */
    async change(
      actor: AuditActor & { personId: string },
      networkId: string,
      membershipId: string,
      next: MemberChange,
    ): Promise<{ ok: true; pending: boolean } | Refused> {
      const result = await store.transaction(
        async (tx): Promise<{ ok: true; pending: boolean; changed: string[] } | Refused> => {
          await store.lock(tx, membersLock(networkId));
          const current = await find(tx, networkId, membershipId);
          if (!current) return { ok: false, error: "not_found" };
          if (current.personId === actor.personId) return { ok: false, error: "own_membership" };
          if (await pendingGrantOf(tx, membershipId)) return { ok: false, error: "grant_pending" };
          const problem = await problemWith(tx, networkId, current, next);
          if (problem) return { ok: false, error: problem };
          if (!needsSecondConfirmation(current, next)) {
            const changed = await apply(tx, actor, networkId, current, next);
            await audit.append(tx, actor, changedEntry(networkId, current, next));
            return { ok: true, pending: false, changed };
          }
          const id = randomUUID();
          await tx
            .insert(t.membershipGrants)
            .values({ id, networkId, membershipId, ...next, requestedBy: actor.personId });
          await audit.append(tx, actor, {
            action: "membership.grant_requested",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: {
              grantId: id,
              before: { role: current.role, isAccountableOfficer: current.isAccountableOfficer },
              after: next,
            },
          });
          return { ok: true, pending: true, changed: [] };
        },
      );
      if (!result.ok) return result;
      announce(networkId, result.changed);
      return { ok: true, pending: result.pending };
    },

    /** Changes waiting for a second admin or coordinator, with who asked and for whom. */
    async pendingGrants(networkId: string) {
      return store.db
        .select({
          id: t.membershipGrants.id,
          membershipId: t.membershipGrants.membershipId,
          personId: t.persons.id,
          name: t.persons.name,
          fromRole: t.memberships.role,
          wasAccountableOfficer: t.memberships.isAccountableOfficer,
          role: t.membershipGrants.role,
          isAccountableOfficer: t.membershipGrants.isAccountableOfficer,
          requestedBy: t.membershipGrants.requestedBy,
          requestedByName: requester.name,
          requestedAt: t.membershipGrants.requestedAt,
        })
        .from(t.membershipGrants)
        .innerJoin(t.memberships, eq(t.memberships.id, t.membershipGrants.membershipId))
        .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
        .innerJoin(requester, eq(requester.id, t.membershipGrants.requestedBy))
        .where(and(eq(t.membershipGrants.networkId, networkId), eq(t.membershipGrants.status, "pending")))
        .orderBy(asc(t.membershipGrants.requestedAt));
    },

    /**
     * A second person confirms a pending grant: it is checked again against the network
     * as it is now, then applied. The one who asked, and the one who receives it, cannot.
     */
    async confirmGrant(
      actor: AuditActor & { personId: string },
      networkId: string,
      grantId: string,
    ): Promise<{ ok: true } | Refused> {
      const result = await store.transaction(async (tx): Promise<{ ok: true; changed: string[] } | Refused> => {
        await store.lock(tx, membersLock(networkId));
        const grant = await pendingGrant(tx, networkId, grantId);
        const current = grant && (await find(tx, networkId, grant.membershipId));
        if (!grant || !current) return { ok: false, error: "not_found" };
        if (current.personId === actor.personId) return { ok: false, error: "own_membership" };
        if (grant.requestedBy === actor.personId) return { ok: false, error: "same_person" };
        const next: MemberChange = {
          role: grant.role,
          mandate: grant.mandate,
          agencyId: grant.agencyId,
          isAccountableOfficer: grant.isAccountableOfficer,
        };
        const problem = await problemWith(tx, networkId, current, next);
        if (problem) return { ok: false, error: problem };
        await tx
          .update(t.membershipGrants)
          .set({ status: "confirmed", decidedBy: actor.personId, decidedAt: new Date() })
          .where(eq(t.membershipGrants.id, grant.id));
        const changed = await apply(tx, actor, networkId, current, next);
        await audit.append(tx, actor, changedEntry(networkId, current, next));
        await audit.append(tx, actor, {
          action: "membership.grant_confirmed",
          networkId,
          subjectType: "person",
          subjectId: current.personId,
          details: { grantId, requestedBy: grant.requestedBy, after: next },
        });
        return { ok: true, changed };
      });
      if (!result.ok) return result;
      announce(networkId, result.changed);
      return { ok: true };
    },

    /** Withdraws or turns down a pending grant; nothing about the membership changes. */
    async cancelGrant(actor: AuditActor & { personId: string }, networkId: string, grantId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        await store.lock(tx, membersLock(networkId));
        const grant = await pendingGrant(tx, networkId, grantId);
        const current = grant && (await find(tx, networkId, grant.membershipId));
        if (!grant || !current) return false;
        await tx
          .update(t.membershipGrants)
          .set({ status: "cancelled", decidedBy: actor.personId, decidedAt: new Date() })
          .where(eq(t.membershipGrants.id, grant.id));
        await audit.append(tx, actor, {
          action: "membership.grant_cancelled",
          networkId,
          subjectType: "person",
          subjectId: current.personId,
          details: { grantId, requestedBy: grant.requestedBy },
        });
        return true;
      });
    },

    /** Removes a person from the network and ends all their sessions at once. */
    async remove(actor: AuditActor, networkId: string, membershipId: string): Promise<{ ok: true } | Refused> {
      const result = await store.transaction(async (tx) => {
        await store.lock(tx, membersLock(networkId));
        const current = await find(tx, networkId, membershipId);
        if (!current) return { ok: false as const, error: "not_found" as const };
        if (current.role === "admin" && (await otherAdmins(tx, networkId, membershipId)) === 0)
          return { ok: false as const, error: "last_admin" as const };
        await tx.delete(t.memberships).where(eq(t.memberships.id, membershipId));
        const ended = await sessions.endAllOf(tx, current.personId);
        await audit.append(tx, actor, {
          action: "membership.removed",
          networkId,
          subjectType: "person",
          subjectId: current.personId,
          details: { role: current.role },
        });
        return { ok: true as const, personId: current.personId, ended };
      });
      if (!result.ok) return result;
      sessions.cut(result.ended);
      announce(networkId, [result.personId]);
      return { ok: true };
    },
  };
}
