import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ secondTenant: true });

const inviteLink = (html: string) => /data-testid="invite-link"[^>]*>([^<]+)</.exec(html)?.[1];

describe("invitations", () => {
  it("a coordinator invites; the link creates the account, fixes network, agency and role, and works once", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const police = app.net.members.find((m) => m.agencySector === "police")!;
    const res = await coordinator.post(`/n/${app.net.networkId}/members/invite`, {
      intent: "create",
      email: "new.officer@riverside.example",
      agencyId: police.agencyId,
      role: "member",
      mandate: "reports_back",
    });
    expect(res.status).toBe(200);
    const link = inviteLink(await res.text())!;
    expect(link).toMatch(/\/invite\/[\w-]+$/);
    const path = new URL(link).pathname;

    const page = await fetch(`${app.url}${path}`);
    expect(await page.text()).toContain("for Riverside Police, as Member");

    const newcomer = new Visitor(app.url);
    const accepted = await newcomer.post(path, {
      name: "Nadia Officer",
      password: "her own password",
      confirm: "her own password",
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe(`/n/${app.net.networkId}`);
    const member = (await app.services.members.list(app.net.networkId)).find(
      (m) => m.email === "new.officer@riverside.example",
    )!;
    expect(member).toMatchObject({
      name: "Nadia Officer",
      role: "member",
      mandate: "reports_back",
      agencyId: police.agencyId,
    });

    const reuse = await new Visitor(app.url).post(path, {
      name: "Someone Else",
      password: "another password!",
      confirm: "another password!",
    });
    expect(reuse.status).toBe(410);
    expect(await reuse.text()).toContain("This invitation has been used already.");
  });

  it("an expired or revoked invitation cannot be used", async () => {
    const admin = { personId: app.net.byRole("admin").personId, ip: null };
    const agencyId = app.net.byRole("admin").agencyId;
    const revoked = await app.services.invitations.create(admin, app.net.networkId, {
      email: "r@riverside.example",
      agencyId,
      role: "member",
      mandate: "decides",
    });
    if (!revoked.ok) throw new Error("setup");
    const pending = await app.services.invitations.listPending(app.net.networkId);
    await app.services.invitations.revoke(
      admin,
      app.net.networkId,
      pending.find((p) => p.email === "r@riverside.example")!.id,
    );
    const res = await new Visitor(app.url).post(`/invite/${revoked.token}`, {
      name: "R",
      password: "long enough pass",
      confirm: "long enough pass",
    });
    expect(res.status).toBe(410);

    const expired = await app.services.invitations.create(admin, app.net.networkId, {
      email: "e@riverside.example",
      agencyId,
      role: "member",
      mandate: "decides",
    });
    if (!expired.ok) throw new Error("setup");
    const { store } = app.services.database;
    const { invitations } = store.t;
    await store.transaction((tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.email, "e@riverside.example")),
    );
    const page = await fetch(`${app.url}/invite/${expired.token}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This invitation has expired.");
  });

  it("a coordinator cannot invite an administrator; a member cannot invite at all", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(`/n/${app.net.networkId}/members/invite`, {
      intent: "create",
      email: "boss@riverside.example",
      agencyId: app.net.byRole("admin").agencyId,
      role: "admin",
      mandate: "decides",
    });
    expect(res.status).toBe(403);
    const member = await app.signIn("school@riverside.example");
    expect((await member.get(`/n/${app.net.networkId}/members/invite`)).status).toBe(403);
    expect(
      (
        await member.post(`/n/${app.net.networkId}/members/invite`, {
          intent: "create",
          email: "x@riverside.example",
          agencyId: "a",
          role: "member",
          mandate: "decides",
        })
      ).status,
    ).toBe(403);
  });

  it("bad input shows field errors and creates nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const before = (await app.services.invitations.listPending(app.net.networkId)).length;
    const res = await coordinator.post(`/n/${app.net.networkId}/members/invite`, {
      intent: "create",
      email: "nope",
      agencyId: "",
      role: "emperor",
      mandate: "decides",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect((await app.services.invitations.listPending(app.net.networkId)).length).toBe(before);
  });
});

describe("roles and removal", () => {
  it("an admin asks to make a member chair and accountable officer; it applies only when a coordinator confirms; both are audited", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const target = app.net.members.find((m) => m.email === "school@riverside.example")!;
    const res = await admin.post(`/n/${app.net.networkId}/members/${target.id}`, {
      intent: "save",
      agencyId: target.agencyId,
      role: "chair",
      mandate: "decides",
      isAccountableOfficer: "on",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/n/${app.net.networkId}/members?requested=1`);
    const officer = async () =>
      (await app.services.members.list(app.net.networkId))
        .filter((m) => m.isAccountableOfficer)
        .map((m) => `${m.email} ${m.role}`);
    expect(await officer()).toEqual(["chair@riverside.example chair"]);
    expect((await app.services.members.get(app.net.networkId, target.id))!.role).toBe("member");
    const [asked] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1 });
    expect(asked.action).toBe("membership.grant_requested");

    // The one who asked cannot confirm it; the members page shows it waiting, to everyone.
    const [grant] = await app.services.members.pendingGrants(app.net.networkId);
    const own = await admin.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("A second administrator or coordinator must confirm what you asked for.");
    const police = await app.signIn("police@riverside.example");
    const page = await (await police.get(`/n/${app.net.networkId}/members`)).text();
    expect(page).toContain("Waiting for a second confirmation");
    expect(page).toContain("Member → Chair, accountable officer");
    expect(page).not.toContain(`value="confirm"`);
    expect(
      (await police.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id })).status,
    ).toBe(403);
    expect((await app.services.members.get(app.net.networkId, target.id))!.role).toBe("member");

    const coordinator = await app.signIn("coordinator@riverside.example");
    const confirmed = await coordinator.post(`/n/${app.net.networkId}/members`, {
      intent: "confirm",
      grantId: grant.id,
    });
    expect(confirmed.status).toBe(302);
    expect(await officer()).toEqual(["school@riverside.example chair"]);
    const [confirmEntry, changeEntry] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 2 });
    expect(confirmEntry.action).toBe("membership.grant_confirmed");
    expect(confirmEntry.actorId).toBe(app.net.byRole("coordinator").personId);
    expect(JSON.parse(confirmEntry.details)).toMatchObject({ requestedBy: app.net.byRole("admin").personId });
    expect(changeEntry.action).toBe("membership.changed");
    expect(JSON.parse(changeEntry.details)).toMatchObject({
      before: { role: "member" },
      after: { role: "chair", isAccountableOfficer: true },
    });
    expect(await app.services.members.pendingGrants(app.net.networkId)).toEqual([]);
  });

  it("a coordinator may not open or change an administrator's membership", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const admin = app.net.byRole("admin");
    expect((await coordinator.get(`/n/${app.net.networkId}/members/${admin.id}`)).status).toBe(403);
    const res = await coordinator.post(`/n/${app.net.networkId}/members/${admin.id}`, { intent: "remove" });
    expect(res.status).toBe(403);
    const list = await (await coordinator.get(`/n/${app.net.networkId}/members`)).text();
    expect(list).not.toContain(`/members/${admin.id}"`);
    expect(list).toContain(`/members/${app.net.byRole("chair").id}"`);
  });

  it("nobody changes their own membership; the last administrator cannot be demoted", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const self = app.net.byRole("admin");
    expect((await admin.get(`/n/${app.net.networkId}/members/${self.id}`)).status).toBe(403);
    const res = await admin.post(`/n/${app.net.networkId}/members/${self.id}`, {
      intent: "save",
      agencyId: self.agencyId,
      role: "member",
      mandate: "decides",
    });
    expect(res.status).toBe(403);
    expect((await admin.get(`/n/${app.net.networkId}/members`)).status).toBe(200);
    const demoted = await app.services.members.change(
      { personId: app.net.byRole("coordinator").personId, ip: null },
      app.net.networkId,
      self.id,
      { role: "member", mandate: "decides", agencyId: self.agencyId, isAccountableOfficer: false },
    );
    expect(demoted).toEqual({ ok: false, error: "last_admin" });
    expect((await app.services.members.list(app.net.networkId)).find((m) => m.id === self.id)!.role).toBe("admin");
  });

  it("removing a member ends their sessions at once", async () => {
    const youth = await app.signIn("youth@riverside.example");
    expect((await youth.get("/account")).status).toBe(200);
    const coordinator = await app.signIn("coordinator@riverside.example");
    const target = app.net.members.find((m) => m.email === "youth@riverside.example")!;
    const res = await coordinator.post(`/n/${app.net.networkId}/members/${target.id}`, { intent: "remove" });
    expect(res.status).toBe(302);
    expect((await youth.get("/account")).status).toBe(302);
    // They can still sign in (the account exists) but see no network.
    const again = await app.signIn("youth@riverside.example");
    expect((await again.get(`/n/${app.net.networkId}`)).status).toBe(404);
  });
});

