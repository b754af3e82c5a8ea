import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { dayAfter } from "../../app/contract/time.ts";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Rule 7 of issue 11, in the browser: the goal picker of a task in the room starts at the
// item's current goal (the first still open, not goal 1), the chair or a proposing member
// picks another, and the new plan version holds each task under the goal picked.
describe.skipIf(!chromium.available)("in the browser: the goal a task serves", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let caseId: string;
  let code: string;
  let chair: Page;
  let police: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    await prepared.involvePolice();
    caseId = (await prepared.firstCheckIn()).caseId!;
    const theCase = (await app.services.caseRegister.get(caseId))!;
    code = theCase.code;
    const latest = await app.services.actionPlans.draft(caseId);
    const police = prepared.member("police@riverside.example");
    const saved = await app.services.actionPlans.save(
      { personId: prepared.member("coordinator@riverside.example").personId, ip: null },
      theCase,
      {
        socialContext: "Lives with her mother; plays football.",
        goals: [
          { id: "g-a", what: "Stable housing", measure: "A lease signed", byWhen: "2030-01-31", standing: "attained" },
          {
            id: "g-b",
            what: "Back at school",
            measure: "4 of 5 days for 6 weeks",
            byWhen: "2030-06-30",
            standing: "open",
          },
        ],
        actions: [],
        agencyIds: [police.agencyId],
        nextCheckInOn: dayAfter(20),
      },
      latest?.version ?? 0,
    );
    expect(saved).toMatchObject({ ok: true });
  });

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  async function enter(email: string) {
    const page = await chromium.signInAs(email, { width: 1366, height: 768 });
    problems.push(...watchConsole(page));
    await page.goto(roomUrl());
    await page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await page.getByRole("navigation", { name: "Agenda" }).waitFor();
    return page;
  }
  const selected = (page: Page, form: string) =>
    page
      .getByRole("form", { name: form })
      .getByLabel("Goal it serves", { exact: true })
      .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent);

  it("starts at the current goal; the chair keeps it, the police pick another, and the plan keeps both", async () => {
    chair = await enter("chair@riverside.example");
    police = await enter("police@riverside.example");
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await chair
      .getByRole("navigation", { name: "Agenda" })
      .getByRole("button", { name: new RegExp(code) })
      .click();
    await expect
      .poll(() => police.getByTestId("current-item").getByRole("heading", { level: 2 }).textContent())
      .toBe(code);

    // Goal 1 is attained: a new task serves goal 2 unless someone says otherwise.
    await expect.poll(() => selected(chair, "Add a task")).toBe("Goal 2: Back at school");
    expect(await selected(police, "Propose a task")).toBe("Goal 2: Back at school");
    const options = chair.getByRole("form", { name: "Add a task" }).getByLabel("Goal it serves").locator("option");
    expect(await options.allTextContents()).toEqual(["Goal 1: Stable housing (Attained)", "Goal 2: Back at school"]);
    await expectAccessible(chair, "task with its goal");
    await screenshot(chair, "task-goal-chair");

    const chairForm = chair.getByRole("form", { name: "Add a task" });
    await chairForm.getByLabel("What", { exact: true }).fill("Ask the school for the timetable");
    await chairForm.getByLabel("Agency", { exact: true }).selectOption({ label: "Riverside Police" });
    await chairForm.getByRole("button", { name: "Add the task" }).click();
    await expect.poll(() => police.getByTestId("tasks").textContent()).toContain("Ask the school for the timetable");

    const proposal = police.getByRole("form", { name: "Propose a task" });
    await proposal.getByLabel("What", { exact: true }).fill("Check the lease holds");
    await proposal
      .getByLabel("Goal it serves", { exact: true })
      .selectOption({ label: "Goal 1: Stable housing (Attained)" });
    await proposal.getByRole("button", { name: "Propose the task" }).click();
    await chair.getByRole("button", { name: "Take this task" }).click();
    await expect.poll(() => police.getByTestId("tasks").textContent()).toContain("Check the lease holds");

    chair.once("dialog", (dialog) => void dialog.accept());
    await chair.getByRole("button", { name: "End the meeting" }).click();
    await expect.poll(() => police.locator(".meeting-head").textContent()).toContain("Ended");
    const plan = (await app.services.actionPlans.draft(caseId))!;
    const goalOf = (what: string) => plan.content.actions.find((a) => a.what === what)?.goalId;
    expect(goalOf("Ask the school for the timetable")).toBe(plan.content.goals[1].id);
    expect(goalOf("Check the lease holds")).toBe(plan.content.goals[0].id);
    expect(problems).toEqual([]);
  });
});
