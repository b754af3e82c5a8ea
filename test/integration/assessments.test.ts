import { describe, expect, it } from "vitest";
import { assessmentDomains, assessmentFormFields, caseCode, seededCase, visibleText } from "../support/planForms.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ secondTenant: true });

const url = (n: number, rest = "") => `/n/${app.net.networkId}/cases/${caseCode(n)}/assessments${rest}`;
const agencyOf = (email: string) => app.net.members.find((m) => m.email === email)!.agencyId;

const assessmentsOf = async (caseId: string) => (await app.services.assessments.list(caseId)).length;

describe("assessments", () => {
  it("a first and a repeat assessment: both kept, the repeat starts from the first and shows the change per domain", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect(visibleText(await (await coordinator.get(url(2))).text())).toContain(
      "No assessment has been recorded for this case yet.",
    );
    const blankForm = visibleText(await (await coordinator.get(url(2, "?record"))).text());
    expect(blankForm).toContain("Record the first assessment");
    expect(blankForm).toContain("Readiness to use violence");

    const first = assessmentDomains({
      beliefs_rhetoric: {
        riskFactors: "Shares videos glorifying an armed group.",
        judgement: "medium",
        reasoning: "Views are voiced openly but not acted on.",
      },
      family: {
        protectiveFactors: "Mother is worried and asks for help.",
        judgement: "low",
        reasoning: "Supportive family.",
      },
    });
    const res = await coordinator.post(url(2), assessmentFormFields("2025-03-10", first));
    expect(res.status).toBe(302);
    const firstId = new URL(res.headers.get("location")!, app.url).searchParams.get("id")!;
    const shown = visibleText(await (await coordinator.get(url(2, `?id=${firstId}&recorded=1`))).text());
    expect(shown).toContain("The assessment was recorded.");
    expect(shown).toContain("This is the first assessment of the case.");
    expect(shown).toContain("Beliefs and rhetoric Medium");
    // The group's judgement in words, never a number that looks like a prediction.
    expect(shown).not.toMatch(/score:|total:|\d+\s*(%|\/\s*\d+|points)/i);

    // The repeat form starts from the first one's answers.
    const repeatForm = await (await coordinator.get(url(2, "?record"))).text();
    expect(repeatForm).toContain("Shares videos glorifying an armed group.");
    expect(visibleText(repeatForm)).toContain("The form starts from the answers of 10 Mar 2025.");

    const repeat = assessmentDomains({
      beliefs_rhetoric: {
        riskFactors: "Stopped sharing videos; still argues the cause in class.",
        judgement: "low",
        reasoning: "Views voiced less often.",
      },
      family: {
        protectiveFactors: "Mother is worried and asks for help.",
        judgement: "low",
        reasoning: "Supportive family.",
      },
    });
    const second = await coordinator.post(url(2), assessmentFormFields("2025-06-02", repeat));
    expect(second.status).toBe(302);
    const page = visibleText(await (await coordinator.get(url(2))).text());
    expect(page).toContain("Assessment of 2 Jun 2025");
    expect(page).toContain("Changes are shown against the assessment of 10 Mar 2025.");
    expect(page).toContain("Judgement Medium → Low (less concern)");
    expect(page).toContain("Changed: Risk factors, Reasoning.");
    expect(page).toContain("No change since 10 Mar 2025.");

    // The first stays readable as it was.
    const old = visibleText(await (await coordinator.get(url(2, `?id=${firstId}`))).text());
    expect(old).toContain("Assessment of 10 Mar 2025");
    expect(old).toContain("Shares videos glorifying an armed group.");
    expect((await coordinator.get(url(2, "?id=nope"))).status).toBe(404);

    const theCase = await seededCase(app.services, app.net.networkId, 2);
    expect(await assessmentsOf(theCase.id)).toBe(2);
    expect(await auditEntries(app.services, app.net.networkId, "assessment.recorded", theCase.id)).toHaveLength(2);
  });

  it("bad input is refused beside the fields and records nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const theCase = await seededCase(app.services, app.net.networkId, 3);
    const fields = assessmentFormFields("2025-01-01", assessmentDomains());
    delete fields["domains.family.judgement"];
    delete fields["domains.family.reasoning"];
    const res = await coordinator.post(url(3), fields);
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    expect(text).toContain("Choose the group's judgement for this domain.");
    expect(text).toContain("Write down why the group came to this judgement.");

    const future = await coordinator.post(url(3), assessmentFormFields("2999-01-01", assessmentDomains()));
    expect(future.status).toBe(400);
    expect(visibleText(await future.text())).toContain("An assessment cannot be dated after today.");

    const score = await coordinator.post(url(3), {
      ...assessmentFormFields("2025-01-01", assessmentDomains()),
      "domains.family.judgement": "7",
    });
    expect(score.status).toBe(400);
    expect(await assessmentsOf(theCase.id)).toBe(0);
  });

  it("an involved member records; an uninvolved member, a guest and another network get 404", async () => {
    const theCase = await seededCase(app.services, app.net.networkId, 4);
    await app.services.caseRegister.setInvolvedAgencies(
      { personId: app.net.byRole("admin").personId, ip: null },
      theCase,
      [agencyOf("health@riverside.example")],
    );
    const health = await app.signIn("health@riverside.example");
    expect((await health.get(url(4, "?record"))).status).toBe(200);
    expect((await health.post(url(4), assessmentFormFields("2025-02-01", assessmentDomains()))).status).toBe(302);

    for (const email of ["school@riverside.example", "youth@riverside.example"]) {
      const outsider = await app.signIn(email);
      expect((await outsider.get(url(4))).status).toBe(404);
      expect((await outsider.post(url(4), assessmentFormFields("2025-02-01", assessmentDomains()))).status).toBe(404);
    }
    expect((await health.get(`/n/${app.secondTenant.networkId}/cases/${caseCode(4)}/assessments`)).status).toBe(404);
    expect(await assessmentsOf(theCase.id)).toBe(1);
  });

  it("the service records for the demo seed without HTTP, and refuses a missing or unknown domain", async () => {
    const theCase = await seededCase(app.services, app.net.networkId, 5);
    const actor = { personId: app.net.byRole("chair").personId, ip: null };
    const { assessments } = app.services;
    const { family: _dropped, ...missing } = assessmentDomains();
    expect(await assessments.record(actor, theCase, { assessedOn: "2025-01-01", domains: missing })).toEqual({
      ok: false,
      reason: "missing_domain",
      domain: "family",
    });
    expect(
      await assessments.record(actor, theCase, {
        assessedOn: "2025-01-01",
        domains: { ...assessmentDomains(), iq: assessmentDomains().family },
      }),
    ).toEqual({ ok: false, reason: "unknown_domain", domain: "iq" });
    expect(
      await assessments.record(actor, theCase, {
        assessedOn: "2025-01-01",
        domains: assessmentDomains(),
        template: "vera",
      }),
    ).toEqual({ ok: false, reason: "unknown_template" });
    const done = await assessments.record(actor, theCase, {
      assessedOn: "2025-01-01",
      domains: assessmentDomains({ family: { judgement: "high", reasoning: "Conflict at home." } }),
    });
    expect(done.ok).toBe(true);
    const latest = (await assessments.withChanges(theCase.id))!;
    expect(latest.assessment.domains.find((d) => d.key === "family")).toMatchObject({
      judgement: "high",
      reasoning: "Conflict at home.",
    });
    expect(latest.changes.every((c) => c.status === "first")).toBe(true);
  });
});
