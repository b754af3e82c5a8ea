import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { dayAfter } from "../../app/contract/time.ts";

const app = useTestServer();

let code: string;
const year = new Date().getFullYear();

beforeAll(async () => {
  const { caseRegister, database } = app.services;
  const admin = { personId: app.net.byRole("coordinator").personId, ip: "127.0.0.1" };
  const police = app.net.members.find((m) => m.agencySector === "police")!;
  // A fresh case with an identity, with the police involved.
  const opened = await database.store.transaction((tx) =>
    caseRegister.openCase(tx, admin, {
      networkId: app.net.networkId,
      summary: "Concern raised by a teacher.",
      subject: { name: "Jan Kowalczyk", dateOfBirth: "2010-05-04", address: "1 Quay Street", contacts: null },
    }),
  );
  code = opened.code;
  await caseRegister.setInvolvedAgencies(admin, (await caseRegister.findByCode(app.net.networkId, code))!, [
    police.agencyId,
  ]);
});

const url = (path = "") => `/n/${app.net.networkId}/cases/${code}${path}`;

describe("the case file", () => {
  it("gives the case a code at once and flags a minor", async () => {
    expect(code).toMatch(new RegExp(`^C-${year}-\\d{4}$`));
    const c = (await app.services.caseRegister.findByCode(app.net.networkId, code))!;
    expect(c.isMinor).toBe(true);
    expect(c.stage).toBe("signal");
  });

  it("shows the identity only when asked, to those who need it, and audits every look", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const page = await (await chair.get(url())).text();
    expect(page).toContain(code);
    expect(page).not.toContain("Jan Kowalczyk");
    const before = (await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 500 })).filter(
      (r) => r.action === "case.identity_viewed",
    ).length;
    const shown = await (await chair.get(url("?identity=show"))).text();
    expect(shown).toContain("Jan Kowalczyk");
    const after = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 500 });
    expect(after.filter((r) => r.action === "case.identity_viewed").length).toBe(before + 1);
    expect(after[0]).toMatchObject({ action: "case.identity_viewed", actorId: app.net.byRole("chair").personId });

    const police = await app.signIn("police@riverside.example");
    expect(await (await police.get(url("?identity=show"))).text()).toContain("Jan Kowalczyk");
  });

  it("is not there for a member of an uninvolved agency, a guest, or another network", async () => {
    for (const email of ["school@riverside.example", "youth@riverside.example", "admin@riverside.example"]) {
      const visitor = await app.signIn(email);
      for (const path of ["", "?identity=show", "/closure", "/analysis", "/plan"]) {
        const res = await visitor.get(url(path));
        expect(res.status, `${email} ${path}`).toBe(404);
        expect(await res.text()).not.toContain("Jan Kowalczyk");
      }
    }
  });

  it("an involved member sees the case but cannot move it or change the identity", async () => {
    const police = await app.signIn("police@riverside.example");
    expect((await police.get(url())).status).toBe(200);
    expect((await police.post(url("?index"), { intent: "move", to: "assessment", rationale: "x" })).status).toBe(403);
    expect((await police.post(url("?index"), { intent: "identity", name: "Someone Else" })).status).toBe(403);
  });

  it("refuses an illegal move with a message that says why, and changes nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const active = `C-${year}-0003`;
    const res = await coordinator.post(`/n/${app.net.networkId}/cases/${active}?index`, {
      intent: "move",
      to: "closed",
      rationale: "Tired of it.",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("That move is not allowed");
    expect((await app.services.caseRegister.findByCode(app.net.networkId, active))!.stage).toBe("active");
    const empty = await coordinator.post(`/n/${app.net.networkId}/cases/${active}?index`, {
      intent: "move",
      to: "monitoring",
      rationale: "",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Fill this in.");
  });

  it("a stage move is a decision with who, when and why, shown in the history", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const active = `C-${year}-0003`;
    const res = await coordinator.post(`/n/${app.net.networkId}/cases/${active}?index`, {
      intent: "move",
      to: "monitoring",
      rationale: "Actions done; watching for three months.",
    });
    expect(res.status).toBe(200);
    const page = await (await coordinator.get(`/n/${app.net.networkId}/cases/${active}`)).text();
    expect(page).toContain("Decision: moved to monitoring");
    expect(page).toContain("Actions done; watching for three months.");
    expect(page).toContain("Tomás Ruiz");
  });

  it("saving an identity with a date of birth re-checks the minor flag, and is audited", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(url("?index"), {
      intent: "identity",
      name: "Jan Kowalczyk",
      dateOfBirth: "1990-05-04",
      address: "",
      contacts: "",
    });
    expect(res.status).toBe(200);
    expect((await app.services.caseRegister.findByCode(app.net.networkId, code))!.isMinor).toBe(false);
    const bad = await coordinator.post(url("?index"), { intent: "identity", name: "", dateOfBirth: "04/05/1990" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Fill this in.");
    expect(html).toContain("Enter a date as YYYY-MM-DD.");
  });
});

describe("the register", () => {
  it("lists every case for the chair, and only involved cases for a member", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const all = await (await chair.get(`/n/${app.net.networkId}/cases`)).text();
    for (let i = 1; i <= 6; i++) expect(all).toContain(`C-${year}-000${i}`);
    const police = await app.signIn("police@riverside.example");
    const mine = await (await police.get(`/n/${app.net.networkId}/cases`)).text();
    expect(mine).toContain(code);
    expect(mine).not.toContain(`C-${year}-0001`);
    expect((await (await app.signIn("youth@riverside.example")).get(`/n/${app.net.networkId}/cases`)).status).toBe(403);
  });

  it("filters by stage, check-in date, agency and code", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const list = async (q: string) =>
      [...(await (await chair.get(`/n/${app.net.networkId}/cases?${q}`)).text()).matchAll(/>(C-\d{4}-\d{4})</g)].map(
        (m) => m[1],
      );
    expect(await list("stage=active")).toEqual([`C-${year}-0004`]);
    expect(await list(`code=${code.slice(-4)}`)).toEqual([code]);
    const police = app.net.members.find((m) => m.agencySector === "police")!;
    expect(await list(`agencyId=${police.agencyId}`)).toEqual([code]);
    const soon = dayAfter(10);
    expect(await list(`dueBefore=${soon}`)).toEqual([`C-${year}-0002`, `C-${year}-0004`]);
  });
});
