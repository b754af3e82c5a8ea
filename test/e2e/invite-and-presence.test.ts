import { describe, expect, it } from "vitest";
import { PASSWORD } from "../support/fixtures.ts";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: sign in, invite, accept, see each other online", () => {
  it("works end to end, accessibly, with no console errors", async () => {
    const coordinatorContext = await chromium.browser.newContext();
    const page = await coordinatorContext.newPage();
    const problems = watchConsole(page);

    await page.goto(`${app.url}/`);
    await expect.poll(() => page.url()).toContain("/sign-in");
    await expectAccessible(page, "sign-in");
    await screenshot(page, "sign-in");

    // A wrong password first: the message shows beside the form, nothing else happens.
    await page.getByLabel("Email address").fill("coordinator@riverside.example");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("do not match an account");
    await expectAccessible(page, "sign-in with error");

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/n/${app.net.networkId}`);
    await expect.poll(() => page.getByTestId("presence").textContent()).toContain("Tomás Ruiz (you)");
    await expectAccessible(page, "network home");
    await screenshot(page, "network-home");

    await page.getByRole("link", { name: "Members", exact: true }).click();
    await page.waitForURL(/\/members$/);
    await expectAccessible(page, "members");
    await screenshot(page, "members");

    await page.getByRole("link", { name: "Invite a person" }).click();
    await page.getByLabel("Their email address").fill("new.youthworker@riverside.example");
    await page.getByLabel("Their agency").selectOption({ label: "Riverside Youth Work" });
    await page.getByLabel("Their role").selectOption({ label: "Member" });
    await page.getByLabel("Their mandate").selectOption({ label: "Reports back before deciding" });
    await page.getByRole("button", { name: "Create invitation link" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    expect(link).toMatch(/\/invite\//);
    await expectAccessible(page, "invite");
    await screenshot(page, "invite");

    // The invitee, in a browser of their own.
    const inviteeContext = await chromium.browser.newContext();
    const invitee = await inviteeContext.newPage();
    const inviteeProblems = watchConsole(invitee);
    await invitee.goto(link);
    await expectAccessible(invitee, "accept invitation");
    await screenshot(invitee, "accept-invitation");
    await invitee.getByLabel("Your full name").fill("Noor Youthworker");
    await invitee.getByLabel("Choose a password").fill("her very own password");
    await invitee.getByLabel("Type the password again").fill("her very own password");
    await invitee.getByRole("button", { name: "Accept and join" }).click();
    await invitee.waitForURL(`${app.url}/n/${app.net.networkId}`);
    await expect.poll(() => invitee.getByTestId("presence").textContent()).toContain("Noor Youthworker (you)");

    // The coordinator sees the newcomer arrive, without reloading.
    await page.getByRole("link", { name: "Overview" }).click();
    await expect
      .poll(() => page.getByTestId("presence").textContent(), { timeout: 10_000 })
      .toContain("Noor Youthworker");
    await expect.poll(() => invitee.getByTestId("presence").textContent()).toContain("Tomás Ruiz");

    // And sees them leave.
    await inviteeContext.close();
    await expect
      .poll(() => page.getByTestId("presence").textContent(), { timeout: 25_000 })
      .not.toContain("Noor Youthworker");

    for (const path of ["agencies", "members/invite"]) {
      await page.goto(`${app.url}/n/${app.net.networkId}/${path}`);
      await expectAccessible(page, path);
    }
    await screenshot(page, "invite-pending");
    await page.goto(`${app.url}/n/${app.net.networkId}/agencies`);
    await screenshot(page, "agencies");
    await page.goto(`${app.url}/account`);
    await expectAccessible(page, "account");
    await page.goto(`${app.url}/no-such-page`);
    await expectAccessible(page, "404");
    await screenshot(page, "not-found");

    // The refused password (400) and the unknown page (404) are answers, not problems.
    expect(problems.filter((p) => !/Failed to load resource: .*status of (400|404)/.test(p))).toEqual([]);
    expect(inviteeProblems).toEqual([]);
    await coordinatorContext.close();
  }, 90_000);

  it("lets an admin read and filter the audit log, and change a role, from the keyboard", async () => {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email address").fill("admin@riverside.example");
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${app.url}/`);
    await page.getByRole("link", { name: /Riverside Case Conference/ }).click();
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect.poll(() => page.getByRole("table").textContent()).toContain("Signed in");
    await expectAccessible(page, "audit log");
    await screenshot(page, "audit");

    await page.getByLabel("Person").selectOption({ label: "Tomás Ruiz" });
    await page.getByRole("button", { name: "Show entries" }).click();
    await expect.poll(() => page.url()).toContain("person=");
    await expect.poll(() => page.getByRole("table").textContent()).not.toContain("Sam Okafor");
    expect(await page.getByRole("table").textContent()).toContain("Tomás Ruiz");

    await page.getByRole("link", { name: "Members", exact: true }).click();
    await page.getByRole("link", { name: "Change Sofia Papadopoulou" }).click();
    await page.getByLabel("Role").selectOption({ label: "Chair" });
    await expectAccessible(page, "change member");
    await screenshot(page, "member");
    await page.getByRole("button", { name: "Save changes" }).click();
    // Making someone chair is asked for; it waits for a second admin or coordinator (decision 0013).
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("A second administrator or coordinator must confirm it before it applies.");
    const waiting = page.getByRole("region", { name: "Waiting for a second confirmation" });
    expect(await waiting.getByRole("row", { name: /Sofia Papadopoulou/ }).textContent()).toContain("Member → Chair");
    await context.close();
  });
});
