import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { closedMeeting, useSmtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

// The mail server first: the Casetable under test sends to it (and stops before it).
const smtp = useSmtpServer();
// closedMeeting seeds the network itself.
const app = useTestServer({
  seed: false,
  env: () => ({ SMTP_URL: `${smtp.url}?socketTimeout=5000`, MAIL_RETRY_AFTER: "3600" }),
});
const chromium = useBrowser(app);

describe.skipIf(!chromium.available || !pdfToolsAvailable)(
  "in the browser: from a closed meeting to distributed minutes",
  () => {
    let m: Awaited<ReturnType<typeof closedMeeting>>;
    const roomUrl = () => `${app.url}/n/${m.net.networkId}/meetings/${m.meetingId}`;

    beforeAll(async () => {
      m = await closedMeeting(app.server);
    }, 60_000);
    afterAll(() => m?.close());

    const signIn = (email: string) => chromium.signInAs(email);

    it("the coordinator reviews the draft, the chair approves, the coordinator sends; a member opens their own copy", async () => {
      const coordinator = await signIn("coordinator@riverside.example");
      const problems = watchConsole(coordinator);
      await coordinator.goto(roomUrl());
      await coordinator.getByRole("link", { name: "Minutes of this meeting" }).click();
      await coordinator.waitForURL(/\/minutes$/);
      await expect.poll(() => coordinator.getByTestId("minutes-status").textContent()).toContain("Draft");
      await expectAccessible(coordinator, "minutes, draft");
      // The draft opens as a PDF (a link: the CSP forbids framing it).
      const href = await coordinator.getByRole("link", { name: "Open the draft PDF" }).getAttribute("href");
      const draft = await coordinator.request.get(`${app.url}${href}`);
      expect(draft.headers()["content-type"]).toBe("application/pdf");
      expect(pdfText(Buffer.from(await draft.body()))).toContain(m.codes.case3);
      // Only the chair approves.
      expect(await coordinator.getByRole("button", { name: "Approve the minutes" }).count()).toBe(0);

      const chair = await signIn("chair@riverside.example");
      await chair.goto(`${roomUrl()}/minutes`);
      await chair.getByRole("button", { name: "Approve the minutes" }).click();
      await chair.getByText("Version 1 is approved and archived.").first().waitFor();
      await expectAccessible(chair, "minutes, approved (chair)");

      await coordinator.reload();
      await coordinator.getByRole("button", { name: "Send version 1" }).click();
      const sending = coordinator.getByText(/Version 1 is on its way: 8 mails\./);
      await sending.waitFor({ timeout: 30_000 });
      // The page follows the mail worker live, without a reload.
      await expect
        .poll(() => coordinator.getByTestId("deliveries-summary").textContent(), { timeout: 20_000 })
        .toBe("Version 1: 8 of 8 sent.");
      // What the click did stays said while the deliveries update below it.
      expect(await sending.isVisible()).toBe(true);
      const rows = coordinator.getByTestId("deliveries").locator("tbody tr");
      expect(await rows.count()).toBe(8);
      expect(await coordinator.getByTestId("deliveries").locator('tbody tr[data-state="sent"]').count()).toBe(8);
      expect(smtp.received.length).toBe(8);
      await expect
        .poll(() => coordinator.getByTestId("minutes-status").textContent())
        .toContain("Version 1 was released for sending on");
      await expectAccessible(coordinator, "minutes, distributed");
      await screenshot(coordinator, "minutes-distributed");
      expect(problems).toEqual([]);

      const school = await signIn("school@riverside.example");
      await school.goto(`${roomUrl()}/minutes`);
      await expectAccessible(school, "minutes, member");
      const own = await school.getByRole("link", { name: "Your copy of version 1 (PDF)" }).getAttribute("href");
      const copy = pdfText(Buffer.from(await (await school.request.get(`${app.url}${own}`)).body()));
      expect(copy).toContain("Monthly case conference");
      expect(copy).not.toContain(m.codes.case3);
      expect(copy).not.toContain(m.codes.case5);
      await screenshot(school, "minutes-member");
    }, 90_000);

    it("a correction sent while the mail server misbehaves: unknown mails wait for a decision, failed ones have 'Try again now'; both update live", async () => {
      await m.correct(m.decisions.d5, "Mental health asks for two more months of sessions.", "It was two months.");
      const chairId = m.member("chair@riverside.example").personId;
      const v2 = await app.services.minutes.approve({ personId: chairId, ip: null }, m.meetingId, {
        changeNote: "Item on case 5: two months, not one.",
      });
      if (!v2.ok) throw new Error(v2.reason);
      const coordinator = await signIn("coordinator@riverside.example");
      const problems = watchConsole(coordinator);
      await coordinator.goto(`${roomUrl()}/minutes`);
      // The mail server takes every message and never answers.
      smtp.state.stalling = true;
      await coordinator.getByRole("button", { name: "Send version 2" }).click();
      const summary = coordinator.getByTestId("deliveries-summary");
      await expect
        .poll(() => summary.textContent(), { timeout: 60_000 })
        .toBe("Version 2: 0 of 8 sent. 8 need your attention.");
      // One is sent again on the coordinator's decision while the server refuses for now: failed.
      smtp.state.stalling = false;
      smtp.state.refusing = { code: 451, message: "Mailbox busy, try later" };
      const school = coordinator.getByRole("button", { name: /^Send again anyway: Minutes to Sofia Papadopoulou/ });
      await school.click();
      const retry = coordinator.getByRole("button", { name: "Try again now: Minutes to Sofia Papadopoulou" });
      await retry.waitFor({ timeout: 30_000 });
      expect(await coordinator.getByRole("button", { name: /^Send again anyway/ }).count()).toBe(7);
      // Why, in words: the mail server's own answer as it came, or what went wrong on the way.
      const deliveries = coordinator.getByTestId("deliveries");
      expect(await deliveries.getByText("Not delivered yet: 451 Mailbox busy, try later").count()).toBe(1);
      expect(
        await deliveries.getByText("Unknown: may have arrived (The mail server did not answer in time)").count(),
      ).toBe(7);
      await expectAccessible(coordinator, "minutes, deliveries failed and unknown");
      await screenshot(coordinator, "minutes-deliveries-attention");
      smtp.state.refusing = null;
      await retry.click();
      await expect
        .poll(() => summary.textContent(), { timeout: 20_000 })
        .toBe("Version 2: 1 of 8 sent. 7 need your attention.");
      expect(
        smtp.received.filter(
          (r) => r.envelopeTo.includes("school@riverside.example") && r.mail.subject?.includes("Minutes"),
        ),
      ).toHaveLength(2);
      expect(problems).toEqual([]);
    }, 150_000);
  },
);
