import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectAccessible, launchBrowser, screenshot, watchConsole } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const run = chromiumAvailable();

describe.skipIf(!run)("in the browser: first run", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the setup link creates the first administrator and network, then never works again", async () => {
    const token = server.services.setup.issueToken()!;
    const page = await browser.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}/setup/${token}`);
    await expectAccessible(page, "setup");

    // Too short a password first: the error shows beside the field.
    await page.getByLabel("Your full name").fill("Ada Lindqvist");
    await page.getByLabel("Your email address").fill("ada@northbridge.example");
    await page.getByLabel("Choose a password").fill("short");
    await page.getByLabel("Type the password again").fill("short");
    await page.getByLabel("Name of the network").fill("Northbridge case conference");
    await page.getByLabel("Time zone of the network").selectOption("Europe/Stockholm");
    await page.getByLabel("Your agency", { exact: true }).fill("Northbridge Municipality");
    await page.getByRole("button", { name: "Create account and network" }).click();
    await expect.poll(() => page.getByText("Use at least 12 characters.").count()).toBe(1);
    expect(await page.getByLabel("Choose a password").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "setup with errors");
    await screenshot(page, "setup-errors");

    await page.getByLabel("Choose a password").fill("a long and private passphrase");
    await page.getByLabel("Type the password again").fill("a long and private passphrase");
    await page.getByRole("button", { name: "Create account and network" }).click();
    await page.waitForURL(/\/n\/[\w-]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Northbridge case conference");
    await expect.poll(() => page.getByTestId("presence").textContent()).toContain("Ada Lindqvist (you)");

    const second = await browser.newPage();
    await second.goto(`${server.url}/setup/${token}`);
    expect(await second.getByRole("heading", { level: 1 }).textContent()).toBe("This setup link cannot be used");
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
