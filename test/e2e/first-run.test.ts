import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

// No seed: the database is empty, as at the first start.
const app = useTestServer({ seed: false });
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: first run", () => {
  it("the setup link creates the first administrator and network, then never works again", async () => {
    const token = (await app.services.setup.issueToken())!;
    const page = await chromium.browser.newPage();
    const problems = watchConsole(page);
    await page.goto(`${app.url}/setup/${token}`);
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

    const second = await chromium.browser.newPage();
    await second.goto(`${app.url}/setup/${token}`);
    expect(await second.getByRole("heading", { level: 1 }).textContent()).toBe("This setup link cannot be used");
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
