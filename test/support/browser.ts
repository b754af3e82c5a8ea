import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { PASSWORD } from "./fixtures.ts";

const CHROMIUM = "/usr/bin/chromium";
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOTS = resolve(import.meta.dirname, "../../test-results/screens");

/** True when browser tests can run; under CI a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true") throw new Error(`CI=true but ${CHROMIUM} is missing: install Debian's chromium.`);
  console.warn(
    `\n\n!!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium). !!!\n\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Collects what a page complains about: script errors and CSP violations show here. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

/** Runs axe-core in the page; serious and critical violations fail the test. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run: (
            d: Document,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document);
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations, `axe on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true, caret: "initial" });
}

/** The text of a collaborative notes editor, without the other people's cursor labels. */
export function notesText(page: Page): Promise<string> {
  return page.locator(".notes-editor").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".note-caret").forEach((c) => c.remove());
    return [...copy.children].map((c) => c.textContent).join("\n");
  });
}

/** A person signed in through the real sign-in page, in a browser context of their own.
 * `beforeSignIn` sees the page first (to watch its console from the sign-in page on). */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  email: string,
  viewport = { width: 1280, height: 900 },
  beforeSignIn?: (page: Page) => void,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  beforeSignIn?.(page);
  // Fail within the test's time, with the step that hung, rather than at the test timeout.
  // A machine under heavy load may allow a step longer (E2E_STEP_TIMEOUT_MS).
  page.setDefaultTimeout(Number(process.env.E2E_STEP_TIMEOUT_MS ?? 8000));
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  return page;
}
