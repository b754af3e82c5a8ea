import { describe, expect, it } from "vitest";
import { caseCode, closureFormFields, seededCase } from "../support/planForms.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();

// Issue 9, rule 5: roles that cannot be self-granted, and an accountable officer who sees
// a case only while its closure is proposed (decision 0005).

const membership = async (email: string) =>
  (await app.services.members.list(app.net.networkId)).find((m) => m.email === email)!;
const CASE_PAGES = ["", "/closure", "/plan", "/plan.pdf", "/analysis", "/assessments"];

describe("nobody grants themselves rights (issue 9, reproduction 3)", () => {
  it("an admin cannot make themselves accountable officer, and still reads no case", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const self = await membership("admin@riverside.example");
    const res = await admin.post(`/n/${app.net.networkId}/members/${self.id}`, {
      intent: "save",
      agencyId: self.agencyId,
      role: "admin",
      mandate: "decides",
      isAccountableOfficer: "on",
    });
    expect(res.status).toBe(403);
    expect(await membership("admin@riverside.example")).toEqual(self);
    expect(await app.services.members.pendingGrants(app.net.networkId)).toEqual([]);
    for (let n = 1; n <= 5; n++) {
      for (const page of CASE_PAGES)
        expect(
          (await admin.get(`/n/${app.net.networkId}/cases/${caseCode(n)}${page}`)).status,
          `${caseCode(n)}${page}`,
        ).toBe(404);
    }
  });

  it("an admin is never accountable officer, even when someone else asks for it", async () => {
    const admin = app.net.byRole("admin");
    const asked = await app.services.members.change(
      { personId: app.net.byRole("coordinator").personId, ip: null },
      app.net.networkId,
      admin.id,
      { role: "admin", mandate: admin.mandate, agencyId: admin.agencyId, isAccountableOfficer: true },
    );
    expect(asked).toEqual({ ok: false, error: "not_eligible" });
  });

  it("a coordinator cannot promote themselves to chair and accountable officer", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const self = await membership("coordinator@riverside.example");
    expect((await coordinator.get(`/n/${app.net.networkId}/members/${self.id}`)).status).toBe(403);
    const res = await coordinator.post(`/n/${app.net.networkId}/members/${self.id}`, {
      intent: "save",
      agencyId: self.agencyId,
      role: "chair",
      mandate: "decides",
      isAccountableOfficer: "on",
    });
    expect(res.status).toBe(403);
    expect(await membership("coordinator@riverside.example")).toEqual(self);
    expect((await membership("chair@riverside.example")).isAccountableOfficer).toBe(true);
    const page = await (await coordinator.get(`/n/${app.net.networkId}/members`)).text();
    expect(page).not.toContain(`/members/${self.id}"`);
  });

  it("the accountable officer's task is refused to a role the network did not make eligible", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const police = await membership("police@riverside.example");
    const res = await admin.post(`/n/${app.net.networkId}/members/${police.id}`, {
      intent: "save",
      agencyId: police.agencyId,
      role: "member",
      mandate: "decides",
      isAccountableOfficer: "on",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(
      "Only the chair, or a role this network&#x27;s settings allow, can be accountable officer.",
    );
    expect(await membership("police@riverside.example")).toEqual(police);
  });
});

describe("an invitation as admin, chair or coordinator is a grant too", () => {
  it("the newcomer joins as a guest; the role waits until an admin or coordinator other than the inviter confirms it", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const agencyId = (await membership("police@riverside.example")).agencyId;
    const created = await coordinator.post(`/n/${app.net.networkId}/members/invite`, {
      intent: "create",
      email: "second.chair@riverside.example",
      agencyId,
      role: "chair",
      mandate: "decides",
    });
    const link = /data-testid="invite-link"[^>]*>([^<]+)</.exec(await created.text())![1];
    const joined = await app.services.invitations.acceptWithNewAccount(
      new URL(link).pathname.split("/").at(-1)!,
      { name: "Second Chair", password: "her own password" },
      { ip: "127.0.0.1", userAgent: null },
    );
    expect(joined.ok).toBe(true);
    expect((await membership("second.chair@riverside.example")).role).toBe("guest");
    const grant = (await app.services.members.pendingGrants(app.net.networkId)).find((g) => g.name === "Second Chair")!;
    expect(grant).toMatchObject({
      fromRole: "guest",
      role: "chair",
      requestedBy: app.net.byRole("coordinator").personId,
    });
    expect(
      (await coordinator.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id })).status,
    ).toBe(403);
    const admin = await app.signIn("admin@riverside.example");
    expect((await admin.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id })).status).toBe(
      302,
    );
    expect((await membership("second.chair@riverside.example")).role).toBe("chair");
  });
});

