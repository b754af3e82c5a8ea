import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, notesText, watchConsole } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: a chair and two participants run a short meeting", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    // Need to know: the police are involved in the signal and the first check-in; mental health is not.
    await prepared.involvePolice();
  });

  const signIn = (email: string, viewport?: { width: number; height: number }) => chromium.signInAs(email, viewport);
  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const currentHeading = (page: Page) => page.getByTestId("current-item").getByRole("heading", { level: 2 });

  /** Attendance lives in a panel the chair (or anyone) opens on demand. */
  async function inAttendance<T>(page: Page, work: () => Promise<T>): Promise<T> {
    await page.getByRole("button", { name: "Attendance", exact: true }).click();
    await page.getByRole("dialog", { name: "Who is here" }).waitFor();
    const result = await work();
    await page.getByRole("dialog", { name: "Who is here" }).getByRole("button", { name: "Close" }).click();
    // The focus goes back to the Attendance button, where single keys stay the button's.
    await page.locator("h1").click();
    return result;
  }

  async function enter(page: Page) {
    await page.goto(roomUrl());
    await page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await page.getByRole("navigation", { name: "Agenda" }).waitFor();
  }

  it("schedules a meeting with a generated agenda", async () => {
    const coordinator = await signIn("coordinator@riverside.example");
    const problems = watchConsole(coordinator);
    await coordinator.getByRole("link", { name: "Meetings", exact: true }).click();
    await coordinator.getByRole("heading", { name: "Meetings", level: 1 }).waitFor();
    await expectAccessible(coordinator, "meetings");
    await screenshot(coordinator, "meetings");
    await coordinator.getByRole("link", { name: "Schedule a meeting" }).click();
    await expectAccessible(coordinator, "schedule a meeting");
    await coordinator.getByLabel("Place").fill("Town hall, room 4");
    await coordinator.getByRole("button", { name: "Schedule and build the agenda" }).click();
    await coordinator.waitForURL(/\/agenda$/);
    await expect.poll(() => coordinator.getByTestId("planned-end").textContent()).toContain("Planned end");
    // Before the statement, the coordinator prepares the agenda with case codes only.
    await expect
      .poll(() => coordinator.locator(".agenda-row").filter({ hasText: "Closure proposal C-" }).count())
      .toBe(1);
    expect(await coordinator.getByText("Case item").count()).toBe(0);
    await expectAccessible(coordinator, "agenda before the statement");
    const before = await coordinator.getByTestId("planned-end").textContent();
    const firstCheckIn = coordinator.getByLabel(/^Minutes: Check-in C-/).first();
    await firstCheckIn.fill("25");
    await firstCheckIn.blur();
    await expect.poll(() => coordinator.getByTestId("planned-end").textContent()).not.toBe(before);
    await coordinator.getByRole("button", { name: /^Move up: Closure proposal/ }).click();
    await expect.poll(() => coordinator.locator(".agenda-row").nth(4).textContent()).toContain("Closure proposal");
    await expectAccessible(coordinator, "agenda");
    await screenshot(coordinator, "meeting-agenda");
    expect(problems).toEqual([]);
  });

  // One meeting, in steps that follow on: the same three people, each on their own screen.
  let chair: Page, police: Page, health: Page;
  const problems: string[] = [];

  it("everyone enters; the chair starts; attendance is set", async () => {
    chair = await signIn("chair@riverside.example");
    police = await signIn("police@riverside.example");
    health = await signIn("health@riverside.example", { width: 820, height: 1180 });
    problems.push(...[chair, police, health].flatMap((p) => watchConsole(p)));

    await chair.goto(roomUrl());
    await chair.getByRole("heading", { name: "Confidentiality statement" }).waitFor();
    await expectAccessible(chair, "confidentiality");
    await screenshot(chair, "meeting-confidentiality");
    await chair.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await chair.getByRole("navigation", { name: "Agenda" }).waitFor();
    await enter(police);
    await enter(health);

    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await expect
      .poll(() => currentHeading(police).textContent())
      .toBe("Opening: attendance, apologies, confidentiality statement");
    // Joining is attending: the police officer is on screen by being here; two say they are in the room.
    await inAttendance(chair, () => chair.getByLabel("In the room", { exact: true }).check());
    await inAttendance(health, () => health.getByLabel("In the room", { exact: true }).check());
    await inAttendance(chair, async () => {
      await expect.poll(() => chair.locator(".attendee.is-here").count()).toBe(3);
      await expect
        .poll(() => chair.locator(".attendee.is-here").filter({ hasText: "On screen since" }).count())
        .toBe(1);
    });
  });

  it("grades and routes a signal from the keyboard, on every screen", async () => {
    // The signal, driven from the keyboard.
    await chair.locator("body").press("n");
    await expect.poll(() => currentHeading(police).textContent()).toBe(prepared.signal.code);
    await expect.poll(() => currentHeading(health).textContent()).toBe(prepared.signal.code);
    await chair.getByLabel("Source", { exact: true }).selectOption("B");
    await chair.getByLabel("Information", { exact: true }).selectOption("2");
    await chair.getByLabel("Reasoning", { exact: true }).fill("Teacher known to us; two pupils confirm.");
    await chair.getByLabel("No", { exact: true }).check();
    await chair.getByRole("button", { name: "Record the grading" }).click();
    await expect.poll(() => chair.getByTestId("signal-grade").textContent()).toBe("B2");
    await chair.getByLabel("Decision", { exact: true }).selectOption({ label: "Take into MAW" });
    // Into multi-agency work on a basis for sharing (issue 14, rule 3), asked as on the case page.
    await chair.getByLabel("Basis", { exact: true }).selectOption({ label: "Consent of the person" });
    await chair.getByLabel("Obtained by", { exact: true }).selectOption({ index: 1 });
    await chair.getByLabel("Rationale", { exact: true }).fill("Concerning and corroborated: take into MAW.");
    await chair.getByLabel("Riverside Police", { exact: true }).selectOption({ label: "Agree" });
    await expectAccessible(chair, "chair's room on a signal");
    await screenshot(chair, "meeting-chair-signal");
    await chair.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => police.getByTestId("decisions").textContent()).toContain("Concerning and corroborated");
    await expect.poll(() => police.getByTestId("decisions").textContent()).toContain("Riverside Police: Agree");
    // Mental health is not involved in this case: its code and shared summary, nothing more.
    await expect
      .poll(() => health.getByTestId("current-item").textContent())
      .toContain("you see its code and the shared summary only");
    expect(await health.getByTestId("current-item").textContent()).not.toContain("Concerning and corroborated");
    await screenshot(health, "meeting-uninvolved-agency");
    await expectAccessible(police, "participant's room");
    await screenshot(police, "meeting-participant-signal");
  });

  it("adds a task at a check-in and takes a proposed one", async () => {
    // A check-in: the chair adds a task, the police propose one.
    await chair.locator("body").press("n");
    await expect.poll(() => police.getByTestId("current-item").textContent()).toContain("Check-ins");
    await chair.locator("body").press("a");
    await chair.getByLabel("What", { exact: true }).fill("Home visit with the family");
    await chair.getByLabel("Agency", { exact: true }).selectOption({ label: "Riverside Social Services" });
    await chair.getByLabel("Owner", { exact: true }).selectOption({ label: "Aïcha Benali" });
    // A new task is due in a week unless the chair says otherwise.
    const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect(await chair.getByLabel("Due", { exact: true }).inputValue()).toBe(inAWeek);
    await chair.getByRole("button", { name: "Add the task" }).click();
    await expect.poll(() => police.getByTestId("tasks").textContent()).toContain("Home visit with the family");
    await police.getByLabel("What", { exact: true }).fill("Check school attendance");
    await police.getByLabel("Agency", { exact: true }).selectOption({ label: "Riverside Schools Service" });
    await police.getByRole("button", { name: "Propose the task" }).click();
    await chair.getByRole("button", { name: "Take this task" }).click();
    await expect.poll(() => police.getByTestId("tasks").textContent()).toContain("Check school attendance");
    expect(await health.getByTestId("current-item").textContent()).not.toContain("Check school attendance");
    await screenshot(health, "meeting-participant-tablet");
  });

  it("decides a closure with the views of both involved agencies and notes typed at once", async () => {
    // The closure: both involved agencies give their view; the chair (accountable officer) closes.
    const closure = chair
      .getByRole("navigation", { name: "Agenda" })
      .getByRole("button", { name: `Closure proposal ${prepared.closingCode}` });
    await closure.click();
    await expect.poll(() => currentHeading(police).textContent()).toBe(prepared.closingCode);
    // Notes on the closure, typed by the two involved agencies at once: nothing is lost.
    const healthNotes = health.locator(".notes-editor");
    const policeNotes = police.locator(".notes-editor");
    await expect.poll(() => policeNotes.getAttribute("contenteditable")).toBe("true");
    await expect.poll(() => healthNotes.getAttribute("contenteditable")).toBe("true");
    await healthNotes.click();
    await policeNotes.click();
    await Promise.all([
      health.keyboard.type("Therapy started last month. ", { delay: 15 }),
      police.keyboard.type("No police contact since the summer. ", { delay: 15 }),
    ]);
    for (const page of [health, police])
      await expect.poll(() => page.getByTestId("notes-status").textContent()).toBe("All changes saved");
    await expect
      .poll(async () => [await notesText(health), await notesText(police)], { timeout: 10_000 })
      .toSatisfy(([a, b]) => a === b);
    const notes = await notesText(health);
    expect(notes).toContain("Therapy started last month.");
    expect(notes).toContain("No police contact since the summer.");
    await screenshot(police, "meeting-notes");
    await police.getByLabel("View", { exact: true }).selectOption({ label: "Agree" });
    await police.getByRole("button", { name: "Give our view" }).click();
    await health.getByLabel("View", { exact: true }).selectOption({ label: "Disagree" });
    await health.getByLabel("Comment", { exact: true }).fill("Too early: therapy has just begun.");
    await health.getByRole("button", { name: "Give our view" }).click();
    await expect.poll(() => chair.getByTestId("closure-views").textContent()).toContain("Too early");
    await chair.getByLabel("Close the case", { exact: true }).check();
    await chair.getByLabel("Rationale", { exact: true }).fill("Goals attained; the dissent of mental health is noted.");
    await chair.getByRole("button", { name: "Record the decision" }).click();
    await chair.getByRole("button", { name: "Sign off: close the case" }).click();
    await expect.poll(() => police.getByTestId("decisions").textContent()).toContain("Case closed");
    await screenshot(chair, "meeting-chair-closure");
  });

  it("shows the keyboard help and the display, records an apology and ends the meeting", async () => {
    // The keyboard help.
    await chair.locator("body").press("?");
    await chair.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    // The dialog takes the focus, on its close button.
    await expect
      .poll(() =>
        chair.evaluate(
          () => document.activeElement?.closest("[role=dialog]") !== null && document.activeElement?.tagName,
        ),
      )
      .toBe("BUTTON");
    await expectAccessible(chair, "keyboard help");
    await screenshot(chair, "meeting-keyboard-help");
    await chair.keyboard.press("Escape");

    // The room's shared screen: codes only.
    const display = await chair.context().newPage();
    await display.goto(`${roomUrl()}/display`);
    await expect.poll(() => display.getByTestId("display-current").textContent()).toBe(prepared.closingCode);
    expect(await display.content()).not.toContain("Goals attained");
    expect(await display.content()).not.toContain("Fictional Subject");
    await expectAccessible(display, "display");
    await screenshot(display, "meeting-display");

    // The chair records an apology for someone not there, and ends the meeting.
    await chair.bringToFront();
    await inAttendance(chair, async () => {
      await chair.getByRole("button", { name: "Correct the attendance of Sofia Papadopoulou" }).click();
      await chair.getByLabel("Attendance of Sofia Papadopoulou").selectOption({ label: "Apologies" });
    });
    await inAttendance(police, () =>
      expect.poll(() => police.locator(".attendee.is-apologies").textContent()).toContain("Sofia Papadopoulou"),
    );
    chair.once("dialog", (dialog) => void dialog.accept());
    await chair.getByRole("button", { name: "End the meeting" }).click();
    await expect.poll(() => police.locator(".meeting-head").textContent()).toContain("Ended");
    expect(await police.getByRole("button", { name: "Propose the task" }).count()).toBe(0);
  });

  it("lets the coordinator correct the record during minutes review", async () => {
    // Minutes review: the coordinator corrects the record.
    const coordinator = await signIn("coordinator@riverside.example");
    await enter(coordinator);
    await coordinator
      .getByRole("navigation", { name: "Agenda" })
      .getByRole("button", { name: `Signal ${prepared.signal.code}` })
      .click();
    await coordinator.getByRole("button", { name: "Correct the record" }).click();
    await coordinator
      .getByLabel("Rationale", { exact: true })
      .fill("Concerning and corroborated by two pupils: take into MAW.");
    await coordinator
      .getByLabel("Why the correction (kept in the audit log)")
      .fill("Minutes review: the source was two pupils.");
    await expectAccessible(coordinator, "minutes review");
    await coordinator.getByRole("button", { name: "Save the correction" }).click();
    await expect.poll(() => coordinator.getByTestId("decisions").textContent()).toContain("corroborated by two pupils");
    await screenshot(coordinator, "meeting-minutes-review");
    expect(problems).toEqual([]);
  });
  it("while the database is locked elsewhere the room says 'Not saved yet' and keeps the change pending until it is recorded", async () => {
    const coordinator = app.net.members.find((m) => m.email === "coordinator@riverside.example")!;
    const { id: meetingId } = await app.services.meetings.schedule(
      { personId: coordinator.personId, ip: null },
      app.net.networkId,
      { title: "Extra case conference", startsAt: new Date(), place: "Town hall, room 3", callLink: null },
    );
    const chair = await signIn("chair@riverside.example");
    const problems = watchConsole(chair);
    await chair.goto(`${app.url}/n/${app.net.networkId}/meetings/${meetingId}`);
    await chair.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await chair.getByRole("navigation", { name: "Agenda" }).waitFor();

    const other = new Database(app.server.databaseFile);
    other.exec("BEGIN IMMEDIATE");
    try {
      await chair.getByRole("button", { name: "Start the meeting" }).click();
      await expect
        .poll(() => chair.getByTestId("not-saved").textContent())
        .toBe("Not saved yet: the server's storage is busy; retrying.");
      expect(await chair.getByTestId("not-saved").getAttribute("role")).toBe("status");
      await expect.poll(() => chair.getByTestId("pending").textContent()).toBe("1 change waiting to be sent");
      await screenshot(chair, "meeting-not-saved-yet");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await expect.poll(() => chair.getByTestId("pending").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => chair.getByTestId("not-saved").textContent()).toBe("");
    await chair.getByRole("button", { name: "End the meeting" }).waitFor();
    expect(problems).toEqual([]);
  });
});