describe("another network's data", () => {
  it("is 404 for people outside it, never data", async () => {
    const police = await app.signIn("police@riverside.example");
    for (const path of ["", "/members", "/agencies", "/audit", "/members/invite"]) {
      const res = await police.get(`/n/${app.secondTenant.networkId}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Eastport");
    }
    const post = await police.post(`/n/${app.secondTenant.networkId}/agencies`, { name: "Sneaky", sector: "other" });
    expect(post.status).toBe(404);
    expect((await app.services.networks.listAgencies(app.secondTenant.networkId)).map((a) => a.name)).toEqual([
      "Eastport Police",
    ]);
  });

  it("its members do not see each other's networks in their list", async () => {
    const police = await app.signIn("police@riverside.example");
    const res = await police.get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/n/${app.net.networkId}`);
  });

  it("the audit log is for admins only and is filtered by person", async () => {
    const chair = await app.signIn("chair@riverside.example");
    expect((await chair.get(`/n/${app.net.networkId}/audit`)).status).toBe(403);
    const admin = await app.signIn("admin@riverside.example", PASSWORD);
    const coordinatorId = app.net.byRole("coordinator").personId;
    const res = await admin.get(`/n/${app.net.networkId}/audit?person=${coordinatorId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Invited someone");
    expect(html).not.toContain("Set up Casetable");
    const future = await admin.get(`/n/${app.net.networkId}/audit?from=2999-01-01`);
    expect(await future.text()).toContain("No entries match.");
  });
});
