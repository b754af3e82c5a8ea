import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { caseCode } from "../support/planForms.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: assessments and a versioned action plan", () => {
  const caseUrl = () => `${app.url}/n/${app.net.networkId}/cases/${caseCode(2)}`;
  const signIn = (email: string) => chromium.signInAs(email);

  async function judge(page: Page, domain: string, judgement: string, reasoning: string) {
    const group = page.getByRole("group", { name: domain });
    await group.getByLabel("The group's judgement").selectOption({ label: judgement });
    await group.getByLabel("Reasoning").fill(reasoning);
  }

  it("a coordinator records an assessment and a repeat that shows the change", async () => {
    const page = await signIn("coordinator@riverside.example");
    const problems = watchConsole(page);
    await page.goto(`${caseUrl()}/assessments`);
    await expectAccessible(page, "assessments, none yet");
    await page.getByRole("link", { name: "Record the first assessment" }).click();
    await page
      .getByRole("group", { name: "Beliefs and rhetoric" })
      .getByLabel("Risk factors")
      .fill("Shares videos of an armed group in a class chat.");
    await judge(page, "Beliefs and rhetoric", "Medium", "Views are voiced openly, not acted on.");
    await page
      .getByRole("group", { name: "Family" })
      .getByLabel("Protective factors")
      .fill("Mother is worried and asked for help herself.");
    for (const [domain, judgement] of [
      ["Readiness to use violence", "No concern"],
      ["Social influence and networks", "Unknown"],
      ["Psychological vulnerability", "Low"],
      ["Family", "Low"],
      ["Networks and leisure", "Medium"],
      ["Education and work", "High"],
      ["Individual resilience", "Unknown"],
    ]) {
      await judge(page, domain, judgement, `What the table shared about ${domain.toLowerCase()}.`);
    }
    await expectAccessible(page, "assessment form");
    await screenshot(page, "assessment-form");
    await page.getByRole("button", { name: "Record the assessment" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("The assessment was recorded.");
    await expectAccessible(page, "first assessment");
    await screenshot(page, "assessment-first");

    await page.getByRole("link", { name: "Record a repeat assessment" }).click();
    const beliefs = page.getByRole("group", { name: "Beliefs and rhetoric" });
    // The repeat starts from the first one's answers.
    expect(await beliefs.getByLabel("Risk factors").inputValue()).toBe(
      "Shares videos of an armed group in a class chat.",
    );
    await beliefs.getByLabel("Risk factors").fill("Stopped sharing videos after talks with the mentor.");
    await judge(page, "Beliefs and rhetoric", "Low", "Has not repeated the statements for two months.");
    await page.getByRole("button", { name: "Record the assessment" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Judgement Medium → Low (less concern)");
    expect(await page.locator("main").textContent()).toContain("Changed: Risk factors, Reasoning.");
    await expectAccessible(page, "repeat assessment");
    await screenshot(page, "assessment-repeat");
    expect(problems).toEqual([]);
  });

  it("a coordinator writes a plan, saves v1, changes it into v2, and compares them; a second editor meets a conflict and loses nothing", async () => {
    const page = await signIn("coordinator@riverside.example");
    const problems = watchConsole(page);
    await page.goto(`${caseUrl()}/plan`);
    await page.waitForLoadState("networkidle");
    await expectAccessible(page, "empty plan");
    await page
      .getByLabel("Social context")
      .fill("Lives with his mother and two sisters; left vocational school in the spring.");
    const goal1 = page.getByRole("group", { name: "Goal 1" });
    await goal1.getByLabel("What should be reached").fill("Back in vocational training");
    await goal1.getByLabel("How it is measured").fill("Enrolled and attending 4 of 5 days for 6 weeks");
    await goal1.getByLabel("By when").fill("2030-09-30");
    await page.getByRole("button", { name: "Add an action" }).click();
    const action1 = page.getByRole("group", { name: "Action 1" });
    await action1.getByLabel("What will be done").fill("Intake talk with the training centre");
    await action1.getByLabel("Owning agency").selectOption({ label: "Riverside Police" });
    await action1.getByLabel("Person responsible").selectOption({ label: "Jonas Becker (Riverside Police)" });
    await action1.getByLabel("Due").fill("2030-05-20");
    await page.getByRole("group", { name: "Organisations involved" }).getByLabel("Riverside Youth Work").check();
    await page.getByLabel("Process coordinator").selectOption({ label: "Tomás Ruiz (Municipality of Riverside)" });
    await page.getByLabel("Next check-in").fill("2030-06-10");
    await expectAccessible(page, "plan form filled");
    await screenshot(page, "plan-form");
    await page.getByRole("button", { name: "Save as version 1" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Saved as version 1.");
    await screenshot(page, "plan-v1-saved");

    // The police member opens the plan now, at version 1, and starts typing.
    const police = await signIn("police@riverside.example");
    const policeProblems = watchConsole(police);
    await police.goto(`${caseUrl()}/plan`);
    await police.waitForLoadState("networkidle");
    await police.getByLabel("Social context").fill("Police note: the family moved to the east side in May.");

    // Meanwhile the coordinator makes version 2: the action is done, a second goal is added.
    await page.getByRole("group", { name: "Action 1" }).getByLabel("Status").selectOption({ label: "Done" });
    await page.getByRole("button", { name: "Add a goal" }).click();
    const goal2 = page.getByRole("group", { name: "Goal 2" });
    await goal2.getByLabel("What should be reached").fill("A mentor outside the old circle");
    await page.getByRole("button", { name: "Save as version 2" }).click();
    // SMART: no measure, no date, no save; the errors sit beside the fields.
    await expect
      .poll(() => goal2.locator(".field-error").allTextContents())
      .toEqual([
        "Say how the group will know this goal is reached.",
        "Give the date by when this goal should be reached.",
      ]);
    await expectAccessible(page, "plan form with errors");
    await screenshot(page, "plan-smart-errors");
    await goal2.getByLabel("How it is measured").fill("Meets the mentor every week for 3 months");
    await goal2.getByLabel("By when").fill("2030-12-31");
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Saved as version 2.");

    // The police member saves on top of version 1: a conflict, with their text kept.
    await police.getByRole("button", { name: "Save as version 2" }).click();
    await expect
      .poll(() => police.getByRole("alert").first().textContent())
      .toContain("Someone else saved this plan while you were editing");
    expect(await police.getByLabel("Social context").inputValue()).toBe(
      "Police note: the family moved to the east side in May.",
    );
    expect(await police.locator(".conflict").textContent()).toContain("Added Goal: A mentor outside the old circle");
    await expectAccessible(police, "plan conflict");
    await screenshot(police, "plan-conflict");
    await police.getByRole("button", { name: "Save as version 3" }).click();
    await expect.poll(() => police.getByRole("status").textContent()).toContain("Saved as version 3.");

    await page.getByRole("link", { name: "Plan versions" }).click();
    await page.waitForURL(/\/plan\/versions$/);
    await expectAccessible(page, "plan versions");
    await page.getByLabel("Compare version").selectOption("1");
    await page.getByLabel("with version").selectOption("2");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/a=1&b=2/);
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toContain("Version 1 and version 2 side by side");
    expect(await main.textContent()).toContain("Added Goal: A mentor outside the old circle");
    expect(await page.locator(".side-by-side .change-tag").allTextContents()).toEqual(
      expect.arrayContaining(["Changed", "Added"]),
    );
    await expectAccessible(page, "compare versions");
    await screenshot(page, "plan-compare");

    await page.getByRole("link", { name: "Read version 1" }).click();
    await page.waitForURL(/version=1$/);
    // The URL changes a moment before the page does: wait for the version itself.
    await page.getByRole("article", { name: "Version 1" }).waitFor();
    await expect.poll(() => page.getByRole("heading", { name: /side by side/ }).count()).toBe(0);
    expect(await main.textContent()).not.toContain("A mentor outside the old circle");
    await expectAccessible(page, "plan version 1");
    await screenshot(page, "plan-version-1");

    // A 400 (the refused save) is an answer, not a problem; the conflict is a 409.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(policeProblems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  });
});
