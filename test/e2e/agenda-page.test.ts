import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Rule 10 of issue 11: the agenda page works for the coordinator before the statement,
// saves with visible feedback, keeps a refused form, and leads back to the room.
describe.skipIf(!chromium.available)("the agenda page", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
  });
  const roomPath = () => `/n/${app.net.networkId}/meetings/${prepared.meetingId}`;

  it("codes only before the statement, a visible save, a refusal beside its field, and the way back", async () => {
    const { page, problems } = await chromium.signInWatching("coordinator@riverside.example", {
      width: 1366,
      height: 768,
    });
    await page.goto(`${app.url}${roomPath()}/agenda`);
    const rows = page.locator(".agenda-row");
    await expect.poll(() => rows.filter({ hasText: "Closure proposal C-" }).count()).toBe(1);
    expect(await page.getByText("Case item").count()).toBe(0);
    expect(await page.content()).not.toContain("Goals attained");
    // One row per signal: its source check is a phase of the signal item, not a second row.
    expect(await rows.filter({ hasText: prepared.signal.code }).count()).toBe(1);

    const minutes = page.getByLabel(/^Minutes: Check-in C-/).first();
    await minutes.fill("25");
    await minutes.blur();
    await expect
      .poll(() => rows.filter({ hasText: "Check-in C-" }).first().getByRole("status").textContent())
      .toBe("✓ Saved");

    await page.getByLabel("Item title").fill("Update from the youth club");
    await page.getByLabel("Case code (optional)").fill("C-1999-0001");
    await page.getByRole("button", { name: "Add to the agenda" }).click();
    const error = page.locator("#add-case-error");
    await expect.poll(() => error.textContent()).toBe("There is no case C-1999-0001 in this network.");
    expect(await page.getByLabel("Item title").inputValue()).toBe("Update from the youth club");
    expect(await page.getByLabel("Case code (optional)").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "agenda with a refused item");
    await screenshot(page, "agenda-refused-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "agenda-390");

    await page.getByRole("link", { name: "← Back to the room" }).click();
    await page.waitForURL((u) => u.pathname === roomPath());
    expect(problems).toEqual([]);
  });
});
