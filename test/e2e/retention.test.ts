import { beforeAll, describe, expect, it } from "vitest";
import { days } from "../../app/contract/time.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { auditEntries } from "../support/audit.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Issue 13, rule 6: what the admin sees of the retention schedule and its purge.
describe.skipIf(!chromium.available)("the retention page", () => {
  beforeAll(() => seedDemoStory(app.services, app.net.networkId));

  it("shows the schedule, refuses a bad period, shows what is due and what a shorter period makes due, and the purge that ran", async () => {
    const { page, problems } = await chromium.signInWatching("admin@riverside.example", { width: 1280, height: 900 });
    await page.goto(`${app.url}/n/${app.net.networkId}/settings`);
    await page.getByRole("link", { name: "Retention schedule and purge" }).click();
    await page.getByRole("heading", { name: "Retention", level: 1 }).waitFor();
    // The intake report's addresses are 30 days old in 30 days; nothing else is due yet.
    await page.getByRole("row", { name: /Addresses of intake senders/ }).waitFor();
    expect(await page.getByRole("row", { name: /Addresses in the audit log/ }).count()).toBe(0);
    expect(await page.getByLabel("Identity of a closed case (years)").inputValue()).toBe("2");
    expect(await page.getByLabel("Addresses of intake senders (days)").inputValue()).toBe("30");
    await expectAccessible(page, "retention");
    await screenshot(page, "retention-first-look");

    await page.getByLabel("Identity of a closed case (years)").fill("0");
    await page.getByRole("button", { name: "Save the schedule" }).click();
    await page.getByText("A whole number of years from 1 to 30.").waitFor();
    expect((await app.services.retention.get(app.net.networkId))!.identityYears).toBe(2);
    await screenshot(page, "retention-bad-period");

    await page.getByLabel("Identity of a closed case (years)").fill("2");
    await page.getByLabel("Addresses in the audit log (days)").fill("7");
    await page.getByRole("button", { name: "Save the schedule" }).click();
    await page.getByText("Schedule saved.").waitFor();
    const due = page.getByRole("row", { name: /Addresses in the audit log/ });
    await due.waitFor();
    expect(Number(await due.getByRole("cell").first().textContent())).toBeGreaterThan(10);
    expect(await auditEntries(app.services, app.net.networkId, "network.retention_changed")).toHaveLength(1);
    await expectAccessible(page, "retention with something due");
    await screenshot(page, "retention-due");

    await app.services.purge.run(new Date(Date.now() + days(8)));
    await page.reload();
    await page.getByRole("heading", { name: "Last purges" }).waitFor();
    await page.getByText(/Addresses in the audit log: \d+/).waitFor();
    await screenshot(page, "retention-purged");
    expect(problems).toEqual([]);
  });

  it("is not there for a member", async () => {
    const page = await chromium.signInAs("police@riverside.example");
    const res = await page.goto(`${app.url}/n/${app.net.networkId}/settings/retention`);
    expect([403, 404]).toContain(res!.status());
    expect(await page.getByRole("heading", { name: "Retention", level: 1 }).count()).toBe(0);
  });
});
