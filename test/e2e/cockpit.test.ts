import { resolve } from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Whether the whole of an element is on the first screen, without scrolling. */
async function onFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}
/** How far the page scrolls sideways, in CSS pixels. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** What sticks out on the right, outside any scrolling box: named in a failure. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((e) => {
        for (let x = e.parentElement; x; x = x.parentElement)
          if (getComputedStyle(x).overflowX !== "visible") return false;
        return true;
      })
      .map((e) => `${e.tagName}.${e.className}`)
      .join(", "),
  );

/** The README's cockpit screenshots (`npm run screenshots` makes them again): one screen each, not the whole page. */
const DOCS_SCREENSHOTS = resolve(import.meta.dirname, "../../docs/screenshots");
const FOR_THE_README = ["walk-checkin-chair-1366", "walk-closure-confirm-chair-1366", "walk-signal-participant-390"];

/**
 * A state of the room as both sizes show it: at 1366×768 and at 390×844 no sideways
 * scroll and axe clean, with a screenshot of each (test-results/screens/NAME-WIDTH.png).
 */
async function atBothSizes(page: Page, name: string) {
  const before = page.viewportSize()!;
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    expect(await sideways(page), `${name} at ${size.width} scrolls sideways: ${await overflowing(page)}`).toBe(0);
    await expectAccessible(page, `${name} at ${size.width}`);
    await screenshot(page, `${name}-${size.width}`);
    if (process.env.README_SCREENSHOTS === "1" && FOR_THE_README.includes(`${name}-${size.width}`))
      await page.screenshot({ path: resolve(DOCS_SCREENSHOTS, `cockpit-${name.slice(5)}-${size.width}.png`) });
  }
  await page.setViewportSize(before);
}

