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
    // A guest for a case's item: nobody chosen is stopped by the form itself, and, should it
    // get through, refused beside that form; a person chosen is listed, the choice cleared.
    const checkin = rows.filter({ hasText: "Check-in C-" }).first();
    const guest = checkin.getByLabel(/^Invite a guest: /);
    const invite = checkin.getByRole("button", { name: "Invite", exact: true });
    await invite.click();
    expect(await guest.evaluate((el) => (el as HTMLSelectElement).validity.valueMissing)).toBe(true);
    await guest.evaluate((el) => el.removeAttribute("required"));
    await invite.click();
    await expect.poll(() => checkin.getByRole("alert").textContent()).toBe("Choose who to invite first.");
    expect(await guest.getAttribute("aria-invalid")).toBe("true");
    await guest.selectOption({ label: "Sofia Papadopoulou (Riverside Schools Service)" });
    await invite.click();
    await expect.poll(() => checkin.textContent()).toContain("Guests of this item: Sofia Papadopoulou");
    expect(await checkin.getByRole("alert").count()).toBe(0);
    expect(await guest.inputValue()).toBe("");
    // The keyboard stays where it was: on the button just pressed.
    expect(await invite.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, "agenda with a refused item");
    await screenshot(page, "agenda-refused-1366");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "agenda-390");

    await page.getByRole("link", { name: "← Back to the room" }).click();
    await page.waitForURL((u) => u.pathname === roomPath());
    // The refused invitation is a 400 answer, which the browser reports; nothing else may be.
    expect(problems.filter((p) => !/Failed to load resource: .*status of 400/.test(p))).toEqual([]);
  });
});
