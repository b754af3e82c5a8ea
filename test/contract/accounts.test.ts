import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SessionEndReason } from "../../app/contract/sessionStatus.ts";
import { createSignInLimit, THROTTLE } from "../../server/auth/signInLimit.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { auditChainOf, peopleServices, seedPeople } from "../support/peopleServices.ts";

// Accounts and sign-in limits on the Store (decisions 0040, 0044): the counts live in the
// database every node uses. The same tests on SQLite and PostgreSQL. Pages:
// test/integration/signIn.test.ts, signInThrottle.test.ts, secondFactor.test.ts.

const PASSWORD = "a long enough password";
const meta = { ip: "10.0.0.7", userAgent: "vitest" };

describe.each(await dialectsUnderTest())("accounts on %s", (dialect) => {
  const store = useFreshStore(dialect);

  async function withPassword() {
    const s = await seedPeople(store(), { police: "member" });
    const services = peopleServices(store());
    const passwordHash = await services.accounts.hashPassword(PASSWORD);
    const { t } = store();
    await store().transaction((tx) =>
      tx.update(t.persons).set({ passwordHash }).where(eq(t.persons.id, s.police.personId)),
    );
    return { s, services, email: "police@riverside.example" };
  }

  it("signs in with the right password and audits it; a wrong one is refused and audited without the email", async () => {
    const { s, services, email } = await withPassword();
    const signedIn = await services.accounts.signIn(" Police@Riverside.example", PASSWORD, meta);
    expect(signedIn).toMatchObject({ ok: true, personId: s.police.personId, stage: "signed_in" });
    if (!signedIn.ok) throw new Error("unreachable");
    expect(await services.sessions.lookup(signedIn.token)).toMatchObject({ personId: s.police.personId });
    expect(await services.accounts.signIn(email, "wrong password", meta)).toEqual({ ok: false, reason: "invalid" });
    expect(await services.accounts.signIn("nobody@riverside.example", PASSWORD, meta)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const audit = await auditChainOf(store());
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([
      ["auth.signed_in", s.police.personId],
      ["auth.sign_in_failed", s.police.personId],
      ["auth.sign_in_failed", null],
    ]);
    expect(audit.map((r) => r.details).join()).not.toContain("riverside");
  });

  it("a role that needs a second factor opens only enrolment, and enrolment's end is a new full session", async () => {
    const { s, services, email } = await withPassword();
    await services.secondFactor.setRoles({ personId: s.admin.personId, ip: null }, s.networkId, ["member"]);
    const signedIn = await services.accounts.signIn(email, PASSWORD, meta);
    expect(signedIn).toMatchObject({ ok: true, stage: "enrol" });
    if (!signedIn.ok) throw new Error("unreachable");
    expect(await services.sessions.lookup(signedIn.token)).toBeNull();
    const pending = (await services.sessions.lookupPending(signedIn.token))!;
    const full = await services.accounts.completeSignIn(pending, meta, "enrolment");
    expect(await services.sessions.lookupPending(signedIn.token)).toBeNull();
    expect(await services.sessions.lookup(full)).toMatchObject({ personId: s.police.personId });
  });

  it("changing the password ends the person's other sessions, and only after the commit are they cut", async () => {
    const { s, services, email } = await withPassword();
    const cut: [string, string[], SessionEndReason][] = [];
    services.sessions.onRevoked((...args) => cut.push(args));
    const here = await services.accounts.signIn(email, PASSWORD, meta);
    const elsewhere = await services.accounts.signIn(email, PASSWORD, meta);
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    const me = (await services.sessions.lookup(here.token))!;
    const actor = { personId: s.police.personId, ip: meta.ip };
    expect(await services.accounts.changePassword(actor, me.sessionId, "wrong", "another long password")).toEqual({
      ok: false,
      reason: "wrong_current",
    });
    expect(await services.accounts.changePassword(actor, me.sessionId, PASSWORD, "another long password")).toEqual({
      ok: true,
    });
    expect(await services.sessions.lookup(here.token)).not.toBeNull();
    expect(await services.sessions.lookup(elsewhere.token)).toBeNull();
    expect(cut).toEqual([[s.police.personId, [expect.any(String)], "password_changed"]]);
    expect((await services.accounts.signIn(email, "another long password", meta)).ok).toBe(true);
    await services.accounts.signOut(actor, me.sessionId);
    expect(await services.sessions.lookup(here.token)).toBeNull();
  });

  it("a duplicate email is refused by the database, whatever its case", async () => {
    const { services } = await withPassword();
    await expect(
      store().transaction((tx) =>
        services.accounts.insertPerson(tx, { email: "POLICE@riverside.example", name: "Twin", passwordHash: "x" }),
      ),
    ).rejects.toSatisfy((error) => store().isUniqueViolation(error));
    expect(await services.accounts.emailTaken("Police@Riverside.example")).toBe(true);
    expect(await services.accounts.emailTaken("someone@riverside.example")).toBe(false);
  });

  it("sign-in limits: failures past the free ones make the pair wait, a success clears it, old counts are forgotten", async () => {
    const limit = createSignInLimit(store());
    const email = "police@riverside.example";
    for (let i = 0; i < THROTTLE.pair.free; i++) await limit.recordFailure(email, "10.0.0.1");
    expect(await limit.check(email, "10.0.0.1")).toEqual({ allowed: true });
    await limit.recordFailure(email, "10.0.0.1");
    expect(await limit.check(email, "10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    await limit.recordFailure(email, "10.0.0.1");
    expect(await limit.check(email, "10.0.0.1")).toEqual({ allowed: false, retryAfterSeconds: 4 });
    // Another address, or another account from here: not held back.
    expect(await limit.check(email, "10.0.0.2")).toEqual({ allowed: true });
    expect(await limit.check("school@riverside.example", "10.0.0.1")).toEqual({ allowed: true });
    // A second limiter on the same database (another node) sees the same counts.
    expect(await createSignInLimit(store()).check(email, "10.0.0.1")).toEqual({
      allowed: false,
      retryAfterSeconds: 4,
    });
    await limit.recordSuccess(email, "10.0.0.1");
    expect(await limit.check(email, "10.0.0.1")).toEqual({ allowed: true });
    const { t } = store();
    const rows = await store().db.select().from(t.signInThrottle);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.key).join()).not.toContain("riverside");
    await store().transaction((tx) => tx.update(t.signInThrottle).set({ expire: Date.now() - 1_000 }));
    await limit.forgetOld();
    expect(await store().db.select().from(t.signInThrottle)).toEqual([]);
  });

  it("a burst of wrong passwords counts every one", async () => {
    const limit = createSignInLimit(store());
    const email = "police@riverside.example";
    await Promise.all(Array.from({ length: THROTTLE.pair.free + 3 }, () => limit.recordFailure(email, "10.0.0.3")));
    expect((await limit.check(email, "10.0.0.3")).allowed).toBe(false);
    // The next one is the seventh: its wait doubles from there.
    await limit.recordFailure(email, "10.0.0.3");
    expect(await limit.check(email, "10.0.0.3")).toEqual({ allowed: false, retryAfterSeconds: 16 });
  });
});
