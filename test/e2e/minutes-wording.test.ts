import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { closedMeeting, useSmtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

// Issue 12, "done means": the coordinator edits the wording, the chair sees the change and
// approves, the minutes go out by link, one recipient downloads (their receipt), another
// does not (not yet opened).

const smtp = useSmtpServer();
const app = useTestServer({ seed: false, env: () => ({ SMTP_URL: `${smtp.url}?socketTimeout=5000` }) });
const chromium = useBrowser(app);

describe.skipIf(!chromium.available || !pdfToolsAvailable)("in the browser: the minutes' wording, by link", () => {
  let m: Awaited<ReturnType<typeof closedMeeting>>;
  const minutesUrl = () => `${app.url}/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;

  beforeAll(async () => {
    m = await closedMeeting(app.server);
    const coordinator = { personId: m.member("coordinator@riverside.example").personId, ip: null };
    expect(
      await app.services.minutes.settings.set(coordinator, m.net.networkId, { dueDays: 3, delivery: "link" }),
    ).toBe(true);
  }, 60_000);
  afterAll(() => m?.close());

  it("coordinator words an item, the chair sees the change and approves, sent by link: one receipt, one not yet opened", async () => {
    const coordinator = await chromium.signInAs("coordinator@riverside.example");
    const problems = watchConsole(coordinator);
    await coordinator.goto(minutesUrl());
    const item = coordinator.getByTestId(`wording-${m.items.item3.id}`);
    const editor = item.getByRole("textbox");
    // Drafted from the record and the notes taken in the room.
    await expect.poll(() => editor.textContent()).toContain("Continue the plan.");
    expect(await editor.textContent()).toContain("Four of five days, since April");
    expect(await item.getByTestId("wording-status").textContent()).toContain("Not saved yet");
    await expectAccessible(coordinator, "minutes, wording editor");

    // The first draft as it stands, saved.
    const save = item.getByRole("button", { name: /^Save the wording/ });
    await save.click();
    await expect.poll(() => item.getByTestId("wording-status").textContent()).toMatch(/^Saved /);
    // Then reworded: one sentence added at the end, in italics.
    await editor.click();
    await coordinator.keyboard.press("Control+End");
    await coordinator.keyboard.press("Enter");
    await coordinator.keyboard.press("Control+i");
    await coordinator.keyboard.type("The family now takes part in the training days.");
    await expect.poll(() => item.getByTestId("wording-status").textContent()).toBe("Changes not saved yet.");
    await save.click();
    await expect.poll(() => item.getByTestId("wording-status").textContent()).toMatch(/^Saved /);
    await screenshot(coordinator, "minutes-wording-coordinator");
    const phone = await chromium.signInAs("coordinator@riverside.example", { width: 390, height: 844 });
    await phone.goto(minutesUrl());
    await phone.getByTestId(`wording-${m.items.item3.id}`).getByRole("textbox").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, "minutes-wording-phone");

    const chair = await chromium.signInAs("chair@riverside.example");
    const chairProblems = watchConsole(chair);
    await chair.goto(minutesUrl());
    const changes = chair.getByTestId(`changes-${m.items.item3.id}`);
    await changes.waitFor();
    const added = changes.locator("ins");
    expect(await added.allTextContents()).toEqual([
      expect.stringContaining("The family now takes part in the training days."),
    ]);
    // Said in words, not only by colour and line.
    expect(await added.first().textContent()).toMatch(/^\[added: /);
    expect(await chair.getByRole("button", { name: /^Save the wording/ }).count()).toBe(0);
    await expectAccessible(chair, "minutes, changes since the first draft");
    await screenshot(chair, "minutes-wording-chair");
    await chair.getByRole("button", { name: "Approve the minutes" }).click();
    await chair.getByText("Version 1 is approved and archived.").first().waitFor();

    await coordinator.reload();
    expect(await coordinator.getByRole("button", { name: /^Save the wording/ }).count()).toBe(0);
    await coordinator.getByRole("button", { name: "Send version 1" }).click();
    const summary = coordinator.getByTestId("deliveries-summary");
    await expect.poll(() => summary.textContent(), { timeout: 30_000 }).toMatch(/^Version 1: (\d+) of \1 sent\.$/);
    // By link: no mail carries a copy or a plan.
    for (const r of smtp.received)
      expect(r.mail.attachments.filter((a) => a.contentType === "application/pdf")).toEqual([]);

    // The police officer follows the link from their mail, signs in, and downloads their copy.
    const mail = smtp.received.find((r) => r.envelopeTo.includes("police@riverside.example"))!;
    const link = mail.mail.text!.match(/https?:\/\/\S+minutes\.pdf\?version=1/)![0];
    const police = await chromium.signInAs("police@riverside.example");
    const download = await police.request.get(link);
    expect(download.status()).toBe(200);
    const copy = pdfText(Buffer.from(await download.body())).replace(/\s+/g, " ");
    expect(copy).toContain("The family now takes part in the training days.");
    expect(copy).toContain("Copy for Riverside Police");

    await coordinator.reload();
    const row = (name: string) =>
      coordinator.getByTestId("deliveries").locator("tbody tr").filter({ hasText: name }).getByTestId("receipt");
    await expect.poll(() => row("Jonas Becker").textContent()).toMatch(/^Downloaded /);
    expect(await row("Sofia Papadopoulou").textContent()).toBe("Not yet opened");
    await expectAccessible(coordinator, "minutes, receipts");
    await screenshot(coordinator, "minutes-wording-receipts");
    expect(problems).toEqual([]);
    expect(chairProblems).toEqual([]);
  }, 150_000);
});
