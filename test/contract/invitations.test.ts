import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { auditChainOf, peopleServices, seedPeople } from "../support/peopleServices.ts";

// Invitations and the first run on the Store (decision 0040): the same tests on SQLite and
// PostgreSQL. Pages: test/integration/invitations.test.ts, members.test.ts, setup.test.ts.

const meta = { ip: "10.0.0.9", userAgent: "vitest" };
const actorOf = (person: { personId: string }) => ({ personId: person.personId, ip: null });

describe.each(await dialectsUnderTest())("invitations on %s", (dialect) => {
  const store = useFreshStore(dialect);

  async function invite(role: "member" | "admin" = "member") {
    const s = await seedPeople(store(), { coordinator: "coordinator", police: "member" });
    const services = peopleServices(store());
    const created = await services.invitations.create(actorOf(s.admin), s.networkId, {
      email: " New@Riverside.example ",
      agencyId: s.police.agencyId,
      role,
      mandate: "decides",
    });
    if (!created.ok) throw new Error("invitation refused");
    return { s, services, token: created.token };
  }

  it("a burst of accepts of one invitation gives one account, one membership, one session", async () => {
    const { s, services, token } = await invite();
    const results = await Promise.all(
      ["Nora", "Nora again", "Mallory"].map((name) =>
        services.invitations.acceptWithNewAccount(token, { name, password: "a long enough password" }, meta),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.problem)).toEqual(["used", "used"]);
    const { t } = store();
    const people = await store().db.select().from(t.persons).where(eq(t.persons.email, "new@riverside.example"));
    expect(people).toHaveLength(1);
    expect(await store().db.select().from(t.memberships).where(eq(t.memberships.personId, people[0].id))).toHaveLength(
      1,
    );
    expect(await store().db.select().from(t.sessions)).toHaveLength(1);
    const accepted = results.find((r) => r.ok)!;
    if (!accepted.ok) throw new Error("unreachable");
    expect(await services.sessions.lookup(accepted.sessionToken)).toMatchObject({ personId: people[0].id });
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      "invitation.created",
      "person.created",
      "invitation.accepted",
    ]);
    expect(await services.invitations.listPending(s.networkId)).toEqual([]);
    // Accepting again, now signed in: used.
    expect(await services.invitations.acceptAsPerson(token, s.coordinator.personId, actorOf(s.coordinator))).toEqual({
      ok: false,
      problem: "used",
    });
  });

  it("two people accepting one invitation at once: one joins", async () => {
    const { s, services, token } = await invite();
    const other = await seedPeople(store(), { stranger: "member" }, "Hillside");
    const results = await Promise.all([
      services.invitations.acceptAsPerson(token, other.stranger.personId, actorOf(other.stranger)),
      services.invitations.acceptWithNewAccount(token, { name: "Nora", password: "a long enough password" }, meta),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.problem)).toEqual(["used"]);
    expect((await services.members.list(s.networkId)).map((m) => m.name).sort()).toHaveLength(4);
  });

  it("an expired, revoked or unknown invitation is refused and changes nothing", async () => {
    const { s, services, token } = await invite();
    const { t } = store();
    await store().transaction((tx) => tx.update(t.invitations).set({ expiresAt: new Date(Date.now() - 1_000) }));
    const audit = await auditChainOf(store());
    expect(await services.invitations.preview(token)).toMatchObject({ problem: "expired" });
    expect(
      await services.invitations.acceptWithNewAccount(
        token,
        { name: "Late", password: "a long enough password" },
        meta,
      ),
    ).toEqual({ ok: false, problem: "expired" });
    expect(await services.invitations.acceptAsPerson(token, s.coordinator.personId, actorOf(s.coordinator))).toEqual({
      ok: false,
      problem: "expired",
    });
    expect(await services.invitations.acceptAsPerson("no-such-token", s.police.personId, actorOf(s.police))).toEqual({
      ok: false,
      problem: "not_found",
    });
    await store().transaction((tx) => tx.update(t.invitations).set({ expiresAt: new Date(Date.now() + 60_000) }));
    const [pending] = await services.invitations.listPending(s.networkId);
    expect(await services.invitations.revoke(actorOf(s.admin), s.networkId, pending.id)).toBe(true);
    expect(await services.invitations.revoke(actorOf(s.admin), s.networkId, pending.id)).toBe(false);
    expect(
      await services.invitations.acceptWithNewAccount(
        token,
        { name: "Late", password: "a long enough password" },
        meta,
      ),
    ).toEqual({ ok: false, problem: "revoked" });
    expect(await store().db.select().from(t.persons).where(eq(t.persons.email, "new@riverside.example"))).toEqual([]);
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      ...audit.map((r) => r.action),
      "invitation.revoked",
    ]);
  });

  it("an email that has an account is refused for a new account; a member is not invited twice", async () => {
    const { s, services, token } = await invite();
    const { t } = store();
    await store().transaction((tx) =>
      tx.update(t.persons).set({ email: "new@riverside.example" }).where(eq(t.persons.id, s.police.personId)),
    );
    expect(await services.accounts.emailTaken("NEW@riverside.example ")).toBe(true);
    expect(
      await services.invitations.acceptWithNewAccount(
        token,
        { name: "Twin", password: "a long enough password" },
        meta,
      ),
    ).toEqual({ ok: false, problem: "email_taken" });
    // The account behind the address is a member already: no invitation, and inserting it anyway is refused.
    expect(
      await services.invitations.create(actorOf(s.admin), s.networkId, {
        email: "new@riverside.example",
        agencyId: s.police.agencyId,
        role: "member",
        mandate: "decides",
      }),
    ).toEqual({ ok: false, error: "already_member" });
    await expect(
      store().transaction((tx) =>
        services.accounts.insertPerson(tx, { email: "New@riverside.example", name: "Twin", passwordHash: "x" }),
      ),
    ).rejects.toSatisfy((error) => store().isUniqueViolation(error));
  });

  it("a powerful role from an invitation waits for a second person when there is one", async () => {
    const { s, services, token } = await invite("admin");
    const joined = await services.invitations.acceptWithNewAccount(
      token,
      { name: "Nora", password: "a long enough password" },
      meta,
    );
    expect(joined.ok).toBe(true);
    const nora = (await services.members.list(s.networkId)).find((m) => m.name === "Nora")!;
    expect(nora.role).toBe("guest");
    expect(await services.members.pendingGrants(s.networkId)).toMatchObject([
      { personId: nora.personId, role: "admin", requestedBy: s.admin.personId },
    ]);
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      "invitation.created",
      "person.created",
      "membership.grant_requested",
      "invitation.accepted",
    ]);
  });

  it("the first run: a setup link makes the first administrator and network, once", async () => {
    const { setup, sessions, networks } = peopleServices(store());
    expect(await setup.isFresh()).toBe(true);
    const old = (await setup.issueToken())!;
    const token = (await setup.issueToken())!;
    expect(await setup.isValid(old)).toBe(false);
    expect(await setup.isValid(token)).toBe(true);
    const input = {
      name: "Ada",
      email: "Ada@Example.org",
      password: "a long enough password",
      networkName: "Northbridge",
      timeZone: "Europe/Amsterdam",
      agencyName: "Northbridge Municipality",
      agencySector: "municipality" as const,
    };
    const done = await Promise.all([setup.complete(token, input, meta), setup.complete(token, input, meta)]);
    expect(done.filter((d) => d.ok)).toHaveLength(1);
    const first = done.find((d) => d.ok)!;
    if (!first.ok) throw new Error("unreachable");
    const ada = (await sessions.lookup(first.sessionToken))!;
    expect(ada).toMatchObject({ email: "ada@example.org", isInstanceAdmin: true });
    expect(ada.memberships[first.networkId]).toMatchObject({ role: "admin" });
    expect((await networks.get(first.networkId))!.name).toBe("Northbridge");
    expect(await setup.isFresh()).toBe(false);
    expect(await setup.issueToken()).toBeNull();
    expect((await auditChainOf(store())).map((r) => r.action)).toEqual([
      "network.created",
      "agency.created",
      "setup.completed",
    ]);
  });
});
