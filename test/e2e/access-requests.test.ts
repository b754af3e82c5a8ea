import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { caseCode } from "../support/planForms.ts";

// Issue 13, rule 7 in a real Chromium (decision 0038): from the case file the coordinator
// follows the link to the person's requests, finds the case's code filled in, records an
// export; the accountable officer confirms it on the same page. Axe clean, screenshots.

const app = useTestServer({ seed: true });
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };

describe.skipIf(!chromium.available)("the access requests page", () => {
  it("is reached from the case file with the code filled in; the officer confirms what the coordinator asked", async () => {
    const code = caseCode(3);
    const coordinator = await chromium.signInAs("coordinator@riverside.example", LAPTOP);
    await coordinator.goto(`${app.url}/n/${app.net.networkId}/cases/${code}`);
    await coordinator
      .getByRole("link", { name: "The person's requests about this case (export, restriction, erasure)" })
      .click();
    await coordinator.waitForURL((u) => u.pathname.endsWith("/access-requests"));
    expect(await coordinator.getByLabel("Case code").inputValue()).toBe(code);
    await coordinator.getByLabel("What the person asks").selectOption({ label: "Export of everything held" });
    await coordinator.getByRole("button", { name: "Record the request" }).click();
    await coordinator.getByText("The request is recorded. The accountable officer is asked to confirm it.").waitFor();
    await expectAccessible(coordinator, "access requests, the coordinator's request recorded");
    await screenshot(coordinator, "access-requests-coordinator-1366");

    const chair = await chromium.signInAs("chair@riverside.example", LAPTOP);
    await chair.goto(`${app.url}/n/${app.net.networkId}/access-requests`);
    await expectAccessible(chair, "access requests, waiting for the officer");
    await chair.getByRole("button", { name: `Confirm and carry out: ${code}` }).click();
    await expect.poll(() => chair.locator("table").textContent()).toContain("Confirmed by");
    await expectAccessible(chair, "access requests, confirmed");
    await screenshot(chair, "access-requests-confirmed-1366");
  });
});
