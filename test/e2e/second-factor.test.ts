import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { totpCode } from "../support/secondFactor.ts";

// Issue 13, done means: in Chromium, enrol an authenticator app and a passkey (Chromium's
// virtual authenticator, through the DevTools protocol), sign in with each, use a
// recovery code once; and the idle timeout warns, then ends the session.

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** A server round trip (a passkey's two, a code's check) on a loaded machine: seconds, not vitest's one. */
const SOON = { timeout: 10_000 };

/** Both sizes looked at, and axe clean at each. */
async function lookAt(page: Page, name: string) {
  for (const [size, viewport] of [
    ["1366", LAPTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await expectAccessible(page, `${name} at ${size}`);
    await screenshot(page, `${name}-${size}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(viewport.width);
  }
  await page.setViewportSize(LAPTOP);
}

describe("a second factor in the browser", () => {
  const app = useTestServer();
  const chromium = useBrowser(app);

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await chromium.browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { context, page };
  }
  /** The password step; returns where it led. */
  async function password(page: Page, email: string): Promise<string> {
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname !== "/sign-in");
    return new URL(page.url()).pathname;
  }
  async function signOut(page: Page) {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/sign-in");
  }
  async function codeStep(page: Page, code: string) {
    await page.getByLabel("Code from your authenticator app, or a recovery code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
  }
  const signedIn = (page: Page) => page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

  it.skipIf(!chromium.available)(
    "enrols an authenticator app, signs in with its code, and a recovery code works once",
    async () => {
      const { context, page } = await newPage();
      expect(await password(page, "coordinator@riverside.example")).not.toMatch(/^\/sign-in/);
      await page.goto(`${app.url}/account/second-factor`);
      await page.getByRole("button", { name: "Set up an authenticator app" }).click();
      const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await expect.poll(() => page.getByRole("img", { name: /QR code/ }).count(), SOON).toBe(1);
      await lookAt(page, "second-factor-enrol-app");
      await page.getByLabel("Six-digit code from the app").fill(totpCode(secret));
      await page.getByRole("button", { name: "Turn on" }).click();
      const codes = page.getByTestId("recovery-codes").locator("code");
      await expect.poll(() => codes.count(), SOON).toBeGreaterThanOrEqual(8);
      const recovery = await codes.allTextContents();
      expect(await page.getByText("Authenticator app: on").count()).toBe(1);
      await lookAt(page, "second-factor-recovery-codes");

      // Signing in again takes the password, then the app's next code.
      await signOut(page);
      expect(await password(page, "coordinator@riverside.example")).toBe("/sign-in/second-factor");
      await lookAt(page, "second-factor-sign-in");
      await codeStep(page, "000000");
      await expect.poll(() => page.locator(".notice.error").first().textContent(), SOON).toMatch(/not right/);
      await codeStep(page, totpCode(secret, 1));
      await signedIn(page);

      // A recovery code signs in once; the second time it is refused.
      await signOut(page);
      await password(page, "coordinator@riverside.example");
      await codeStep(page, recovery[0]);
      await signedIn(page);
      await page.goto(`${app.url}/account/second-factor`);
      await expect.poll(() => page.getByText(`${recovery.length - 1} recovery codes left.`).count(), SOON).toBe(1);
      await signOut(page);
      await password(page, "coordinator@riverside.example");
      await codeStep(page, recovery[0]);
      await expect.poll(() => page.locator(".notice.error").first().textContent(), SOON).toMatch(/used already/);
      expect(new URL(page.url()).pathname).toBe("/sign-in/second-factor");
      await context.close();
    },
    // Three sign-ins and eight screens: on a loaded machine this takes a minute.
    180_000,
  );

  it.skipIf(!chromium.available)(
    "enrols a passkey on a virtual authenticator and signs in with it",
    async () => {
      const { context, page } = await newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("WebAuthn.enable");
      const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: {
          protocol: "ctap2",
          transport: "internal",
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
        },
      });
      expect(await password(page, "police@riverside.example")).not.toMatch(/^\/sign-in/);
      await page.goto(`${app.url}/account/second-factor`);
      await page.getByLabel("Name of this passkey (to recognise it later)").fill("Work laptop");
      await page.getByRole("button", { name: "Add a passkey" }).click();
      await expect.poll(() => page.getByText("The passkey was added.").count(), SOON).toBe(1);
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(credentials).toHaveLength(1);
      await page.reload();
      await expect.poll(() => page.getByRole("button", { name: "Remove Work laptop" }).count(), SOON).toBe(1);
      await lookAt(page, "second-factor-passkey");

      await signOut(page);
      expect(await password(page, "police@riverside.example")).toBe("/sign-in/second-factor");
      await page.getByRole("button", { name: "Use a passkey" }).click();
      await signedIn(page);
      expect(new URL(page.url()).pathname).not.toMatch(/^\/sign-in/);
      // The authenticator counted the use.
      const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(after.credentials[0].signCount).toBeGreaterThan(credentials[0].signCount);
      await context.close();
    },
    120_000,
  );
});

// Sessions end after 15 s without activity; the warning comes a third of that before.
describe("the idle timeout", () => {
  const app = useTestServer({ env: { SESSION_IDLE_MINUTES: "0.25" } });
  const chromium = useBrowser(app);

  it.skipIf(!chromium.available)(
    "warns before the end, then ends the session and says why",
    async () => {
      const page = await chromium.signInAs("school@riverside.example", LAPTOP);
      await page.goto(`${app.url}/account`);
      const warning = page.getByRole("alertdialog", { name: "Your session is about to end" });
      await warning.waitFor({ timeout: 15_000 });
      expect(await warning.textContent()).toMatch(/signed out in \d+ seconds? because nothing was done/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Stay signed in");
      await expectAccessible(page, "idle warning");
      await screenshot(page, "session-idle-warning-1366");
      await page.waitForURL((u) => u.pathname === "/sign-in", { timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get("next")).toBe("/account");
      await expect
        .poll(() => page.getByText("You were signed out because nothing was done for a while.").count())
        .toBe(1);
      await screenshot(page, "session-idle-ended-1366");
      expect((await page.request.get(`${app.url}/session`)).status()).toBe(200);
      expect(await (await page.request.get(`${app.url}/session`)).json()).toEqual({ signedIn: false });
    },
    120_000,
  );
});
