import { randomUUID } from "node:crypto";
import { and, asc, count, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { agencies, membershipGrants, memberships, networks, persons } from "../../db/schema/index.ts";
import type { Mandate, Role } from "../../db/schema/people.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
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

/** Someone's standing in a network changed (role, agency, task) or ended: their open connections must follow. */
export interface StandingChange {
  networkId: string;
  personId: string;
  removed: boolean;
}

type Tx = Pick<Db, "select" | "insert" | "update" | "delete">;
type Membership = typeof memberships.$inferSelect;
type Refused = { ok: false; error: MemberChangeError };

export function createMembers(deps: { db: Db; audit: AuditLog; sessions: Sessions; standing: Standing }) {
  const { db, audit, sessions, standing } = deps;
  // Told after the change commits (see auth/standing.ts): live sockets re-seat or are cut.
  const announce = (change: StandingChange) =>
    standing.changed({ kind: "person", networkId: change.networkId, personId: change.personId });

  /** A grant of this network still waiting for its second person. */
  function pendingGrant(tx: Pick<Db, "select">, networkId: string, grantId: string) {
    return tx
      .select()
      .from(membershipGrants)
      .where(
        and(
          eq(membershipGrants.id, grantId),
          eq(membershipGrants.networkId, networkId),
          eq(membershipGrants.status, "pending"),
        ),
      )
      .get();
  }

  function find(tx: Pick<Db, "select">, networkId: string, membershipId: string) {
    return tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, networkId)))
      .get();
  }

  function otherAdmins(tx: Pick<Db, "select">, networkId: string, membershipId: string): number {
    return (
      tx
        .select({ n: count() })
        .from(memberships)
        .where(
          and(eq(memberships.networkId, networkId), eq(memberships.role, "admin"), ne(memberships.id, membershipId)),
        )
        .get()?.n ?? 0
    );
  }

  function pendingGrantOf(tx: Pick<Db, "select">, membershipId: string) {
    return tx
      .select()
      .from(membershipGrants)
      .where(and(eq(membershipGrants.membershipId, membershipId), eq(membershipGrants.status, "pending")))
      .get();
  }

  /** Why `next` may not become the membership, or null when it may. */
  function problemWith(
    tx: Pick<Db, "select">,
    networkId: string,
    current: Membership,
    next: MemberChange,
  ): MemberChangeError | null {
    if (current.role === "admin" && next.role !== "admin" && otherAdmins(tx, networkId, current.id) === 0)
      return "last_admin";
    const agency = tx
      .select()
      .from(agencies)
      .where(and(eq(agencies.id, next.agencyId), eq(agencies.networkId, networkId)))
      .get();
    if (!agency) return "unknown_agency";
    const network = tx
      .select({ accountableOfficerRoles: networks.accountableOfficerRoles })
      .from(networks)
      .where(eq(networks.id, networkId))
      .get();
    if (
      next.isAccountableOfficer &&
      (!network || !mayBeAccountableOfficer(next.role, accountableOfficerRolesOf(network)))
    )
      return "not_eligible";
    return null;
  }

  function apply(tx: Tx, actor: AuditActor, networkId: string, current: Membership, next: MemberChange) {
    // A network has one accountable officer: naming a new one un-names the last.
    if (next.isAccountableOfficer && !current.isAccountableOfficer) {
      for (const { personId } of tx
        .select({ personId: memberships.personId })
        .from(memberships)
        .where(and(eq(memberships.networkId, networkId), eq(memberships.isAccountableOfficer, true)))
        .all()) {
        announce({ networkId, personId, removed: false });
      }
      tx.update(memberships)
        .set({ isAccountableOfficer: false })
        .where(and(eq(memberships.networkId, networkId), eq(memberships.isAccountableOfficer, true)))
        .run();
    }
    tx.update(memberships)
      .set({
        role: next.role,
        mandate: next.mandate,
        agencyId: next.agencyId,
        isAccountableOfficer: next.isAccountableOfficer,
      })
      .where(eq(memberships.id, current.id))
      .run();
    audit.append(
      actor,
      {
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
      },
      tx,
    );
  }

  /** Members with their person and agency; one of them when `membershipId` is given. */
  function withPeople(networkId: string, membershipId?: string) {
    return db
      .select({
        id: memberships.id,
        personId: persons.id,
        name: persons.name,
        email: persons.email,
        role: memberships.role,
        mandate: memberships.mandate,
        isAccountableOfficer: memberships.isAccountableOfficer,
        agencyId: agencies.id,
        agencyName: agencies.name,
        agencySector: agencies.sector,
      })
      .from(memberships)
      .innerJoin(persons, eq(persons.id, memberships.personId))
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(and(eq(memberships.networkId, networkId), membershipId ? eq(memberships.id, membershipId) : undefined))
      .orderBy(asc(agencies.name), asc(persons.name))
      .all();
  }

  const requester = alias(persons, "requester");

  return {
    async list(networkId: string) {
      return withPeople(networkId);
    },

    /** One member of the network, or null (also for a member of another network). */
    async get(networkId: string, membershipId: string) {
      return withPeople(networkId, membershipId)[0] ?? null;
    },

    /** Who may hold the accountable officer's task here, besides the chair. */
    async accountableOfficerRoles(networkId: string): Promise<Role[]> {
      const network = db
        .select({ accountableOfficerRoles: networks.accountableOfficerRoles })
        .from(networks)
        .where(eq(networks.id, networkId))
        .get();
      return network ? accountableOfficerRolesOf(network) : [];
    },

    /**
     * Changes a membership. Nobody changes their own. A change that gives more power
     * (see `needsSecondConfirmation`) is only asked for: it waits, untouched, until a
     * second admin or coordinator confirms it.
     */
    change(
      actor: AuditActor & { personId: string },
      networkId: string,
      membershipId: string,
      next: MemberChange,
    ): { ok: true; pending: boolean } | Refused {
      const result = db.transaction((tx): { ok: true; pending: boolean; personId: string } | Refused => {
        const current = find(tx, networkId, membershipId);
        if (!current) return { ok: false, error: "not_found" };
        if (current.personId === actor.personId) return { ok: false, error: "own_membership" };
        if (pendingGrantOf(tx, membershipId)) return { ok: false, error: "grant_pending" };
        const problem = problemWith(tx, networkId, current, next);
        if (problem) return { ok: false, error: problem };
        if (!needsSecondConfirmation(current, next)) {
          apply(tx, actor, networkId, current, next);
          return { ok: true, pending: false, personId: current.personId };
        }
        const id = randomUUID();
        tx.insert(membershipGrants)
          .values({ id, networkId, membershipId, ...next, requestedBy: actor.personId })
          .run();
        audit.append(
          actor,
          {
            action: "membership.grant_requested",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: {
              grantId: id,
              before: { role: current.role, isAccountableOfficer: current.isAccountableOfficer },
              after: next,
            },
          },
          tx,
        );
        return { ok: true, pending: true, personId: current.personId };
      });
      if (!result.ok) return result;
      if (!result.pending) announce({ networkId, personId: result.personId, removed: false });
      return { ok: true, pending: result.pending };
    },

    /** Changes waiting for a second admin or coordinator, with who asked and for whom. */
    async pendingGrants(networkId: string) {
      return db
        .select({
          id: membershipGrants.id,
          membershipId: membershipGrants.membershipId,
          personId: persons.id,
          name: persons.name,
          fromRole: memberships.role,
          wasAccountableOfficer: memberships.isAccountableOfficer,
          role: membershipGrants.role,
          isAccountableOfficer: membershipGrants.isAccountableOfficer,
          requestedBy: membershipGrants.requestedBy,
          requestedByName: requester.name,
          requestedAt: membershipGrants.requestedAt,
        })
        .from(membershipGrants)
        .innerJoin(memberships, eq(memberships.id, membershipGrants.membershipId))
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .innerJoin(requester, eq(requester.id, membershipGrants.requestedBy))
        .where(and(eq(membershipGrants.networkId, networkId), eq(membershipGrants.status, "pending")))
        .orderBy(asc(membershipGrants.requestedAt))
        .all();
    },

    /**
     * A second person confirms a pending grant: it is checked again against the network
     * as it is now, then applied. The one who asked, and the one who receives it, cannot.
     */
    confirmGrant(actor: AuditActor & { personId: string }, networkId: string, grantId: string): { ok: true } | Refused {
      const result = db.transaction((tx): { ok: true; personId: string } | Refused => {
        const grant = pendingGrant(tx, networkId, grantId);
        const current = grant && find(tx, networkId, grant.membershipId);
        if (!grant || !current) return { ok: false, error: "not_found" };
        if (current.personId === actor.personId) return { ok: false, error: "own_membership" };
        if (grant.requestedBy === actor.personId) return { ok: false, error: "same_person" };
        const next: MemberChange = {
          role: grant.role,
          mandate: grant.mandate,
          agencyId: grant.agencyId,
          isAccountableOfficer: grant.isAccountableOfficer,
        };
        const problem = problemWith(tx, networkId, current, next);
        if (problem) return { ok: false, error: problem };
        apply(tx, actor, networkId, current, next);
        tx.update(membershipGrants)
          .set({ status: "confirmed", decidedBy: actor.personId, decidedAt: new Date() })
          .where(eq(membershipGrants.id, grant.id))
          .run();
        audit.append(
          actor,
          {
            action: "membership.grant_confirmed",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: { grantId, requestedBy: grant.requestedBy, after: next },
          },
          tx,
        );
        return { ok: true, personId: current.personId };
      });
      if (!result.ok) return result;
      announce({ networkId, personId: result.personId, removed: false });
      return { ok: true };
    },

    /** Withdraws or turns down a pending grant; nothing about the membership changes. */
    cancelGrant(actor: AuditActor & { personId: string }, networkId: string, grantId: string): boolean {
      return db.transaction((tx) => {
        const grant = pendingGrant(tx, networkId, grantId);
        const current = grant && find(tx, networkId, grant.membershipId);
        if (!grant || !current) return false;
        tx.update(membershipGrants)
          .set({ status: "cancelled", decidedBy: actor.personId, decidedAt: new Date() })
          .where(eq(membershipGrants.id, grant.id))
          .run();
        audit.append(
          actor,
          {
            action: "membership.grant_cancelled",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: { grantId, requestedBy: grant.requestedBy },
          },
          tx,
        );
        return true;
      });
    },

    /** Removes a person from the network and ends all their sessions at once. */
    remove(actor: AuditActor, networkId: string, membershipId: string): { ok: true } | Refused {
      const current = find(db, networkId, membershipId);
      if (!current) return { ok: false, error: "not_found" };
      if (current.role === "admin" && otherAdmins(db, networkId, membershipId) === 0)
        return { ok: false, error: "last_admin" };
      db.transaction((tx) => {
        tx.delete(memberships).where(eq(memberships.id, membershipId)).run();
        sessions.endAllOf(current.personId, tx);
        audit.append(
          actor,
          {
            action: "membership.removed",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: { role: current.role },
          },
          tx,
        );
      });
      announce({ networkId, personId: current.personId, removed: true });
      return { ok: true };
    },
  };
}
