import { beforeAll, describe, expect, it } from "vitest";
import type { PlanInput } from "../../app/contract/planContent.ts";
import { pdfInfo, pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";
import { caseCode, seededCase } from "../support/planForms.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();
const member = (email: string) => app.net.members.find((m) => m.email === email)!;
const pdfUrl = (n: number) => `/n/${app.net.networkId}/cases/${caseCode(n)}/plan.pdf`;

const downloads = () => auditEntries(app.services, app.net.networkId, "plan.downloaded");

function plan(nextCheckInOn: string): PlanInput {
  const police = member("police@riverside.example");
  return {
    socialContext: "Lives with his grandmother; left school in spring.",
    goals: [
      {
        id: "new-1",
        what: "Back in training",
        measure: "Attends 4 of 5 days for 6 weeks",
        byWhen: "2030-09-30",
        standing: "open",
      },
    ],
    actions: [
      {
        goalId: "new-1",
        what: "Intake talk with the training centre",
        ownerAgencyId: police.agencyId,
        ownerPersonId: police.personId,
        startOn: "2030-05-01",
        dueOn: "2030-05-20",
        status: "planned",
      },
    ],
    agencyIds: [police.agencyId],
    contentCoordinatorId: member("chair@riverside.example").personId,
    processCoordinatorId: member("coordinator@riverside.example").personId,
    nextCheckInOn,
  };
}

beforeAll(async () => {
  const theCase = await seededCase(app.services, app.net.networkId, 3);
  const coordinator = member("coordinator@riverside.example");
  const actor = { personId: coordinator.personId, ip: null };
  // Only the police (and the municipality, for the coordinator) are involved in case 3.
  await app.services.caseRegister.setInvolvedAgencies(actor, theCase, [member("police@riverside.example").agencyId]);
  expect(await app.services.actionPlans.save(actor, theCase, plan("2030-06-10"), 0)).toEqual({ ok: true, version: 1 });
  expect(await app.services.actionPlans.save(actor, theCase, plan("2030-07-01"), 1)).toEqual({ ok: true, version: 2 });
});

describe.skipIf(!pdfToolsAvailable)("the action plan as PDF", () => {
  it("an involved member downloads the current version, with what changed; the download is audited", async () => {
    const police = await app.signIn("police@riverside.example");
    const page = await police.get(`/n/${app.net.networkId}/cases/${caseCode(3)}/plan`);
    expect(await page.text()).toContain(`href="/n/${app.net.networkId}/cases/${caseCode(3)}/plan.pdf"`);

    const res = await police.get(pdfUrl(3));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="action-plan-${caseCode(3)}-v2.pdf"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const pdf = Buffer.from(await res.arrayBuffer());
    qpdfCheck(pdf);
    expect(pdfInfo(pdf).Title).toBe(`Action plan: case ${caseCode(3)}`);
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("Intake talk with the training centre");
    expect(text).toContain("Jonas Becker");
    expect(text).toContain("What changed since version 1");
    expect(text).toMatch(/Next check-in: 10 June 2030 → 1 July 2030/);
    // Identities never travel in a plan PDF: case code only.
    expect(text).not.toMatch(/grandmother's name|date of birth/i);

    const audited = await downloads();
    expect(audited).toHaveLength(1);
    expect(audited[0].actorId).toBe(member("police@riverside.example").personId);
    expect(JSON.parse(audited[0].details)).toMatchObject({ code: caseCode(3), version: 2 });
  });

  it("an uninvolved member, a guest and a visitor who is not signed in get nothing, and nothing is audited as a download", async () => {
    const before = (await downloads()).length;
    for (const email of ["school@riverside.example", "health@riverside.example", "youth@riverside.example"]) {
      const outsider = await app.signIn(email);
      const res = await outsider.get(pdfUrl(3));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).not.toBe("application/pdf");
    }
    const anonymous = await fetch(new URL(pdfUrl(3), app.url), { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in\?next=/);
    const police = await app.signIn("police@riverside.example");
    // A case without a plan: 404, not an empty PDF.
    const theCase = await seededCase(app.services, app.net.networkId, 1);
    await app.services.caseRegister.setInvolvedAgencies(
      { personId: member("coordinator@riverside.example").personId, ip: null },
      theCase,
      [member("police@riverside.example").agencyId],
    );
    expect((await police.get(pdfUrl(1))).status).toBe(404);
    expect((await downloads()).length).toBe(before);
  });
  it("carries the network's own marking on every page once the coordinator sets it", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const bad = await coordinator.post(`/n/${app.net.networkId}/settings`, {
      gradingScale: "admiralty",
      classification: "<script>",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Use letters, digits, spaces and hyphens only.");
    const saved = await coordinator.post(`/n/${app.net.networkId}/settings`, {
      gradingScale: "admiralty",
      classification: "official-sensitive",
    });
    expect(saved.status).toBe(200);
    expect((await app.services.networks.get(app.net.networkId))!.classification).toBe("OFFICIAL-SENSITIVE");

    const police = await app.signIn("police@riverside.example");
    const pdf = Buffer.from(await (await police.get(pdfUrl(3))).arrayBuffer());
    const pages = pdfText(pdf)
      .split("\f")
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page).toContain("OFFICIAL-SENSITIVE");
      expect(page).not.toContain("RESTRICTED");
    }
    // Empty again: back to the template's default.
    await coordinator.post(`/n/${app.net.networkId}/settings`, { gradingScale: "admiralty", classification: "" });
    expect((await app.services.networks.get(app.net.networkId))!.classification).toBeNull();
  });
});
