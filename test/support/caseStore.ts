import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { expect } from "vitest";
import type { Store } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { createStanding } from "../../server/auth/standing.ts";
import { createCaseRegister } from "../../server/cases/caseRegister.ts";
import { newKey } from "../../server/crypto/keyFile.ts";
import { createKeyring } from "../../server/crypto/keyring.ts";

// What the case services' contract suites share (decision 0040): two networks with their
// people, the services built on one Store, and the audit chain checked link by link.

/** A role of the seeded network, with their person and agency ids. */
export type Seat = "chair" | "coordinator" | "police" | "school";

/** Riverside (the network under test) with a chair, a coordinator, the police and a school; Hillside beside it. */
export async function seedNetworks(store: Store) {
  const { t } = store;
  const network = randomUUID();
  const other = randomUUID();
  const agency = { police: randomUUID(), school: randomUUID(), theirs: randomUUID() };
  const person = {
    chair: randomUUID(),
    coordinator: randomUUID(),
    police: randomUUID(),
    school: randomUUID(),
    outsider: randomUUID(),
  };
  const agencyOf: Record<Seat, string> = {
    chair: agency.police,
    coordinator: agency.police,
    police: agency.police,
    school: agency.school,
  };
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values([
      { id: network, name: "Riverside" },
      { id: other, name: "Hillside" },
    ]);
    await tx
      .insert(t.persons)
      .values(
        Object.entries(person).map(([name, id]) => ({ id, name, email: `${name}@example.org`, passwordHash: "x" })),
      );
    await tx.insert(t.agencies).values([
      { id: agency.police, networkId: network, name: "Police", sector: "police" },
      { id: agency.school, networkId: network, name: "Albert School", sector: "education" },
      { id: agency.theirs, networkId: other, name: "Police", sector: "police" },
    ]);
    await tx.insert(t.memberships).values([
      ...(Object.keys(agencyOf) as Seat[]).map((seat) => ({
        id: randomUUID(),
        personId: person[seat],
        networkId: network,
        agencyId: agencyOf[seat],
        role: seat === "chair" || seat === "coordinator" ? seat : ("member" as const),
        mandate: "decides" as const,
      })),
      {
        id: randomUUID(),
        personId: person.outsider,
        networkId: other,
        agencyId: agency.theirs,
        role: "coordinator" as const,
        mandate: "decides" as const,
      },
    ]);
  });
  const actor = (seat: Seat | "outsider") => ({ personId: person[seat], ip: "10.1.2.3" });
  return { network, other, agency, person, agencyOf, actor };
}

/** A key file of its own for each test: the identities are sealed as in the server. */
export function testKeyring() {
  const key = newKey();
  const file = join(mkdtempSync(join(tmpdir(), "casetable-keys-")), "casetable.key");
  return createKeyring(file, {
    format: "casetable-keys",
    version: 1,
    active: key.id,
    keys: [key],
    macKey: newKey().key,
  });
}

/** The case register on `store`, as services.ts builds it. */
export function caseRegisterOn(store: Store) {
  const keyring = testKeyring();
  const audit = createAuditChain(store);
  const standing = createStanding();
  const caseRegister = createCaseRegister({ store, audit, standing, keyring });
  return { keyring, audit, standing, caseRegister };
}

/** The audit log as stored, checked link by link. */
export async function chainOf(store: Store) {
  const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(prev);
    expect(hashEntry(row)).toBe(row.hash);
    prev = row.hash;
  }
  return rows;
}
