import type { Page } from "playwright-core";
import { meetings } from "../../db/schema/index.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { caseCode, involveSectors } from "../support/planForms.ts";
import { sqliteOf } from "../support/server.ts";

// Issue 14, rule 2, in the browser: a chair and two members on their own screens; each
// view appears on the others' screens as it is given, and the conclusion too.

const app = useTestServer();
const chromium = useBrowser(app);
const code = caseCode(3);
const PHONE = { width: 390, height: 844 };

const rowOf = (page: Page, agency: string) => page.locator(`tr[data-agency="${agency}"]`);

describe.skipIf(!chromium.available)("in the browser: a decision in writing", () => {
  beforeAll(async () => {
    await involveSectors(app.services, app.net, 3, ["police", "education"]);
  });

  it("goes from proposal to decision across three screens, live", async () => {
    const chair = await chromium.signInAs("chair@riverside.example");
    const problems = watchConsole(chair);
    await chair.getByRole("link", { name: "Decided in writing" }).click();
    await chair.getByRole("link", { name: "Put a decision in writing" }).click();
    await chair.getByLabel("Case").selectOption(code);
    await chair.getByRole("button", { name: "Continue" }).click();
    await chair.getByLabel("Why it cannot wait").selectOption({ label: "Minor at risk" });
    await chair.getByLabel("Proposed decision").selectOption({ label: "Escalate" });
    await chair
      .getByLabel("Rationale")
      .fill("New statements online this week; the school asks for support before the holidays.");
    await expectAccessible(chair, "put a decision in writing");
    await screenshot(chair, "written-new");
    await chair.getByRole("button", { name: "Send to the involved agencies" }).click();
    await expect.poll(() => chair.getByRole("heading", { level: 1 }).textContent()).toContain(code);
    const url = chair.url();

    const police = await chromium.signInAs("police@riverside.example");
    const school = await chromium.signInAs("school@riverside.example", PHONE);
    await police.goto(url);
    await school.goto(url);
    await expectAccessible(police, "a decision in writing, asked");
    await expect.poll(() => rowOf(chair, "Riverside Police").textContent()).toContain("No answer yet");

    await police.getByRole("radio", { name: "Agree", exact: true }).check();
    await police.getByLabel("Reason").fill("Police support escalation.");
    await police.getByRole("button", { name: "Give the view" }).click();
    // Live on the other two screens, without reloading them.
    await expect.poll(() => rowOf(chair, "Riverside Police").textContent()).toContain("Police support escalation.");
    await expect.poll(() => rowOf(school, "Riverside Police").textContent()).toContain("Agree");

    await school.getByRole("radio", { name: "Disagree", exact: true }).check();
    await school.getByLabel("Reason").fill("The school wants one more week with the family first.");
    await school.getByRole("button", { name: "Give the view" }).click();
    await expect.poll(() => rowOf(chair, "Riverside Schools Service").textContent()).toContain("one more week");
    await expect.poll(() => rowOf(police, "Riverside Schools Service").textContent()).toContain("Disagree");
    await screenshot(chair, "written-views-live");
    await screenshot(school, "written-phone");

    await chair.getByRole("radio", { name: "Adopted", exact: true }).check();
    await chair
      .getByLabel("Note for the record (optional)")
      .fill("Adopted; the school's concern is taken into the plan.");
    await expectAccessible(chair, "conclude a decision in writing");
    await chair.getByRole("button", { name: "Record the outcome" }).click();
    await expect.poll(() => chair.getByText("The decision is in the case register.").count()).toBe(1);
    await expect.poll(() => police.getByRole("heading", { level: 1 }).textContent()).toContain("Adopted");
    await expect.poll(() => school.getByRole("button", { name: "Give the view" }).count()).toBe(0);
    await screenshot(chair, "written-concluded");
    await screenshot(police, "written-concluded-member");
    expect(problems).toEqual([]);

    // The next meeting's agenda lists it.
    const next = sqliteOf(app.services)
      .db.select()
      .from(meetings)
      .all()
      .find((m) => m.status === "scheduled")!;
    await chair.goto(`${app.url}/n/${app.net.networkId}/meetings/${next.id}/agenda`);
    await expect.poll(() => chair.locator("main").textContent()).toContain(`Decided between meetings ${code}`);
    await screenshot(chair, "written-next-agenda");
  });
});