describe("a waiting grant", () => {
  it("blocks other changes to that membership until it is confirmed or cancelled; a cancelled grant changes nothing and is audited", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const health = await membership("health@riverside.example");
    const url = `/n/${app.net.networkId}/members/${health.id}`;
    expect(
      (
        await admin.post(url, { intent: "save", agencyId: health.agencyId, role: "coordinator", mandate: "decides" })
      ).headers.get("location"),
    ).toBe(`/n/${app.net.networkId}/members?requested=1`);
    const blocked = await admin.post(url, {
      intent: "save",
      agencyId: health.agencyId,
      role: "member",
      mandate: "decides",
    });
    expect(blocked.status).toBe(409);
    expect(await blocked.text()).toContain("A change for this person is waiting for confirmation.");
    const grant = (await app.services.members.pendingGrants(app.net.networkId)).find(
      (g) => g.membershipId === health.id,
    )!;
    // A member may not cancel it; the coordinator (who could confirm it) may.
    const police = await app.signIn("police@riverside.example");
    expect((await police.post(`/n/${app.net.networkId}/members`, { intent: "cancel", grantId: grant.id })).status).toBe(
      403,
    );
    const coordinator = await app.signIn("coordinator@riverside.example");
    const cancelled = await coordinator.post(`/n/${app.net.networkId}/members`, {
      intent: "cancel",
      grantId: grant.id,
    });
    expect(cancelled.headers.get("location")).toBe(`/n/${app.net.networkId}/members?cancelled=1`);
    expect(await membership("health@riverside.example")).toEqual(health);
    expect(
      (await app.services.members.pendingGrants(app.net.networkId)).find((g) => g.membershipId === health.id),
    ).toBeUndefined();
    const [entry] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1 });
    expect(entry).toMatchObject({
      action: "membership.grant_cancelled",
      actorId: app.net.byRole("coordinator").personId,
    });
    expect(
      (await coordinator.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id })).status,
    ).toBe(404);
    // Now the membership can be changed again.
    expect(
      (
        await admin.post(url, { intent: "save", agencyId: health.agencyId, role: "member", mandate: "decides" })
      ).headers.get("location"),
    ).toBe(`/n/${app.net.networkId}/members?saved=1`);
  });
});

describe("the accountable officer sees a case only while its closure is proposed (decision 0005)", () => {
  it("a member named accountable officer (eligible, asked by the admin, confirmed by the coordinator) sees an uninvolved case only while a closure is open", async () => {
    const admin = await app.signIn("admin@riverside.example");
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await admin.post(`/n/${app.net.networkId}/settings`, { intent: "officer", roles: "member" })).status).toBe(
      200,
    );
    const police = await membership("police@riverside.example");
    const asked = await admin.post(`/n/${app.net.networkId}/members/${police.id}`, {
      intent: "save",
      agencyId: police.agencyId,
      role: "member",
      mandate: "decides",
      isAccountableOfficer: "on",
    });
    expect(asked.headers.get("location")).toBe(`/n/${app.net.networkId}/members?requested=1`);
    const [grant] = await app.services.members.pendingGrants(app.net.networkId);
    expect(
      (await coordinator.post(`/n/${app.net.networkId}/members`, { intent: "confirm", grantId: grant.id })).status,
    ).toBe(302);
    expect((await membership("police@riverside.example")).isAccountableOfficer).toBe(true);
    // The task held by a member, members cannot be taken off the list.
    expect((await admin.post(`/n/${app.net.networkId}/settings`, { intent: "officer" })).status).toBe(409);

    const social = (await membership("social@riverside.example")).agencyId;
    const theCase = await seededCase(app.services, app.net.networkId, 3);
    await app.services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, theCase, [social]);
    const officer = await app.signIn("police@riverside.example");
    const caseUrl = `/n/${app.net.networkId}/cases/${caseCode(3)}`;
    expect((await officer.get(caseUrl)).status).toBe(404);
    expect((await officer.get(`${caseUrl}/closure`)).status).toBe(404);

    const checklist = closureFormFields("yes");

    expect(
      (await coordinator.post(`${caseUrl}/closure`, { intent: "propose", rationale: "Goals attained.", ...checklist }))
        .status,
    ).toBe(200);
    expect((await officer.get(caseUrl)).status).toBe(200);
    const closurePage = await officer.get(`${caseUrl}/closure`);
    expect(closurePage.status).toBe(200);
    expect(await closurePage.text()).toContain("Goals attained.");

    expect((await coordinator.post(`${caseUrl}/closure`, { intent: "withdraw" })).status).toBe(200);
    expect((await officer.get(caseUrl)).status).toBe(404);
    expect((await officer.get(`${caseUrl}/closure`)).status).toBe(404);
    expect((await officer.post(`${caseUrl}/closure`, { intent: "signOff", comment: "No." })).status).toBe(404);

    // Proposed again, social services gives its view, the officer signs off: the case file names the signer.
    expect(
      (
        await coordinator.post(`${caseUrl}/closure`, {
          intent: "propose",
          rationale: "Goals attained, again.",
          ...checklist,
        })
      ).status,
    ).toBe(200);
    const socialWorker = await app.signIn("social@riverside.example");
    expect((await socialWorker.post(`${caseUrl}/closure`, { intent: "view", view: "agree" })).status).toBe(200);
    const signed = await officer.post(`${caseUrl}/closure`, { intent: "signOff", comment: "Signed." });
    expect(signed.status).toBe(302);
    expect(signed.headers.get("location")).toBe(`/n/${app.net.networkId}/cases`);
    const file = await (await coordinator.get(caseUrl)).text();
    expect(file).toMatch(
      /Closure signed off by the accountable officer(<!-- -->)?<\/[a-z]+>\s*<span class="muted"> · (<!-- -->)?Jonas Becker/,
    );
    // Closed: no proposal is open, so the officer no longer sees the case.
    expect((await officer.get(caseUrl)).status).toBe(404);
  });
});
