import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Issue 11: after a validation error, the first click on the submit button must submit.
// The message of the field being fixed used to vanish when the field was left, which is
// the moment the button is pressed: the button moved up under the pointer and the click
// missed. Messages now go as the field is fixed (app/forms/validation.ts).
describe.skipIf(!chromium.available)("the first click after a validation error", () => {
  it("submits: the message goes while the field is fixed, the button stays where it was pressed", async () => {
    const { page, problems } = await chromium.signInWatching("admin@riverside.example", { width: 1366, height: 768 });
    await page.goto(`${app.url}/n/${app.net.networkId}/settings`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add the basis" }) });
    const submit = form.getByRole("button", { name: "Add the basis" });
    await submit.click();
    await expect.poll(() => form.locator(".field-error").count()).toBe(2);
    await expectAccessible(page, "a form with errors");
    await screenshot(page, "first-click-errors-1366");

    await form.getByLabel("Name").fill("Youth Care Act, duty to report");
    // The last field fixed keeps the focus, as when a person types and then reaches for the button.
    const reference = form.getByLabel("Reference");
    await reference.click();
    await reference.pressSequentially("Art. 7.3.11");
    await expect.poll(() => form.locator(".field-error").count()).toBe(0);
    const before = await submit.boundingBox();
    // One click, as a person makes it: press (the field is left), then release where the button was.
    await page.mouse.move(before!.x + before!.width / 2, before!.y + before!.height / 2);
    await page.mouse.down();
    expect(await submit.boundingBox()).toEqual(before);
    await page.mouse.up();
    await page.getByText("The basis is added.").waitFor();
    await page.getByText("Youth Care Act, duty to report").first().waitFor();
    expect(problems).toEqual([]);
  });
});
