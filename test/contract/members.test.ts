import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import type { MemberChange } from "../../server/networks/members.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { auditChainOf, peopleServices, seedPeople } from "../support/peopleServices.ts";

// Networks and members on the Store (decision 0040): the same tests on SQLite and
// PostgreSQL. Pages: test/integration/members.test.ts, selfGrant.test.ts, networkScope.test.ts.

const actorOf = (person: { personId: string }) => ({ personId: person.personId, ip: null });

/** Everything a refused change must leave as it was. */
async function snapshot(store: Store) {
  const { t } = store;
  return {
    memberships: await store.db.select().from(t.memberships),
    grants: await store.db.select().from(t.membershipGrants),
    audit: await store.db.select().from(t.auditLog),
  };
}

describe.each(await dialectsUnderTest())("networks and members on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("creates a network with its first agency and admin, audited", async () => {
    const s = await seedPeople(store(), {});
    const { networks, members } = peopleServices(store());
    const networkId = await networks.create(actorOf(s.admin), {
      networkName: " Eastport ",
      timeZone: "Europe/Paris",
      agencyName: "Eastport Police",
      agencySector: "police",
    });
    expect(await networks.get(networkId)).toMatchObject({
      name: "Eastport",
      accountableOfficerRoles: [],
      secondFactorRoles: ["admin", "chair", "coordinator"],
    });
    expect((await members.list(networkId)).map((m) => [m.name, m.role, m.agencyName])).toEqual([
      ["admin", "admin", "Eastport Police"],
    ]);
    expect((await networks.listForPerson(s.admin.personId)).map((n) => n.name)).toEqual(["Eastport", "Riverside"]);
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual(["network.created", "agency.created"]);
    expect(
      await networks.addAgency(actorOf(s.admin), networkId, { name: "Eastport Police", sector: "police" }),
    ).toEqual({ ok: false, reason: "duplicate" });
    expect(await auditChainOf(store())).toHaveLength(2);
  });

  it("a change that gives power waits for a second person: not the one who asked, not the one who gets it", async () => {
    const s = await seedPeople(store(), { coordinator: "coordinator", police: "member", chair: "chair" });
    const { members } = peopleServices(store());
    const toAdmin: MemberChange = {
      role: "admin",
      mandate: "decides",
      agencyId: s.police.agencyId,
      isAccountableOfficer: false,
    };
    // Nobody changes their own membership, not even to ask.
    expect(await members.change(actorOf(s.police), s.networkId, s.police.membershipId, toAdmin)).toEqual({
      ok: false,
      error: "own_membership",
    });
    expect(await members.change(actorOf(s.admin), s.networkId, s.police.membershipId, toAdmin)).toEqual({
      ok: true,
      pending: true,
    });
    expect((await members.get(s.networkId, s.police.membershipId))!.role).toBe("member");
    const [grant] = await members.pendingGrants(s.networkId);
    expect(grant).toMatchObject({ personId: s.police.personId, role: "admin", requestedBy: s.admin.personId });
    // A second request while one waits is refused.
    expect(await members.change(actorOf(s.coordinator), s.networkId, s.police.membershipId, toAdmin)).toEqual({
      ok: false,
      error: "grant_pending",
    });
    expect(await members.confirmGrant(actorOf(s.admin), s.networkId, grant.id)).toEqual({
      ok: false,
      error: "same_person",
    });
    expect(await members.confirmGrant(actorOf(s.police), s.networkId, grant.id)).toEqual({
      ok: false,
      error: "own_membership",
    });
    expect((await members.get(s.networkId, s.police.membershipId))!.role).toBe("member");
    // Two confirmations at once: one applies it.
    const confirmed = await Promise.all([
      members.confirmGrant(actorOf(s.coordinator), s.networkId, grant.id),
      members.confirmGrant(actorOf(s.chair), s.networkId, grant.id),
    ]);
    expect(confirmed.filter((r) => r.ok)).toHaveLength(1);
    expect(confirmed.filter((r) => !r.ok)).toEqual([{ ok: false, error: "not_found" }]);
    expect((await members.get(s.networkId, s.police.membershipId))!.role).toBe("admin");
    expect(await members.pendingGrants(s.networkId)).toEqual([]);
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      "membership.grant_requested",
      "membership.changed",
      "membership.grant_confirmed",
    ]);
  });

  it("an admin is never accountable officer, and the network keeps one accountable officer", async () => {
    const s = await seedPeople(store(), { coordinator: "coordinator", chair: "chair", deputy: "chair" });
    const { members } = peopleServices(store());
    expect(
      await members.change(actorOf(s.coordinator), s.networkId, s.admin.membershipId, {
        role: "admin",
        mandate: "decides",
        agencyId: s.admin.agencyId,
        isAccountableOfficer: true,
      }),
    ).toEqual({ ok: false, error: "not_eligible" });
    for (const who of [s.chair, s.deputy]) {
      await members.change(actorOf(s.admin), s.networkId, who.membershipId, {
        role: "chair",
        mandate: "decides",
        agencyId: who.agencyId,
        isAccountableOfficer: true,
      });
      const [grant] = await members.pendingGrants(s.networkId);
      expect(await members.confirmGrant(actorOf(s.coordinator), s.networkId, grant.id)).toEqual({ ok: true });
    }
    const officers = (await members.list(s.networkId)).filter((m) => m.isAccountableOfficer);
    expect(officers.map((m) => m.name)).toEqual(["deputy"]);
  });

  it("another network's ids are refused, and nothing changes", async () => {
    const a = await seedPeople(store(), { police: "member" });
    const b = await seedPeople(store(), { police: "member", coordinator: "coordinator" }, "Hillside");
    const { members, invitations, networks } = peopleServices(store());
    await members.change(actorOf(b.admin), b.networkId, b.police.membershipId, {
      role: "coordinator",
      mandate: "decides",
      agencyId: b.police.agencyId,
      isAccountableOfficer: false,
    });
    const [theirGrant] = await members.pendingGrants(b.networkId);
    const invited = await invitations.create(actorOf(b.admin), b.networkId, {
      email: "new@hillside.example",
      agencyId: b.police.agencyId,
      role: "member",
      mandate: "decides",
    });
    expect(invited.ok).toBe(true);
    const [theirInvitation] = await invitations.listPending(b.networkId);
    const before = await snapshot(store());
    const admin = actorOf(a.admin);
    const change: MemberChange = {
      role: "member",
      mandate: "decides",
      agencyId: a.police.agencyId,
      isAccountableOfficer: false,
    };
    expect(await members.change(admin, a.networkId, b.police.membershipId, change)).toEqual({
      ok: false,
      error: "not_found",
    });
    // Their agency for our member.
    expect(
      await members.change(admin, a.networkId, a.police.membershipId, { ...change, agencyId: b.police.agencyId }),
    ).toEqual({ ok: false, error: "unknown_agency" });
    expect(await members.confirmGrant(admin, a.networkId, theirGrant.id)).toEqual({ ok: false, error: "not_found" });
    expect(await members.cancelGrant(admin, a.networkId, theirGrant.id)).toBe(false);
    expect(await members.remove(admin, a.networkId, b.police.membershipId)).toEqual({ ok: false, error: "not_found" });
    expect(await members.get(a.networkId, b.police.membershipId)).toBeNull();
    expect(await invitations.revoke(admin, a.networkId, theirInvitation.id)).toBe(false);
    expect(
      await invitations.create(admin, a.networkId, {
        email: "x@riverside.example",
        agencyId: b.police.agencyId,
        role: "member",
        mandate: "decides",
      }),
    ).toEqual({ ok: false, error: "unknown_agency" });
    expect(await networks.setClassification(admin, "no-such-network", "SECRET")).toBe(false);
    expect(await snapshot(store())).toEqual(before);
  });

  it("of two admins removing each other at once, one stays: a network keeps its last admin", async () => {
    const s = await seedPeople(store(), { second: "admin" });
    const { members, sessions } = peopleServices(store());
    const token = await store().transaction((tx) =>
      sessions.start(tx, s.second.personId, { ip: null, userAgent: null }),
    );
    const results = await Promise.all([
      members.remove(actorOf(s.admin), s.networkId, s.second.membershipId),
      members.remove(actorOf(s.second), s.networkId, s.admin.membershipId),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "last_admin" }]);
    expect((await members.list(s.networkId)).filter((m) => m.role === "admin")).toHaveLength(1);
    // A removed person's sessions end with the membership.
    if (results[0].ok) expect(await sessions.lookup(token)).toBeNull();
    expect(await auditChainOf(store())).toHaveLength(1);
  });

  it("network settings: a change is audited, no change is neither; JSON lists come back as lists", async () => {
    const s = await seedPeople(store(), { officer: "coordinator" });
    const { networks, members, secondFactor } = peopleServices(store());
    const admin = actorOf(s.admin);
    expect(await networks.setClassification(admin, s.networkId, "OFFICIAL-SENSITIVE")).toBe(true);
    expect(await networks.setClassification(admin, s.networkId, "OFFICIAL-SENSITIVE")).toBe(false);
    expect(await networks.setLanguage(admin, s.networkId, "nl")).toBe(true);
    expect(await networks.setMinutesLanguage(admin, s.networkId, "fr")).toBe(true);
    expect(await networks.setAccountableOfficerRoles(admin, s.networkId, ["coordinator", "member"])).toEqual({
      ok: true,
      changed: true,
    });
    expect(await members.accountableOfficerRoles(s.networkId)).toEqual(["coordinator", "member"]);
    expect(await secondFactor.setRoles(admin, s.networkId, ["chair", "admin"])).toBe(true);
    expect(await secondFactor.setRoles(admin, s.networkId, ["admin", "chair"])).toBe(false);
    expect(await secondFactor.rolesOf(s.networkId)).toEqual(["admin", "chair"]);
    expect(await secondFactor.requiredFor(s.admin.personId)).toBe(true);
    expect(await secondFactor.requiredFor(s.officer.personId)).toBe(false);
    expect(await networks.get(s.networkId)).toMatchObject({
      classification: "OFFICIAL-SENSITIVE",
      language: "nl",
      minutesLanguage: "fr",
      accountableOfficerRoles: ["coordinator", "member"],
      secondFactorRoles: ["admin", "chair"],
    });
    // The officer's role cannot leave the list while they hold the task.
    const { t } = store();
    await store().transaction((tx) =>
      tx.update(t.memberships).set({ isAccountableOfficer: true }).where(eq(t.memberships.id, s.officer.membershipId)),
    );
    expect(await networks.setAccountableOfficerRoles(admin, s.networkId, ["member"])).toEqual({
      ok: false,
      reason: "held_by_officer",
    });
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      "network.classification_changed",
      "network.language_changed",
      "network.minutes_language_changed",
      "network.accountable_officer_roles_changed",
      "network.second_factor_roles_changed",
    ]);
  });
});
