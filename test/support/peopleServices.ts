import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, expect } from "vitest";
import type { Store } from "../../db/store.ts";
import type { Mandate, Role, Sector } from "../../db/schema/people.ts";
import { createAuditChain, GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { createAccounts } from "../../server/auth/accounts.ts";
import { createSecondFactor } from "../../server/auth/secondFactor.ts";
import { createSessions, type SessionLimits } from "../../server/auth/sessions.ts";
import { createSetup } from "../../server/auth/setup.ts";
import { createStanding } from "../../server/auth/standing.ts";
import { createKeyring } from "../../server/crypto/keyring.ts";
import { loadOrCreateKeyFile } from "../../server/crypto/keyFile.ts";
import { createInvitations } from "../../server/networks/invitations.ts";
import { createMembers } from "../../server/networks/members.ts";
import { createNetworks } from "../../server/networks/networks.ts";

// The people services (sessions, accounts, second factor, networks, members, invitations,
// setup) on one Store, for their contract suites on SQLite and PostgreSQL (decision 0040).

const keyDir = mkdtempSync(join(tmpdir(), "casetable-keys-"));
const keyFile = join(keyDir, "casetable.key");
const keyring = createKeyring(
  keyFile,
  loadOrCreateKeyFile(keyFile, () => []),
);
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

export function peopleServices(store: Store, limits?: SessionLimits) {
  const audit = createAuditChain(store, keyring.keyedHash);
  const sessions = createSessions(store, limits);
  const standing = createStanding();
  const secondFactor = createSecondFactor({ store, audit, sessions, keyring });
  const accounts = createAccounts({ store, audit, sessions, secondFactor });
  const networks = createNetworks({ store, audit });
  const members = createMembers({ store, audit, sessions, standing });
  const invitations = createInvitations({ store, audit, accounts, sessions });
  const setup = createSetup({ store, audit, accounts, networks, sessions });
  return { audit, sessions, standing, secondFactor, accounts, networks, members, invitations, setup };
}

/** A cheap stand-in for an argon2 hash where the test does not sign in with a password. */
export const NO_PASSWORD = "not-a-hash";

/**
 * A network with an admin and the given further members (by name: their role), each in
 * their own agency, written straight into the tables; no second factor required.
 */
export async function seedPeople<N extends string>(store: Store, people: Record<N, Role>, networkName = "Riverside") {
  const { t } = store;
  const networkId = randomUUID();
  const ids = {} as Record<N | "admin", { personId: string; membershipId: string; agencyId: string }>;
  const all = { admin: "admin" as Role, ...people } as Record<N | "admin", Role>;
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values({ id: networkId, name: networkName, secondFactorRoles: [] });
    for (const [name, role] of Object.entries(all) as [N | "admin", Role][]) {
      const personId = randomUUID();
      const agencyId = randomUUID();
      const membershipId = randomUUID();
      await tx.insert(t.persons).values({
        id: personId,
        name,
        email: `${name}@${networkName.toLowerCase()}.example`,
        passwordHash: NO_PASSWORD,
      });
      await tx
        .insert(t.agencies)
        .values({ id: agencyId, networkId, name: `${name} agency`, sector: "municipality" satisfies Sector });
      await tx
        .insert(t.memberships)
        .values({ id: membershipId, personId, networkId, agencyId, role, mandate: "decides" satisfies Mandate });
      ids[name] = { personId, membershipId, agencyId };
    }
  });
  return { networkId, ...ids };
}

/** The audit log as stored, checked link by link: one chain. */
export async function auditChainOf(store: Store) {
  const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(prev);
    expect(hashEntry(row)).toBe(row.hash);
    prev = row.hash;
  }
  return rows;
}
