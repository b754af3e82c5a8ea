import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Issue 9, rule 5, as people use it: one asks, a second confirms, on the members page.
describe.skipIf(!chromium.available)("in the browser: granting a role takes two people", () => {
  it("the admin asks to make a member coordinator; the members page shows it waiting; the coordinator confirms it", async () => {
    const admin = await chromium.signInAs("admin@riverside.example");
    const problems = watchConsole(admin);
    await admin.goto(`${app.url}/n/${app.net.networkId}/members`);
    // No "Change" beside one's own name.
    await expect.poll(() => admin.getByRole("link", { name: "Change Sam Okafor" }).count()).toBe(0);
    await admin.getByRole("link", { name: "Change Sofia Papadopoulou" }).click();
    await admin.getByLabel("Role").selectOption("coordinator");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() => admin.getByRole("status").first().textContent())
      .toContain("A second administrator or coordinator must confirm it");
    const waiting = admin.getByRole("region", { name: "Waiting for a second confirmation" });
    await expect.poll(() => waiting.textContent()).toContain("Member → Coordinator");
    await expect.poll(() => waiting.getByText("Waiting for someone else").count()).toBe(1);
    await expectAccessible(admin, "members with a pending grant (asker)");
    await screenshot(admin, "members-grant-asked");

    const coordinator = await chromium.signInAs("coordinator@riverside.example");
    await coordinator.goto(`${app.url}/n/${app.net.networkId}/members`);
    await expectAccessible(coordinator, "members with a pending grant (confirmer)");
    await screenshot(coordinator, "members-grant-to-confirm");
    await coordinator.getByRole("button", { name: "Confirm the change for Sofia Papadopoulou" }).click();
    await expect
      .poll(() => coordinator.getByRole("status").first().textContent())
      .toContain("Change confirmed and applied.");
    await expect
      .poll(() => coordinator.getByRole("region", { name: "Waiting for a second confirmation" }).count())
      .toBe(0);
    await expect
      .poll(() => coordinator.getByRole("row", { name: /Sofia Papadopoulou/ }).textContent())
      .toContain("Coordinator");
    await expectAccessible(coordinator, "members after confirming");
    await screenshot(coordinator, "members-grant-confirmed");

    await admin.goto(`${app.url}/n/${app.net.networkId}/settings`);
    await expectAccessible(admin, "settings with accountable officer roles");
    await screenshot(admin, "settings-officer-roles");
    expect(problems).toEqual([]);
  });
});
