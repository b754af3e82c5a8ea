import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoHistory } from "../../server/demo/history.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Issue 14, rule 4: the evaluation page as the chair reads it, on a laptop and a phone.
describe.skipIf(!chromium.available)("the evaluation page", () => {
  beforeAll(async () => {
    await seedDemoStory(app.services, app.net.networkId);
    await seedDemoHistory(app.services, app.net.networkId);
  });

  it("draws a year of figures as charts with their tables, accessible, on a laptop and a phone, and downloads them", async () => {
    const { page, problems } = await chromium.signInWatching("chair@riverside.example", { width: 1366, height: 768 });
    await page.goto(`${app.url}/n/${app.net.networkId}/report`);
    await page.getByRole("heading", { name: "Evaluation", level: 1 }).waitFor();
    expect(await page.getByRole("img").count()).toBe(8);
    await expect.poll(() => page.getByRole("img", { name: /^Cases per stage over time/ }).count()).toBe(1);
    await expectAccessible(page, "evaluation");
    await screenshot(page, "evaluation-1366");
    expect(await sideways(page)).toBe(0);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download “Signals by routing” as CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^casetable-signals-by-routing-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("routing,signals");

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await sideways(page)).toBe(0);
    await screenshot(page, "evaluation-390");
    expect(problems).toEqual([]);
  });
});
