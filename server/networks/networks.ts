import { randomUUID } from "node:crypto";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { agencies, cases, invitations, memberships, networks, persons } from "../../db/schema/index.ts";
import type { Role, Sector } from "../../db/schema/people.ts";
import { z } from "zod";
import { ACCOUNTABLE_OFFICER_CHOICES, ROLES, type Language } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import { pendingIn } from "./invitations.ts";

const eligibleRoles = z.array(z.enum(ROLES));

/** The roles, besides the chair, that the network lets hold the accountable officer's task. */
export function accountableOfficerRolesOf(network: { accountableOfficerRoles: string }): Role[] {
  const parsed = eligibleRoles.safeParse(JSON.parse(network.accountableOfficerRoles));
  return parsed.success ? parsed.data.filter((r) => (ACCOUNTABLE_OFFICER_CHOICES as readonly Role[]).includes(r)) : [];
}

export interface NewNetwork {
  networkName: string;
  timeZone: string;
  agencyName: string;
  agencySector: Sector;
}

export function createNetworks(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  /** Inside the caller's transaction: the network, its first agency and its first admin. */
  function insertNetwork(
    tx: Pick<Db, "insert" | "select">,
    actor: AuditActor & { personId: string },
    input: NewNetwork,
  ): string {
    const networkId = randomUUID();
    const agencyId = randomUUID();
    tx.insert(networks).values({ id: networkId, name: input.networkName.trim(), timeZone: input.timeZone }).run();
    tx.insert(agencies)
      .values({ id: agencyId, networkId, name: input.agencyName.trim(), sector: input.agencySector })
      .run();
    tx.insert(memberships)
      .values({ id: randomUUID(), personId: actor.personId, networkId, agencyId, role: "admin", mandate: "decides" })
      .run();
    audit.append(
      actor,
      {
        action: "network.created",
        networkId,
        subjectType: "network",
        subjectId: networkId,
        details: { name: input.networkName },
      },
      tx,
    );
    audit.append(
      actor,
      {
        action: "agency.created",
        networkId,
        subjectType: "agency",
        subjectId: agencyId,
        details: { name: input.agencyName, sector: input.agencySector },
      },
      tx,
    );
    return networkId;
  }

  async function listAgencies(networkId: string) {
    return db
      .select({ id: agencies.id, name: agencies.name, sector: agencies.sector, members: count(memberships.id) })
      .from(agencies)
      .leftJoin(memberships, eq(memberships.agencyId, agencies.id))
      .where(eq(agencies.networkId, networkId))
      .groupBy(agencies.id)
      .orderBy(asc(agencies.name))
      .all();
  }

  return {
    insertNetwork,

    create(actor: AuditActor & { personId: string }, input: NewNetwork): string {
      return db.transaction((tx) => insertNetwork(tx, actor, input));
    },

    async listForPerson(personId: string): Promise<{ id: string; name: string; role: Role }[]> {
      return db
        .select({ id: networks.id, name: networks.name, role: memberships.role })
        .from(memberships)
        .innerJoin(networks, eq(networks.id, memberships.networkId))
        .where(eq(memberships.personId, personId))
        .orderBy(asc(networks.name))
        .all();
    },

    async get(networkId: string) {
      return db.select().from(networks).where(eq(networks.id, networkId)).get() ?? null;
    },

    /** The network's agencies, with how many of its people each has at the table. */
    listAgencies,

    addAgency(
      actor: AuditActor,
      networkId: string,
      input: { name: string; sector: Sector },
    ): { ok: true; id: string } | { ok: false; reason: "duplicate" } {
      const name = input.name.trim();
      const exists = db
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(eq(agencies.networkId, networkId), eq(agencies.name, name)))
        .get();
      if (exists) return { ok: false, reason: "duplicate" };
      const id = randomUUID();
      db.transaction((tx) => {
        tx.insert(agencies).values({ id, networkId, name, sector: input.sector }).run();
        audit.append(
          actor,
          {
            action: "agency.created",
            networkId,
            subjectType: "agency",
            subjectId: id,
            details: { name, sector: input.sector },
          },
          tx,
        );
      });
      return { ok: true, id };
    },

    /** The network home page: who sits at the table, cases per stage, open invitations. */
    async overview(networkId: string) {
      const caseStages = db
        .select({ stage: cases.stage, n: count() })
        .from(cases)
        .where(eq(cases.networkId, networkId))
        .groupBy(cases.stage)
        .all();
      const pendingInvitations = db.select({ n: count() }).from(invitations).where(pendingIn(networkId)).get()?.n ?? 0;
      return {
        agencies: await listAgencies(networkId),
        caseStages: Object.fromEntries(caseStages.map((s) => [s.stage, s.n])) as Partial<Record<string, number>>,
        pendingInvitations,
      };
    },

    /** The marking on every page of the network's documents; null means the template's default. */
    setClassification(actor: AuditActor, networkId: string, classification: string | null): boolean {
      return db.transaction((tx) => {
        const before = tx
          .select({ classification: networks.classification })
          .from(networks)
          .where(eq(networks.id, networkId))
          .get();
        if (!before || before.classification === classification) return false;
        tx.update(networks).set({ classification }).where(eq(networks.id, networkId)).run();
        audit.append(
          actor,
          {
            action: "network.classification_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before: before.classification, after: classification },
          },
          tx,
        );
        return true;
      });
    },

    /** The language of the network's official minutes, the archived original; null: its default language. */
    setMinutesLanguage(actor: AuditActor, networkId: string, minutesLanguage: Language | null): boolean {
      return db.transaction((tx) => {
        const before = tx
          .select({ minutesLanguage: networks.minutesLanguage })
          .from(networks)
          .where(eq(networks.id, networkId))
          .get();
        if (!before || before.minutesLanguage === minutesLanguage) return false;
        tx.update(networks).set({ minutesLanguage }).where(eq(networks.id, networkId)).run();
        audit.append(
          actor,
          {
            action: "network.minutes_language_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before: before.minutesLanguage, after: minutesLanguage },
          },
          tx,
        );
        return true;
      });
    },

    /** The language of the network's pages for whoever chose none and whose browser names none Casetable speaks. */
    setLanguage(actor: AuditActor, networkId: string, language: Language): boolean {
      return db.transaction((tx) => {
        const before = tx
          .select({ language: networks.language })
          .from(networks)
          .where(eq(networks.id, networkId))
          .get();
        if (!before || before.language === language) return false;
        tx.update(networks).set({ language }).where(eq(networks.id, networkId)).run();
        audit.append(
          actor,
          {
            action: "network.language_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before: before.language, after: language },
          },
          tx,
        );
        return true;
      });
    },

    /**
     * Which roles besides the chair may be named accountable officer. A role the current
     * accountable officer holds cannot be taken off the list: un-name them first.
     */
    setAccountableOfficerRoles(
      actor: AuditActor,
      networkId: string,
      roles: readonly Role[],
    ): { ok: true; changed: boolean } | { ok: false; reason: "held_by_officer" } {
      const after = ACCOUNTABLE_OFFICER_CHOICES.filter((r) => roles.includes(r));
      return db.transaction((tx) => {
        const row = tx
          .select({ accountableOfficerRoles: networks.accountableOfficerRoles })
          .from(networks)
          .where(eq(networks.id, networkId))
          .get();
        if (!row) return { ok: true, changed: false };
        const before = accountableOfficerRolesOf(row);
        if (before.join() === after.join()) return { ok: true, changed: false };
        const officer = tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.networkId, networkId), eq(memberships.isAccountableOfficer, true)))
          .get();
        if (officer && officer.role !== "chair" && !(after as readonly Role[]).includes(officer.role))
          return { ok: false, reason: "held_by_officer" };
        tx.update(networks)
          .set({ accountableOfficerRoles: JSON.stringify(after) })
          .where(eq(networks.id, networkId))
          .run();
        audit.append(
          actor,
          {
            action: "network.accountable_officer_roles_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before, after },
          },
          tx,
        );
        return { ok: true, changed: true };
      });
    },

    /** Names of people, for filters; only people who belong to the network. */
    async peopleOf(networkId: string) {
      return db
        .select({ id: persons.id, name: persons.name })
        .from(memberships)
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .where(eq(memberships.networkId, networkId))
        .orderBy(asc(persons.name))
        .all();
    },
  };
}

export type Networks = ReturnType<typeof createNetworks>;
