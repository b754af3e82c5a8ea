import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: a signal from an intake link to multi-agency working", () => {
  it("a front-line worker reports; the coordinator sees it arrive live, grades it and takes it into MAW", async () => {
    const { page, problems } = await chromium.signInWatching("coordinator@riverside.example");
    await page.waitForURL(`${app.url}/n/${app.net.networkId}`);

    // The coordinator issues an intake link for the schools.
    await page.getByRole("link", { name: "Intake links" }).click();
    await page.getByLabel("Who the link is for").fill("Schools in the north district");
    await page.getByRole("button", { name: "Create intake link" }).click();
    const link = (await page.getByTestId("intake-link").textContent())!.trim();
    expect(link).toMatch(/\/intake\//);
    await expectAccessible(page, "intake links");
    await screenshot(page, "intake-links");

    await page.goto(`${app.url}/n/${app.net.networkId}/settings`);
    await expectAccessible(page, "settings");
    await screenshot(page, "settings");
    await page.goto(`${app.url}/n/${app.net.networkId}/signals/new`);
    await expectAccessible(page, "register a signal");
    await screenshot(page, "signal-new");

    // The inbox is empty; the coordinator waits on the network's home page.
    await page.getByRole("link", { name: "Overview" }).click();
    await expect.poll(() => page.getByTestId("presence").textContent()).toContain("Tomás Ruiz");
    expect(await page.getByTestId("inbox-count").count()).toBe(0);

    // A teacher, with no account, in a browser of their own.
    const teacherContext = await chromium.browser.newContext();
    const teacher = await teacherContext.newPage();
    const teacherProblems = watchConsole(teacher);
    await teacher.goto(link);
    expect(await teacher.getByRole("navigation").count()).toBe(0);
    await expectAccessible(teacher, "public intake form");
    await screenshot(teacher, "intake-form");

    // Sending it empty first: the errors show beside the fields.
    await teacher.getByRole("button", { name: "Send the report" }).click();
    await expect.poll(() => teacher.locator(".field-error").count()).toBeGreaterThan(0);
    await expectAccessible(teacher, "public intake form with errors");
    await screenshot(teacher, "intake-form-errors");

    await teacher.getByLabel("Your name").fill("Ms Janssens");
    await teacher.getByLabel("Your organisation").fill("Northside Primary School");
    await teacher.getByLabel("How we can reach you").fill("janssens@northside.example");
    await teacher
      .getByLabel("The concern, in the reporter's own words")
      .fill(
        "Since the holidays a pupil (11) repeats phrases from videos about 'traitors' and drew a flag of an armed group in his notebook. His mother says an older cousin shows him these videos.",
      );
    await teacher.getByLabel("Name", { exact: true }).fill("Adam Example");
    await teacher.getByLabel("Date of birth").fill(`${new Date().getFullYear() - 11}-03-04`);
    await teacher.getByRole("button", { name: "Send the report" }).click();
    await expect.poll(() => teacher.getByTestId("receipt").textContent()).toMatch(/^R-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectAccessible(teacher, "intake receipt");
    await screenshot(teacher, "intake-receipt");

    // The coordinator's page counts it without reloading, and announces it.
    await expect.poll(() => page.getByTestId("inbox-count").textContent(), { timeout: 10_000 }).toContain("1");
    await expect
      .poll(() => page.getByTestId("inbox-announcement").textContent())
      .toMatch(/New signal C-\d{4}-\d{4}\. 1 signal in the inbox\./);
    await expectAccessible(page, "home with a new signal");
    await screenshot(page, "home-new-signal");

    await page.getByRole("link", { name: /Signal inbox/ }).click();
    await page.waitForURL(/\/signals$/);
    const row = page.getByRole("row", { name: /C-\d{4}-\d{4}/ });
    expect(await row.textContent()).toContain("through an intake link");
    expect(await row.textContent()).toContain("Minor");
    await expectAccessible(page, "inbox");
    await screenshot(page, "inbox");

    await page.getByRole("link", { name: /First analysis of C-/ }).click();
    await page.waitForURL(/\/analysis$/);
    expect(await page.getByRole("article").textContent()).toContain("Ms Janssens");
    await expectAccessible(page, "first analysis");
    await screenshot(page, "analysis");

    await page
      .getByLabel("Neutral summary to share with all agencies")
      .fill("School reports a pupil repeating phrases from violent videos; family is worried.");
    await page.getByRole("button", { name: "Save the summary" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Summary saved.");

    await page.getByLabel("Reliability of the source").selectOption({ label: "B: Usually reliable" });
    await page.getByLabel("Credibility of the information").selectOption({ label: "2: Probably true" });
    await page
      .getByLabel("Why these grades")
      .fill("The teacher saw the notebook; the mother confirmed the cousin's videos.");
    await page.getByLabel("Any known conflict between reporter and subject?").fill("None known.");
    await page.getByRole("button", { name: "Analyse this signal" }).click();
    await expect
      .poll(() => page.getByTestId("latest-analysis").textContent())
      .toContain("B2 on the Admiralty scale, by Tomás Ruiz");
    await expectAccessible(page, "analysed");

    await page.getByLabel("Routing", { exact: true }).selectOption({ label: "Take into multi-agency working" });
    // Only the chosen routing's own fields remain.
    await expect.poll(() => page.getByLabel("Which service takes over").count()).toBe(0);
    await page
      .getByLabel("Why this routing")
      .fill("A minor; school and family both worried; child protection to join the table.");
    // Taking a minor into multi-agency work asks on what basis the agencies share: the mother's consent.
    const basis = page.getByRole("group", { name: "Basis for sharing information" });
    await basis.getByLabel("Basis", { exact: true }).selectOption({ label: "Consent of a parent (minor)" });
    await basis.getByLabel("Obtained by").selectOption({ index: 1 });
    await basis.getByLabel("On", { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await screenshot(page, "routing");
    await page.getByRole("button", { name: "Record the routing" }).click();
    await expect.poll(() => page.locator(".case-heading").textContent()).toContain("Assessment");
    expect(await page.locator(".decision-list").textContent()).toContain("child protection to join the table");
    // The routed signal has left the inbox, and the count says so.
    await expect.poll(() => page.getByTestId("inbox-count").count()).toBe(0);
    await expectAccessible(page, "routed");
    await screenshot(page, "routed");

    // From assessment to an active case with an action plan.
    await page.getByRole("link", { name: "Action plan", exact: true }).click();
    await page.getByLabel("Social context").waitFor();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Social context").fill("Lives with his mother; his cousin shares videos of an armed group.");
    const goal = page.getByRole("group", { name: "Goal 1" });
    await goal.getByLabel("What should be reached").fill("A mentor outside the old circle");
    await goal.getByLabel("How it is measured").fill("Meets the mentor every week for three months");
    await goal.getByLabel("By when").fill("2030-09-30");
    await page.getByRole("button", { name: "Add an action" }).click();
    const action = page.getByRole("group", { name: "Action 1" });
    await action.getByLabel("What will be done").fill("Introduce a youth-work mentor");
    await action.getByLabel("Owning agency").selectOption({ label: "Riverside Youth Work" });
    await action.getByLabel("Due").fill("2030-05-20");
    await page.getByLabel("Next check-in").fill("2030-06-10");
    await page.getByRole("button", { name: "Save as version 1" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved as version 1.");

    await page.getByRole("link", { name: "Case file" }).click();
    await page.getByLabel("New stage").selectOption({ label: "Active: deliver the action plan" });
    await page.getByLabel("Why").fill("The plan is agreed; delivery starts.");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => page.locator(".case-heading").textContent()).toContain("Active");
    await expect.poll(() => page.locator(".timeline").textContent()).toContain("Action plan version 1 saved");
    await expectAccessible(page, "active case");
    await screenshot(page, "intake-to-active");

    // The inbox is empty again.
    await page.getByRole("link", { name: /Signal inbox/ }).click();
    await expect.poll(() => page.getByText("No signals wait for a first analysis.").count()).toBe(1);

    expect(problems).toEqual([]);
    expect(teacherProblems.filter((p) => !/Failed to load resource: .*status of 400/.test(p))).toEqual([]);
    await teacherContext.close();
    await page.context().close();
  });
});
