import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { caseCode, involveSectors } from "../support/planForms.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: a case to closure with sign-off", () => {
  const code = caseCode(4);

  beforeAll(async () => {
    await involveSectors(app.services, app.net, 4, ["police", "mental_health"]);
  });

  const signIn = (email: string) => chromium.signInAs(email);

  it("proposes, gathers every agency's view, signs off, and schedules fade-out checks", async () => {
    const coordinator = await signIn("coordinator@riverside.example");
    const problems = watchConsole(coordinator);
    await coordinator.getByRole("link", { name: "Cases", exact: true }).click();
    await expectAccessible(coordinator, "case register");
    await screenshot(coordinator, "cases");
    await coordinator.getByRole("link", { name: code }).click();
    await expect.poll(() => coordinator.getByRole("heading", { level: 1 }).textContent()).toContain(code);
    await expectAccessible(coordinator, "case file");
    await screenshot(coordinator, "case-file");

    await coordinator.getByRole("link", { name: "Closure" }).click();
    await coordinator.getByRole("button", { name: "Propose closure" }).waitFor();
    const answers = coordinator.getByLabel("Answer");
    for (let i = 0; i < (await answers.count()); i++)
      await answers.nth(i).selectOption({ label: i === 6 ? "No" : "Yes" });
    await coordinator
      .getByLabel("Which goals, and how do we know?")
      .fill("Back in training since September; attendance 95%.");
    await coordinator.getByLabel("Why close now").fill("Goals attained; regular youth work carries on.");
    await expectAccessible(coordinator, "closure proposal");
    await coordinator.getByRole("button", { name: "Propose closure" }).click();
    await expect
      .poll(() => coordinator.getByRole("status").first().textContent())
      .toContain("The closure was proposed");
    await screenshot(coordinator, "closure-proposed");

    const police = await signIn("police@riverside.example");
    await police.goto(`${app.url}/n/${app.net.networkId}/cases/${code}/closure`);
    await police.getByLabel("View", { exact: true }).selectOption({ label: "Agree" });
    await police.getByRole("button", { name: "Give our view" }).click();
    await expect
      .poll(() => police.getByRole("status").first().textContent())
      .toContain("Your agency's view was recorded.");

    const health = await signIn("health@riverside.example");
    await health.goto(`${app.url}/n/${app.net.networkId}/cases/${code}/closure`);
    await health.getByLabel("View", { exact: true }).selectOption({ label: "Disagree" });
    await health.getByLabel("Comment", { exact: true }).fill("Too early: therapy has just begun.");
    await health.getByRole("button", { name: "Give our view" }).click();
    await expect
      .poll(() => health.getByRole("status").first().textContent())
      .toContain("Your agency's view was recorded.");

    const chair = await signIn("chair@riverside.example");
    await chair.goto(`${app.url}/n/${app.net.networkId}/cases/${code}/closure`);
    await expectAccessible(chair, "sign-off");
    await screenshot(chair, "closure-sign-off");
    await chair.getByLabel("Comment with your sign-off").fill("Closed with fade-out monitoring; the dissent is noted.");
    await chair.getByRole("button", { name: "Sign off and close the case" }).click();
    await expect.poll(() => chair.getByRole("status").first().textContent()).toContain("The case is closed.");
    await chair.getByRole("link", { name: "Case file" }).click();
    await expect.poll(() => chair.locator(".case-heading").textContent()).toContain("Closed");
    await expect.poll(() => chair.getByRole("heading", { name: "Fade-out monitoring" }).count()).toBe(1);
    await screenshot(chair, "case-file-closed");
    await chair.getByRole("link", { name: "Evaluation" }).click();
    await expectAccessible(chair, "evaluation");
    await screenshot(chair, "report");
    expect(problems.filter((p) => !/status of (400|404|409)/.test(p))).toEqual([]);
  });
});
