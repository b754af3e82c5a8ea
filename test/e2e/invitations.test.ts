import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { days } from "../../app/contract/time.ts";
import { toLocalInput } from "../../app/contract/localTime.ts";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { smtpServer } from "../support/minutes.ts";

let smtp: Awaited<ReturnType<typeof smtpServer>>;
beforeAll(async () => {
  smtp = await smtpServer();
});
const app = useTestServer({ env: () => ({ SMTP_URL: smtp.url }) });
const chromium = useBrowser(app);
afterAll(() => smtp?.close());

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

describe.skipIf(!chromium.available)("in the browser: invite, answer with a delegate, see the answers", () => {
  it("a coordinator schedules, a member sends a delegate from the mail's link, the agenda shows it", async () => {
    const { page: coordinator, problems } = await chromium.signInWatching("coordinator@riverside.example", LAPTOP);
    const base = `${app.url}/n/${app.net.networkId}/meetings`;
    await coordinator.goto(`${base}/new`);
    await coordinator.getByLabel("Title").fill("Extra conference");
    await coordinator.getByLabel("Date and time").fill("2024-05-06T10:00");
    await coordinator.getByLabel("Place").fill("Town hall, room 2");
    await coordinator.getByRole("button", { name: "Schedule and build the agenda" }).click();
    await expect
      .poll(() => coordinator.locator(".field-error").allTextContents())
      .toContain("Choose a date and time from now on: this one is in the past.");
    await expectAccessible(coordinator, "schedule with a past date");
    await screenshot(coordinator, "invitations-past-date");

    const when = toLocalInput(new Date(Date.now() + days(9)), "Europe/Brussels").slice(0, 10) + "T14:00";
    await coordinator.getByLabel("Date and time").fill(when);
    await coordinator.getByRole("button", { name: "Schedule and build the agenda" }).click();
    await coordinator.waitForURL(/\/meetings\/[^/]+\/agenda$/);
    const meetingId = coordinator.url().split("/meetings/")[1].split("/")[0];

    // The mail to mental health, and its "I send a delegate" link.
    const health = app.net.members.find((m) => m.email === "health@riverside.example")!;
    // The mail worker sends in the background, six mails through SMTP: give it the time a mail takes.
    await expect
      .poll(() => smtp.received.filter((r) => r.envelopeTo.includes(health.email)).length, { timeout: 15_000 })
      .toBe(1);
    const mail = smtp.received.find((r) => r.envelopeTo.includes(health.email))!.mail;
    const line = mail.text!.split("\n").find((l) => l.trim().startsWith("I send a delegate (name):"))!;
    const link = line.slice(line.indexOf("http")).trim();
    expect(link).toContain(`/meetings/${meetingId}/answer?answer=delegate&for=${health.personId}`);

    // Opened from the mail on a phone: sign in first, then back to the answer.
    const phone = await (await chromium.browser.newContext({ viewport: PHONE })).newPage();
    const phoneProblems = watchConsole(phone);
    await phone.goto(link);
    await phone.waitForURL(/\/sign-in\?next=/);
    await phone.getByLabel("Email address").fill(health.email);
    await phone.getByLabel("Password").fill(PASSWORD);
    await phone.getByRole("button", { name: "Sign in" }).click();
    await phone.waitForURL((u) => u.pathname.endsWith("/answer"));
    await expect.poll(() => phone.getByLabel("I send a delegate").isChecked()).toBe(true);
    await expect.poll(() => phone.getByText("Answering as Łukasz Zieliński.").isVisible()).toBe(true);
    await phone.getByRole("button", { name: "Send my answer" }).click();
    await expect
      .poll(() => phone.locator(".field-error").allTextContents())
      .toContain("Give the name of the person who comes in your place.");
    await expectAccessible(phone, "answer without the delegate's name");
    await screenshot(phone, "invitations-answer-error-phone");
    await phone.getByLabel("Name of your delegate").fill("Dr. Eva Lind");
    await phone.getByRole("button", { name: "Send my answer" }).click();
    await expect.poll(() => phone.getByRole("status").textContent()).toContain("Thank you: your answer is recorded.");
    await expect
      .poll(() => phone.getByTestId("current-answer").textContent())
      .toContain("I send a delegate: Dr. Eva Lind");
    await expectAccessible(phone, "answer recorded");
    await screenshot(phone, "invitations-answer-phone");

    // The coordinator's agenda page shows every answer.
    await coordinator.reload();
    const answers = coordinator.getByTestId("invitation-answers");
    await expect.poll(() => answers.textContent()).toContain("Apologies, delegate: Dr. Eva Lind");
    await expect
      .poll(() => coordinator.getByRole("row", { name: /Jonas Becker/ }).textContent())
      .toContain("No answer yet");
    await expectAccessible(coordinator, "agenda with answers");
    await screenshot(coordinator, "invitations-agenda-answers");

    // Moving it: the page to change or cancel.
    await coordinator.getByRole("link", { name: "Change or cancel" }).click();
    await coordinator.waitForURL(/\/change$/);
    await coordinator.getByLabel("Place").fill("Town hall, room 5");
    // The mail server says "not now": the updates fail, and the coordinator sees it on the agenda page.
    smtp.state.refusing = { code: 451, message: "Mailbox busy, try later" };
    await coordinator.getByRole("button", { name: "Save and send the update" }).click();
    await expect.poll(() => coordinator.getByRole("status").textContent()).toContain("An update goes to");
    await expectAccessible(coordinator, "meeting changed");
    await screenshot(coordinator, "invitations-change");

    await coordinator.getByRole("link", { name: "Back to the meeting" }).click();
    // Reloading before the way back has arrived would reload the change page instead.
    await coordinator.waitForURL(/\/agenda$/);
    const jonas = coordinator.getByRole("row", { name: /Jonas Becker/ });
    await expect
      .poll(
        async () => {
          await coordinator.reload();
          return jonas.textContent();
        },
        { timeout: 30_000 },
      )
      .toContain("Not delivered yet");
    await expectAccessible(coordinator, "agenda with a failed invitation");
    await screenshot(coordinator, "invitations-agenda-failed");
    smtp.state.refusing = null;
    await jonas.getByRole("button", { name: "Try again now: Invitation to Jonas Becker" }).click();
    await coordinator.waitForURL(/\/agenda$/);
    await expect
      .poll(
        async () => {
          await coordinator.reload();
          return jonas.textContent();
        },
        { timeout: 15_000 },
      )
      .toContain("Sent");
    // The refused past date is a 400 by design; nothing else may go wrong.
    expect(problems.filter((p) => !/Failed to load resource: .*status of 400/.test(p))).toEqual([]);
    expect(phoneProblems).toEqual([]);
  });
});
