import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, watchConsole, signInAs } from "../support/browser.ts";
import { closedMeeting, smtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const run = chromiumAvailable() && pdfToolsAvailable;

describe.skipIf(!run)("in the browser: from a closed meeting to distributed minutes", () => {
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let server: TestServer;
  let browser: Browser;
  let m: Awaited<ReturnType<typeof closedMeeting>>;
  const roomUrl = () => `${server.url}/n/${m.net.networkId}/meetings/${m.meetingId}`;

  beforeAll(async () => {
    smtp = await smtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url });
    m = await closedMeeting(server);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    m?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const signIn = (email: string) => signInAs(browser, server.url, email);

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
    const draft = await coordinator.request.get(`${server.url}${href}`);
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
    await coordinator.getByText(/Version 1 was sent: \d+ delivered, 0 failed\./).waitFor();
    const rows = coordinator.getByTestId("deliveries").locator("tbody tr");
    expect(await rows.count()).toBe(8);
    expect(smtp.received.length).toBe(8);
    await expect.poll(() => coordinator.getByTestId("minutes-status").textContent()).toContain("Version 1 was sent on");
    await expectAccessible(coordinator, "minutes, distributed");
    await screenshot(coordinator, "minutes-distributed");
    expect(problems).toEqual([]);

    const school = await signIn("school@riverside.example");
    await school.goto(`${roomUrl()}/minutes`);
    await expectAccessible(school, "minutes, member");
    const own = await school.getByRole("link", { name: "Your copy of version 1 (PDF)" }).getAttribute("href");
    const copy = pdfText(Buffer.from(await (await school.request.get(`${server.url}${own}`)).body()));
    expect(copy).toContain("Monthly case conference");
    expect(copy).not.toContain(m.codes.case3);
    expect(copy).not.toContain(m.codes.case5);
    await screenshot(school, "minutes-member");
  }, 90_000);
});
