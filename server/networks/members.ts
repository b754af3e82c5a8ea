import { and, asc, count, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, memberships, persons } from "../../db/schema/index.ts";
import type { Mandate, Role } from "../../db/schema/people.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { Sessions } from "../auth/sessions.ts";

export type MemberChangeError = "not_found" | "last_admin" | "unknown_agency";

export interface MemberChange {
  role: Role;
  mandate: Mandate;
  agencyId: string;
  isAccountableOfficer: boolean;
}

export function createMembers(deps: { db: Db; audit: AuditLog; sessions: Sessions }) {
  const { db, audit, sessions } = deps;

  function find(networkId: string, membershipId: string) {
    return db
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, membershipId), eq(memberships.networkId, networkId)))
      .get();
  }

  function otherAdmins(networkId: string, membershipId: string): number {
    return (
      db
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "admin"), ne(memberships.id, membershipId)))
        .get()?.n ?? 0
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

  return {
    async list(networkId: string) {
      return withPeople(networkId);
    },

    /** One member of the network, or null (also for a member of another network). */
    async get(networkId: string, membershipId: string) {
      return withPeople(networkId, membershipId)[0] ?? null;
    },

    change(actor: AuditActor, networkId: string, membershipId: string, next: MemberChange): { ok: true } | { ok: false; error: MemberChangeError } {
      const current = find(networkId, membershipId);
      if (!current) return { ok: false, error: "not_found" };
      if (current.role === "admin" && next.role !== "admin" && otherAdmins(networkId, membershipId) === 0) {
        return { ok: false, error: "last_admin" };
      }
      const agency = db.select().from(agencies).where(and(eq(agencies.id, next.agencyId), eq(agencies.networkId, networkId))).get();
      if (!agency) return { ok: false, error: "unknown_agency" };
      db.transaction((tx) => {
        // A network has one accountable officer: naming a new one un-names the last.
        if (next.isAccountableOfficer && !current.isAccountableOfficer) {
          tx.update(memberships)
            .set({ isAccountableOfficer: false })
            .where(and(eq(memberships.networkId, networkId), eq(memberships.isAccountableOfficer, true)))
            .run();
        }
        tx.update(memberships).set(next).where(eq(memberships.id, membershipId)).run();
        audit.append(
          actor,
          {
            action: "membership.changed",
            networkId,
            subjectType: "person",
            subjectId: current.personId,
            details: {
              before: { role: current.role, mandate: current.mandate, agencyId: current.agencyId, isAccountableOfficer: current.isAccountableOfficer },
              after: next,
            },
          },
          tx,
        );
      });
      return { ok: true };
    },

    /** Removes a person from the network and ends all their sessions at once. */
    remove(actor: AuditActor, networkId: string, membershipId: string): { ok: true } | { ok: false; error: MemberChangeError } {
      const current = find(networkId, membershipId);
      if (!current) return { ok: false, error: "not_found" };
      if (current.role === "admin" && otherAdmins(networkId, membershipId) === 0) return { ok: false, error: "last_admin" };
      db.transaction((tx) => {
        tx.delete(memberships).where(eq(memberships.id, membershipId)).run();
        sessions.endAllOf(current.personId, tx);
        audit.append(
          actor,
          { action: "membership.removed", networkId, subjectType: "person", subjectId: current.personId, details: { role: current.role } },
          tx,
        );
      });
      return { ok: true };
    },
  };
}
