import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { ACCOUNTABLE_OFFICER_CHOICES, ROLES, type Language } from "../../app/contract/vocabulary.ts";
import type { Role, Sector } from "../../db/schema/people.ts";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { pendingIn } from "./invitations.ts";

const eligibleRoles = z.array(z.enum(ROLES));

/** The roles, besides the chair, that the network lets hold the accountable officer's task. */
export function accountableOfficerRolesOf(network: { accountableOfficerRoles: readonly Role[] }): Role[] {
  const parsed = eligibleRoles.safeParse(network.accountableOfficerRoles);
  return parsed.success ? parsed.data.filter((r) => (ACCOUNTABLE_OFFICER_CHOICES as readonly Role[]).includes(r)) : [];
}

export interface NewNetwork {
  networkName: string;
  timeZone: string;
  agencyName: string;
  agencySector: Sector;
}

/** A network setting with its audit action: a change is written and audited, no change is neither. */
type Setting = "classification" | "minutesLanguage" | "language";

/** Written once for SQLite and PostgreSQL (decision 0040). */
export function createNetworks(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t } = store;

  /**
   * Inside the caller's transaction: the network, its first agency and its first admin,
   * then their audit entries. The chain's lock is held from the first entry to the commit,
   * so the caller writes nothing after this (further audit entries only).
   */
  async function insertNetwork(
    tx: Query,
    actor: AuditActor & { personId: string },
    input: NewNetwork,
  ): Promise<string> {
    const networkId = randomUUID();
    const agencyId = randomUUID();
    await tx.insert(t.networks).values({ id: networkId, name: input.networkName.trim(), timeZone: input.timeZone });
    await tx
      .insert(t.agencies)
      .values({ id: agencyId, networkId, name: input.agencyName.trim(), sector: input.agencySector });
    await tx
      .insert(t.memberships)
      .values({ id: randomUUID(), personId: actor.personId, networkId, agencyId, role: "admin", mandate: "decides" });
    await audit.append(tx, actor, {
      action: "network.created",
      networkId,
      subjectType: "network",
      subjectId: networkId,
      details: { name: input.networkName },
    });
    await audit.append(tx, actor, {
      action: "agency.created",
      networkId,
      subjectType: "agency",
      subjectId: agencyId,
      details: { name: input.agencyName, sector: input.agencySector },
    });
    return networkId;
  }

  async function listAgencies(networkId: string) {
    return store.db
      .select({
        id: t.agencies.id,
        name: t.agencies.name,
        sector: t.agencies.sector,
        members: count(t.memberships.id),
      })
      .from(t.agencies)
      .leftJoin(t.memberships, eq(t.memberships.agencyId, t.agencies.id))
      .where(eq(t.agencies.networkId, networkId))
      .groupBy(t.agencies.id, t.agencies.name, t.agencies.sector)
      .orderBy(asc(t.agencies.name));
  }

  /** Sets one of the network's settings; false when the network is unknown or nothing changes. */
  async function setSetting<K extends Setting>(
    actor: AuditActor,
    networkId: string,
    setting: K,
    after: (typeof t.networks.$inferSelect)[K],
    action: string,
  ): Promise<boolean> {
    return store.transaction(async (tx) => {
      const [row] = await tx
        .select({ before: t.networks[setting] })
        .from(t.networks)
        .where(eq(t.networks.id, networkId));
      if (!row || row.before === after) return false;
      await tx
        .update(t.networks)
        .set({ [setting]: after })
        .where(eq(t.networks.id, networkId));
      await audit.append(tx, actor, {
        action,
        networkId,
        subjectType: "network",
        subjectId: networkId,
        details: { before: row.before, after },
      });
      return true;
    });
  }

  return {
    insertNetwork,

    async create(actor: AuditActor & { personId: string }, input: NewNetwork): Promise<string> {
      return store.transaction((tx) => insertNetwork(tx, actor, input));
    },

    async listForPerson(personId: string): Promise<{ id: string; name: string; role: Role }[]> {
      return store.db
        .select({ id: t.networks.id, name: t.networks.name, role: t.memberships.role })
        .from(t.memberships)
        .innerJoin(t.networks, eq(t.networks.id, t.memberships.networkId))
        .where(eq(t.memberships.personId, personId))
        .orderBy(asc(t.networks.name));
    },

    async get(networkId: string) {
      const [network] = await store.db.select().from(t.networks).where(eq(t.networks.id, networkId));
      return network ?? null;
    },

    /** The network's agencies, with how many of its people each has at the table. */
    listAgencies,

    async addAgency(
      actor: AuditActor,
      networkId: string,
      input: { name: string; sector: Sector },
    ): Promise<{ ok: true; id: string } | { ok: false; reason: "duplicate" }> {
      const name = input.name.trim();
      const id = randomUUID();
      try {
        await store.transaction(async (tx) => {
          await tx.insert(t.agencies).values({ id, networkId, name, sector: input.sector });
          await audit.append(tx, actor, {
            action: "agency.created",
            networkId,
            subjectType: "agency",
            subjectId: id,
            details: { name, sector: input.sector },
          });
        });
      } catch (error) {
        // The network already has an agency of that name (agencies_network_name).
        if (store.isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
        throw error;
      }
      return { ok: true, id };
    },

    /** The network home page: who sits at the table, cases per stage, open invitations. */
    async overview(networkId: string) {
      const caseStages = await store.db
        .select({ stage: t.cases.stage, n: count() })
        .from(t.cases)
        .where(eq(t.cases.networkId, networkId))
        .groupBy(t.cases.stage);
      const [pending] = await store.db.select({ n: count() }).from(t.invitations).where(pendingIn(t, networkId));
      return {
        agencies: await listAgencies(networkId),
        caseStages: Object.fromEntries(caseStages.map((s) => [s.stage, s.n])) as Partial<Record<string, number>>,
        pendingInvitations: pending?.n ?? 0,
      };
    },

    /** The marking on every page of the network's documents; null means the template's default. */
    setClassification(actor: AuditActor, networkId: string, classification: string | null): Promise<boolean> {
      return setSetting(actor, networkId, "classification", classification, "network.classification_changed");
    },

    /** The language of the network's official minutes, the archived original; null: its default language. */
    setMinutesLanguage(actor: AuditActor, networkId: string, minutesLanguage: Language | null): Promise<boolean> {
      return setSetting(actor, networkId, "minutesLanguage", minutesLanguage, "network.minutes_language_changed");
    },

    /** The language of the network's pages for whoever chose none and whose browser names none Casetable speaks. */
    setLanguage(actor: AuditActor, networkId: string, language: Language): Promise<boolean> {
      return setSetting(actor, networkId, "language", language, "network.language_changed");
    },

    /**
     * Which roles besides the chair may be named accountable officer. A role the current
     * accountable officer holds cannot be taken off the list: un-name them first.
     */
    async setAccountableOfficerRoles(
      actor: AuditActor,
      networkId: string,
      roles: readonly Role[],
    ): Promise<{ ok: true; changed: boolean } | { ok: false; reason: "held_by_officer" }> {
      const after = ACCOUNTABLE_OFFICER_CHOICES.filter((r) => roles.includes(r));
      return store.transaction(async (tx) => {
        const [row] = await tx
          .select({ accountableOfficerRoles: t.networks.accountableOfficerRoles })
          .from(t.networks)
          .where(eq(t.networks.id, networkId));
        if (!row) return { ok: true, changed: false };
        const before = accountableOfficerRolesOf(row);
        if (before.join() === after.join()) return { ok: true, changed: false };
        const [officer] = await tx
          .select({ role: t.memberships.role })
          .from(t.memberships)
          .where(and(eq(t.memberships.networkId, networkId), eq(t.memberships.isAccountableOfficer, true)));
        if (officer && officer.role !== "chair" && !(after as readonly Role[]).includes(officer.role))
          return { ok: false, reason: "held_by_officer" };
        await tx.update(t.networks).set({ accountableOfficerRoles: after }).where(eq(t.networks.id, networkId));
        await audit.append(tx, actor, {
          action: "network.accountable_officer_roles_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { before, after },
        });
        return { ok: true, changed: true };
      });
    },

    /** Names of people, for filters; only people who belong to the network. */
    async peopleOf(networkId: string) {
      return store.db
        .select({ id: t.persons.id, name: t.persons.name })
        .from(t.memberships)
        .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
        .where(eq(t.memberships.networkId, networkId))
        .orderBy(asc(t.persons.name));
    },
  };
}

export type Networks = ReturnType<typeof createNetworks>;
