import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { caseCode, closureFormFields, involveSectors } from "../support/planForms.ts";

const app = useTestServer();
const code = caseCode(4); // active in the seed

beforeAll(async () => {
  await involveSectors(app.services, app.net, 4, ["police", "mental_health"]);
});

const closureUrl = () => `/n/${app.net.networkId}/cases/${code}/closure`;
const answers = (answer: string) => closureFormFields(answer, { note: true });

describe("closing a case", () => {
  it("refuses a proposal with unanswered checklist items, beside the fields", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(closureUrl(), { intent: "propose", rationale: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Fill this in.");
    expect(
      (await app.services.closure.state((await app.services.caseRegister.findByCode(app.net.networkId, code))!.id))
        .length,
    ).toBe(0);
  });

  it("needs every involved agency's view and the accountable officer's sign-off; dissent stays on record", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const proposed = await coordinator.post(closureUrl(), {
      intent: "propose",
      rationale: "Goals attained; school and family carry on.",
      ...answers("yes"),
    });
    expect(proposed.status).toBe(200);

    // The chair is the accountable officer in the seed: not before every view is in.
    const chair = await app.signIn("chair@riverside.example");
    const early = await chair.post(closureUrl(), { intent: "signOff", comment: "" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Every involved agency must give its view before sign-off.");

    // A member of an uninvolved agency has no voice here (and cannot even see the case).
    const school = await app.signIn("school@riverside.example");
    expect((await school.post(closureUrl(), { intent: "view", view: "agree" })).status).toBe(404);

    const police = await app.signIn("police@riverside.example");
    expect(
      (await police.post(closureUrl(), { intent: "view", view: "agree", comment: "Nothing new on our side." })).status,
    ).toBe(200);
    // A member may not sign off.
    expect((await police.post(closureUrl(), { intent: "signOff", comment: "" })).status).toBe(403);
    const health = await app.signIn("health@riverside.example");
    expect(
      (
        await health.post(closureUrl(), {
          intent: "view",
          view: "disagree",
          comment: "Too early: therapy just started.",
        })
      ).status,
    ).toBe(200);

    const signed = await chair.post(closureUrl(), {
      intent: "signOff",
      comment: "Closing with monitoring; dissent noted.",
    });
    expect(signed.status).toBe(200);
    const c = (await app.services.caseRegister.findByCode(app.net.networkId, code))!;
    expect(c.stage).toBe("closed");
    expect(c.outcome).toBe("closed_by_decision");

    const page = await (await chair.get(closureUrl())).text();
    expect(page).toContain("Too early: therapy just started.");
    expect(page).toContain("Disagree");

    // Fade-out monitoring: four checks, the first one the next check-in.
    const checks = await app.services.caseFile.monitoringChecks(c.id);
    expect(checks).toHaveLength(4);
    expect(c.nextCheckInOn).toBe(checks[0].dueOn);
  });

  it("fade-out checks come due like check-ins and are recorded on the case file", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const c = (await app.services.caseRegister.findByCode(app.net.networkId, code))!;
    const [first, second] = await app.services.caseFile.monitoringChecks(c.id);
    const due = await (await coordinator.get(`/n/${app.net.networkId}/cases?dueBefore=${first.dueOn}`)).text();
    expect(due).toContain(code);
    const res = await coordinator.post(`/n/${app.net.networkId}/cases/${code}?index`, {
      intent: "check",
      checkId: first.id,
      note: "Doing well at college.",
    });
    expect(res.status).toBe(200);
    expect((await app.services.caseRegister.findByCode(app.net.networkId, code))!.nextCheckInOn).toBe(second.dueOn);
  });

  it("a closed case is reopened by decision, with its whole history", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(`/n/${app.net.networkId}/cases/${code}?index`, {
      intent: "move",
      to: "assessment",
      rationale: "New signal from the school.",
    });
    expect(res.status).toBe(200);
    const page = await (await coordinator.get(`/n/${app.net.networkId}/cases/${code}`)).text();
    expect(page).toContain("Reopened by decision");
    expect(page).toContain("Closed by joint decision");
    expect(page).toContain("Closure signed off by the accountable officer");
    expect((await app.services.caseRegister.findByCode(app.net.networkId, code))!.stage).toBe("assessment");
    const actions = (await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 500 })).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "closure.proposed",
        "closure.view_given",
        "closure.signed_off",
        "monitoring.check_recorded",
        "case.decision_recorded",
      ]),
    );
  });

  it("the evaluation page counts the closure and the reopening, with no case codes", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const html = await (await chair.get(`/n/${app.net.networkId}/report`)).text();
    expect(html).not.toMatch(/C-\d{4}-\d{4}/);
    const { quarters } = await app.services.evaluation.figures(app.net.networkId);
    const now = quarters.find((q) => q.closures > 0)!;
    expect(now).toMatchObject({ closures: 1, reopenings: 1 });
  });
});
