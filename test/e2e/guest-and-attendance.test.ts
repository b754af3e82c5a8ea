import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

// Rule 4 and 5 of issue 11: attendance follows presence, and a guest finds their way.
describe.skipIf(!chromium.available)("a guest finds their meeting, waits for their item, and leaves", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let guestItemId: string;

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    guestItemId = (await prepared.firstCheckIn()).id;
    const youth = prepared.member("youth@riverside.example");
    expect(
      await app.services.meetings.inviteGuest(
        { personId: null, ip: null },
        app.net.networkId,
        prepared.meetingId,
        guestItemId,
        youth.personId,
      ),
    ).toBe(true);
  });

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const accept = (page: Page) => page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
  const stateOf = (page: Page, name: string) =>
    page.getByTestId("attendance").locator(".attendee").filter({ hasText: name }).getByTestId("attendance-state");
  /** Attendance lives in a panel the chair opens on demand. */
  async function inAttendance<T>(page: Page, work: () => Promise<T>): Promise<T> {
    await page.getByRole("button", { name: "Attendance", exact: true }).click();
    const panel = page.getByRole("dialog", { name: "Who is here" });
    await panel.waitFor();
    const result = await work();
    await panel.getByRole("button", { name: "Close" }).last().click();
    return result;
  }

  it("lands on the meeting, sees its item's place and no other rows; is present, then leaves and is recorded as gone", async () => {
    const { page: guest, problems } = await chromium.signInWatching("youth@riverside.example", LAPTOP);
    // Signing in leads to the meeting they are a guest in, not to "Not allowed".
    await guest.waitForURL((u) => u.pathname === new URL(roomUrl()).pathname);
    await accept(guest);
    const waiting = guest.getByTestId("guest-waiting");
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain("The meeting has not started yet.");
    expect(await waiting.textContent()).toContain("Your item is 3rd on the agenda: 2 items come before it.");
    expect(await guest.locator(".agenda-item").count()).toBe(0);
    expect(await guest.getByText("Case item").count()).toBe(0);
    await expectAccessible(guest, "guest waiting before the start");

    const chair = await chromium.signInAs("chair@riverside.example", LAPTOP);
    await chair.goto(roomUrl());
    await accept(chair);
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    // Joining is attending: both are on screen without anyone setting a dropdown.
    await inAttendance(chair, async () => {
      await expect.poll(() => stateOf(chair, "Niamh O'Brien").textContent()).toMatch(/^On screen since \d\d:\d\d/);
      await expect.poll(() => stateOf(chair, "Elena Novak").textContent()).toMatch(/^On screen since/);
    });
    await expect.poll(() => waiting.textContent()).toContain("Your item is 3rd on the agenda: 2 items come before it.");
    await screenshot(guest, "guest-waiting-1366");
    await guest.setViewportSize(PHONE);
    await expectAccessible(guest, "guest waiting on a phone");
    await screenshot(guest, "guest-waiting-390");
    expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    const next = chair.getByRole("button", { name: "Next item" });
    await next.click();
    await expect.poll(() => waiting.textContent()).toContain("Your item is 2nd on the agenda: 1 item comes before it.");
    await next.click();
    // Their item is on: the room, with their item alone in the agenda.
    await expect
      .poll(() => guest.getByTestId("current-item").getByRole("heading", { level: 2 }).textContent())
      .toMatch(/^C-2026-/);
    // Only their own case item is listed (besides the opening and other business), no blank rows of others.
    const rows = guest.locator(".agenda-list .agenda-item");
    expect(await rows.filter({ hasText: /C-\d{4}-\d{4}/ }).count()).toBe(1);
    expect(await rows.filter({ hasText: "Case item" }).count()).toBe(0);
    expect(await rows.count()).toBe(3);
    await expectAccessible(guest, "guest on their item");

    await chair.getByRole("button", { name: "Mark done" }).click();
    const done = guest.getByTestId("guest-done");
    await done.waitFor();
    expect(await done.textContent()).toContain("Thank you for your contribution. You may leave the meeting now.");
    await expectAccessible(guest, "guest done");
    await screenshot(guest, "guest-done-390");
    await guest.getByRole("button", { name: "Leave the meeting" }).click();
    await guest.getByText("You have left the meeting.").waitFor();
    // The guest does not stay "On screen": the chair sees when they left.
    await inAttendance(chair, async () => {
      await expect.poll(() => stateOf(chair, "Niamh O'Brien").textContent()).toMatch(/^Left at \d\d:\d\d/);
      await expectAccessible(chair, "chair's attendance panel");
      await screenshot(chair, "attendance-chair-1366");
    });
    expect(problems).toEqual([]);
  });

  it("the chair corrects one person instead of setting everyone; a closed page records the leaving", async () => {
    const chair = await chromium.signInAs("chair@riverside.example", LAPTOP);
    await chair.goto(roomUrl());
    const statement = chair.getByRole("button", { name: "I accept the confidentiality statement" });
    const agenda = chair.getByRole("navigation", { name: "Agenda" });
    await statement.or(agenda).waitFor();
    if (await statement.isVisible()) await statement.click();
    await agenda.waitFor();
    await chair.getByRole("button", { name: "Attendance", exact: true }).click();
    expect(await chair.getByTestId("attendance").locator("select").count()).toBe(0);
    await chair.getByRole("button", { name: "Correct the attendance of Sofia Papadopoulou" }).click();
    const select = chair.getByLabel("Attendance of Sofia Papadopoulou");
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    await select.selectOption({ label: "In the room" });
    await expect
      .poll(() => stateOf(chair, "Sofia Papadopoulou").textContent())
      .toMatch(/^In the room since \d\d:\d\d \(set by the chair\)/);
    // The panel stays open on the chair's screen: it follows presence live.

    const police = await chromium.signInAs("police@riverside.example", PHONE);
    await police.goto(roomUrl());
    await accept(police);
    await expect.poll(() => stateOf(chair, "Jonas Becker").textContent()).toMatch(/^On screen since/);
    await inAttendance(police, () => police.getByLabel("In the room", { exact: true }).check());
    await expect.poll(() => stateOf(chair, "Jonas Becker").textContent()).toMatch(/^In the room since/);
    await police.close();
    await expect.poll(() => stateOf(chair, "Jonas Becker").textContent()).toMatch(/^Left at \d\d:\d\d/);
  });
});