describe.skipIf(!chromium.available)("the chair's cockpit", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let chair: Page;
  let police: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    // The police are involved in the new signal and the first check-in.
    await prepared.involvePolice();
  });

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const currentHeading = (page: Page) => page.getByTestId("current-item").getByRole("heading", { level: 2 });
  const agendaButton = (page: Page, name: string | RegExp) =>
    page.getByRole("navigation", { name: "Agenda" }).getByRole("button", { name });

  async function enter(email: string, viewport = LAPTOP) {
    const page = await chromium.signInAs(email, viewport);
    problems.push(...watchConsole(page));
    await page.goto(roomUrl());
    const accept = page.getByRole("button", { name: "I accept the confidentiality statement" });
    const agenda = page.getByRole("navigation", { name: "Agenda" });
    // A guest waits for their item on a screen of its own, without the agenda.
    const inside = agenda.or(page.getByTestId("guest-waiting"));
    // The statement is accepted once per meeting: a second screen of the same person goes straight in.
    await accept.or(inside).waitFor();
    if (await accept.isVisible()) await accept.click();
    await inside.waitFor();
    return page;
  }

  it("on a signal the chair sees agenda, timer, the item's essentials and the grading on one laptop screen", async () => {
    chair = await enter("chair@riverside.example");
    police = await enter("police@riverside.example");
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await chair.getByRole("button", { name: "Next item →" }).waitFor();
    await agendaButton(chair, `Signal ${prepared.signal.code}`).click();
    await expect.poll(() => currentHeading(police).textContent()).toBe(prepared.signal.code);

    const item = chair.getByTestId("current-item");
    await expect.poll(() => item.textContent()).toContain("Riverside North College");
    expect(await item.textContent()).toContain("School");
    expect(await item.textContent()).not.toContain("Fictional Subject");
    expect(await item.textContent()).not.toContain("Mr Hendriks");
    await screenshot(chair, "cockpit-signal-1366");
    for (const part of [
      chair.getByRole("navigation", { name: "Agenda" }),
      chair.getByRole("timer"),
      currentHeading(chair),
      chair.getByRole("button", { name: "Record the grading" }),
    ])
      expect(await onFirstScreen(chair, part)).toBe(true);
    expect(await sideways(chair)).toBe(0);
    await atBothSizes(chair, "walk-signal-chair");
    await atBothSizes(police, "walk-signal-participant");
  });

  it("grades with the scale's meanings and the motives check, routes once, and the First analysis page shows it done", async () => {
    const source = chair.getByLabel("Source", { exact: true });
    expect(await source.locator("option").allTextContents()).toContain("B: Usually reliable");
    await source.selectOption("B");
    await chair.getByLabel("Information", { exact: true }).selectOption("2");
    await chair.getByLabel("Reasoning", { exact: true }).fill("Teacher known to us; two pupils confirm.");
    await chair.getByLabel("Any known conflict between reporter and subject?").fill("None known.");
    await chair.getByLabel("What interest could the reporter have in this report?").fill("The pupil's safety.");
    // The security question has no answer until someone gives one.
    expect(await chair.getByRole("radio", { checked: true }).count()).toBe(0);
    await chair.getByLabel("No", { exact: true }).check();
    await chair.getByRole("button", { name: "Record the grading" }).click();
    await expect.poll(() => chair.getByTestId("signal-grade").textContent()).toBe("B2");
    await expect.poll(() => police.getByTestId("signal-grade").textContent()).toBe("B2");
    // The routing: nothing chosen in advance.
    const decision = chair.getByLabel("Decision", { exact: true });
    expect(await decision.inputValue()).toBe("");
    await decision.selectOption({ label: "Take into MAW" });
    // Into multi-agency work on a basis for sharing (issue 14, rule 3), asked as on the case page.
    await chair.getByLabel("Basis", { exact: true }).selectOption({ label: "Consent of the person" });
    await chair.getByLabel("Obtained by", { exact: true }).selectOption({ index: 1 });
    await chair.getByLabel("Rationale", { exact: true }).fill("Concerning and corroborated: take into MAW.");
    await chair.getByLabel("Riverside Police", { exact: true }).selectOption({ label: "Agree" });
    expect(await onFirstScreen(chair, chair.getByRole("button", { name: "Record the decision" }))).toBe(true);
    await atBothSizes(chair, "walk-routing-chair");
    await chair.getByRole("button", { name: "Record the decision" }).click();
    // Read back on every screen that sees the item, for a few seconds.
    await expect.poll(() => police.getByTestId("read-back").textContent()).toContain("Take into MAW");
    await atBothSizes(police, "walk-read-back-participant");
    await expect.poll(() => chair.getByTestId("routed").count()).toBe(1);
    await expect.poll(() => police.getByTestId("read-back").textContent(), { timeout: 10_000 }).toBe("");

    // The register has it once: the First analysis page shows the grading, the motives and the routing as done.
    const analysis = await chromium.signInAs("coordinator@riverside.example", LAPTOP);
    await analysis.goto(`${app.url}/n/${app.net.networkId}/cases/${prepared.signal.code}/analysis`);
    const latest = analysis.getByTestId("latest-analysis");
    expect(await latest.textContent()).toContain("B2");
    expect(await latest.textContent()).toContain("None known.");
    expect(await analysis.getByText("This case has been routed and is no longer at the signal stage.").count()).toBe(1);
    expect(await analysis.getByRole("button", { name: "Record the routing" }).count()).toBe(0);
    await analysis.context().close();
  });

  it("a check-in: decision and task side by side; a participant proposes from their own screen", async () => {
    await agendaButton(chair, /^Check-in /)
      .first()
      .click();
    await expect.poll(() => police.getByTestId("current-item").textContent()).toContain("Check-ins");
    for (const part of [
      chair.getByRole("button", { name: "Record the decision" }),
      chair.getByRole("button", { name: "Add the task" }),
    ])
      expect(await onFirstScreen(chair, part)).toBe(true);
    expect(await onFirstScreen(police, police.getByRole("button", { name: "Propose the task" }))).toBe(true);
    await atBothSizes(chair, "walk-checkin-chair");
    await atBothSizes(police, "walk-checkin-participant");
  });

  it("a round of views and a raised hand, at both sizes", async () => {
    await chair.getByRole("button", { name: "Call a round of views" }).click();
    await expect.poll(() => police.getByTestId("round-turn").textContent()).toMatch(/gives its view \(1 of \d\)$/);
    await police.getByRole("button", { name: "Raise my hand" }).click();
    await expect.poll(() => chair.getByTestId("hands").textContent()).toContain("Jonas Becker");
    await atBothSizes(chair, "walk-round-chair");
    await atBothSizes(police, "walk-round-participant");
    await chair.getByRole("button", { name: "End the round" }).click();
    await chair.getByRole("button", { name: "Clear Jonas Becker's hand" }).click();
    await expect.poll(() => police.getByTestId("round").count()).toBe(0);
    await expect.poll(() => police.getByRole("button", { name: "Raise my hand" }).count()).toBe(1);
  });

  it("a deferred item says so on every screen, at both sizes", async () => {
    const second = (await app.services.caseRegister.get((await prepared.checkIns())[1].caseId!))!.code;
    await agendaButton(chair, `Check-in ${second}`).click();
    await expect.poll(() => currentHeading(police).textContent()).toBe(second);
    await chair.getByRole("button", { name: "Defer to next meeting" }).click();
    await expect.poll(() => police.locator(".agenda-item.is-current").textContent()).toContain("Deferred");
    // The item says so itself: on a phone the agenda is at the bottom.
    await expect.poll(() => police.getByTestId("current-item").locator(".eyebrow").textContent()).toContain("Deferred");
    await atBothSizes(chair, "walk-deferred-chair");
    await atBothSizes(police, "walk-deferred-participant");
  });

  it("a closure: no outcome chosen in advance; a refusal stays beside the button and keeps the rationale; the confirmation names the dissent", async () => {
    const health = await enter("health@riverside.example");
    await agendaButton(chair, `Closure proposal ${prepared.closingCode}`).click();
    await expect.poll(() => currentHeading(health).textContent()).toBe(prepared.closingCode);
    await chair.getByRole("heading", { name: "2. The accountable officer signs off" }).waitFor();
    expect(await chair.getByRole("radio", { checked: true }).count()).toBe(0);
    await expect.poll(() => chair.getByTestId("closure-views").textContent()).toContain("not given yet");

    // Closing before every involved agency has spoken is refused: said beside the button, and the text stays.
    const rationale = "Goals attained; youth work carries on.";
    await chair.getByLabel("Close the case", { exact: true }).check();
    await chair.getByLabel("Rationale", { exact: true }).fill(rationale);
    await chair.getByRole("button", { name: "Record the decision" }).click();
    await chair.getByRole("alertdialog", { name: "Sign off the closure?" }).waitFor();
    await chair.getByRole("button", { name: "Sign off: close the case" }).click();
    const refusal = chair.getByRole("form", { name: "2. The accountable officer signs off" }).getByTestId("refusal");
    await expect.poll(() => refusal.textContent()).toContain("Every involved agency must give its view");
    expect(await refusal.getAttribute("aria-live")).toBe("assertive");
    expect(await chair.getByLabel("Rationale", { exact: true }).inputValue()).toBe(rationale);
    await screenshot(chair, "cockpit-closure-refused-1366");
    expect(await onFirstScreen(chair, refusal)).toBe(true);
    await expectAccessible(chair, "cockpit: refusal");

    // The views, live: the police agree, mental health dissents.
    await police.getByLabel("View", { exact: true }).selectOption({ label: "Agree" });
    await police.getByRole("button", { name: "Give our view" }).click();
    await health.getByLabel("View", { exact: true }).selectOption({ label: "Disagree" });
    await health.getByLabel("Comment", { exact: true }).fill("Too early: therapy has just begun.");
    await health.getByRole("button", { name: "Give our view" }).click();
    await expect.poll(() => chair.getByTestId("closure-views").textContent()).toContain("Too early");
    await chair.getByRole("button", { name: "Record the decision" }).click();
    const confirm = chair.getByRole("alertdialog", { name: "Sign off the closure?" });
    await expect.poll(() => chair.getByTestId("confirm-dissent").textContent()).toContain("Riverside Mental Health");
    expect(await confirm.textContent()).toContain("Too early: therapy has just begun.");
    await atBothSizes(chair, "walk-closure-confirm-chair");
    await confirm.getByRole("button", { name: "Sign off: close the case" }).click();
    await expect.poll(() => health.getByTestId("decisions").textContent()).toContain("Case closed");
    await expect.poll(() => health.getByTestId("read-back").textContent()).toContain("Case closed");
    await health.context().close();
  });

  it("single keys: 'm' marks done, they never act on a focused button, and they can be turned off", async () => {
    const currentRow = () => chair.locator(".agenda-item.is-current");
    const before = await currentHeading(chair).textContent();
    // A focused button keeps its keys: Space presses it once, "n" does nothing.
    const timerButton = chair.getByRole("button", { name: /timer$/ });
    const label = await timerButton.textContent();
    await timerButton.focus();
    await chair.keyboard.press("n");
    await chair.keyboard.press(" ");
    await expect.poll(() => timerButton.textContent()).not.toBe(label);
    expect(await currentHeading(chair).textContent()).toBe(before);
    await timerButton.evaluate((b) => (b as HTMLElement).blur());
    await chair.keyboard.press("m");
    await expect.poll(() => currentRow().textContent()).toContain("Done");
    await expect.poll(() => police.locator(".agenda-item.is-current").getAttribute("class")).toContain("is-done");

    await chair.getByRole("button", { name: "Keyboard", exact: true }).click();
    const help = chair.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(await help.textContent()).toContain("Mark the item done");
    await atBothSizes(chair, "walk-keyboard-chair");
    await help.getByLabel("Single-key shortcuts").uncheck();
    await chair.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);
    await chair.locator("h1").click();
    await chair.keyboard.press("p");
    await chair.keyboard.press("?");
    // Give a stray key time to reach the server and come back: nothing moved.
    await chair.waitForTimeout(500);
    expect(await currentHeading(police).textContent()).toBe(before);
    expect(await help.count()).toBe(0);
  });

  it("attendance opens on demand in a panel, and the focus comes back to its button", async () => {
    const opener = chair.getByRole("button", { name: "Attendance", exact: true });
    await opener.click();
    const panel = chair.getByRole("dialog", { name: "Who is here" });
    await expect.poll(() => panel.textContent()).toContain("Jonas Becker");
    await atBothSizes(chair, "walk-attendance-chair");
    await chair.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);
  });

  it("on a phone a participant sees the current item first, and no page scrolls sideways", async () => {
    const phone = await enter("police@riverside.example", PHONE);
    await expect.poll(() => currentHeading(phone).textContent()).toBe(await currentHeading(chair).textContent());
    expect(await onFirstScreen(phone, currentHeading(phone))).toBe(true);
    expect(await sideways(phone)).toBe(0);
    await expectAccessible(phone, "room on a phone");
    await screenshot(phone, "cockpit-participant-phone");
    const base = `${app.url}/n/${app.net.networkId}`;
    for (const [path, name] of [
      ["/meetings", "meetings"],
      ["/cases", "cases"],
      [`/cases/${prepared.signal.code}`, "case"],
      ["", "home"],
    ] as const) {
      await phone.goto(base + path);
      await phone.locator("h1").first().waitFor();
      await screenshot(phone, `phone-${name}`);
      expect(await sideways(phone), `${name} scrolls sideways: ${await overflowing(phone)}`).toBe(0);
    }
    await phone.context().close();
  });

  it("on a phone the coordinator's pages fit the width too, and stay accessible", async () => {
    const base = `${app.url}/n/${app.net.networkId}`;
    const coordinator = await chromium.signInAs("coordinator@riverside.example", PHONE);
    for (const path of [
      "/meetings",
      "/cases",
      `/meetings/${prepared.meetingId}/agenda`,
      "/signals",
      "/report",
      "/members",
      "/agencies",
      `/cases/${prepared.closingCode}/closure`,
    ]) {
      await coordinator.goto(base + path);
      await coordinator.locator("h1").first().waitFor();
      await expectAccessible(coordinator, `${path} on a phone`);
      expect(await sideways(coordinator), `${path} scrolls sideways: ${await overflowing(coordinator)}`).toBe(0);
    }
    await screenshot(coordinator, "phone-agenda");
    await coordinator.context().close();
  });

  it("a guest on a phone sees their item first", async () => {
    const item = (await prepared.checkIns()).at(-1)!;
    const youth = prepared.member("youth@riverside.example");
    const coordinator = prepared.member("coordinator@riverside.example");
    expect(
      await app.services.meetings.inviteGuest(
        { personId: coordinator.personId, ip: null },
        app.net.networkId,
        prepared.meetingId,
        item.id,
        youth.personId,
      ),
    ).toBe(true);
    const code = (await app.services.caseRegister.get(item.caseId!))!.code;
    const guest = await enter("youth@riverside.example", PHONE);
    await chair.getByRole("button", { name: "Keyboard", exact: true }).click();
    await chair.getByRole("dialog", { name: "Keyboard shortcuts" }).getByLabel("Single-key shortcuts").check();
    await chair.keyboard.press("Escape");
    await agendaButton(chair, `Check-in ${code}`).click();
    await expect.poll(() => currentHeading(guest).textContent()).toBe(code);
    expect(await onFirstScreen(guest, currentHeading(guest))).toBe(true);
    expect(await sideways(guest)).toBe(0);
    await atBothSizes(guest, "walk-guest");
    await guest.context().close();
  });

  it("the display is a full-screen page: large type, codes only, no app header, a full-screen key", async () => {
    for (const viewport of [LAPTOP, PHONE]) {
      const display = await chromium.signInAs("chair@riverside.example", viewport);
      problems.push(...watchConsole(display));
      await display.goto(`${roomUrl()}/display`);
      const code = display.getByTestId("display-current");
      await expect.poll(() => code.textContent()).toBe(await currentHeading(chair).textContent());
      expect(await display.getByRole("button", { name: "Sign out" }).count()).toBe(0);
      expect(await display.locator(".app-header").count()).toBe(0);
      expect(await display.getByRole("button", { name: /Full screen/ }).getAttribute("aria-keyshortcuts")).toBe("f");
      const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(48);
      expect(await sideways(display)).toBe(0);
      const text = await display.locator("body").textContent();
      for (const secret of ["Fictional Subject", "Goals attained", "School reports", "Riverside North College"])
        expect(text).not.toContain(secret);
      await expectAccessible(display, `display at ${viewport.width}`);
      await screenshot(display, `cockpit-display-${viewport.width}`);
      await display.context().close();
    }
    expect(problems).toEqual([]);
  });
});
