import type { Page, WebSocketRoute } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, notesText, screenshot } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Rule 6 of issue 11: notes typed offline stay editable, survive a reload, and merge on return.
describe.skipIf(!chromium.available)("notes typed offline are kept and merge when the connection returns", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
  });
  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const editorOf = (page: Page) => page.getByRole("textbox", { name: "Notes" });
  const statusOf = (page: Page) => page.getByTestId("notes-status");

  async function enter(page: Page) {
    await page.goto(roomUrl());
    await page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await page.getByRole("navigation", { name: "Agenda" }).waitFor();
  }

  it("types offline, reloads while offline, comes back, and the other screen has the text", async () => {
    const chair = await chromium.signInAs("chair@riverside.example", { width: 1366, height: 768 });
    await enter(chair);
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await expect.poll(() => statusOf(chair).textContent()).toBe("All changes saved");

    const coordinator = await chromium.signInAs("coordinator@riverside.example", { width: 390, height: 844 });
    // The coordinator's connection: passed through to the server until it is cut.
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await coordinator.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (cut) return void ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await enter(coordinator);
    await expect.poll(() => statusOf(coordinator).textContent()).toBe("All changes saved");
    await editorOf(coordinator).click();
    await coordinator.keyboard.type("Typed online. ");
    await expect.poll(() => notesText(chair)).toContain("Typed online.");

    cut = true;
    await coordinator.context().setOffline(true);
    await Promise.all(sockets.map((ws) => ws.close()));
    await expect.poll(() => statusOf(coordinator).textContent()).toMatch(/^Offline/);
    // Still editable: typing goes on, and the page says it will be sent.
    expect(await editorOf(coordinator).getAttribute("contenteditable")).toBe("true");
    await editorOf(coordinator).click();
    await coordinator.keyboard.press("Control+End");
    await coordinator.keyboard.type("Typed while offline.");
    await expect
      .poll(() => statusOf(coordinator).textContent())
      .toBe("Offline: your changes are kept on this device and will be sent when the connection returns");
    await expectAccessible(coordinator, "notes offline");
    await screenshot(coordinator, "notes-offline-390");
    expect(await notesText(chair)).not.toContain("Typed while offline.");

    // A reload while offline: the page cannot load, and nothing typed is lost.
    await coordinator.reload().catch(() => undefined);
    await coordinator.context().setOffline(false);
    cut = false;
    await coordinator.goto(roomUrl());
    await expect.poll(() => notesText(coordinator)).toContain("Typed while offline.");
    await expect.poll(() => statusOf(coordinator).textContent()).toBe("All changes saved");
    await expect.poll(() => notesText(chair)).toContain("Typed online. Typed while offline.");
  });

  it("signing out removes the notes kept in the browser", async () => {
    const coordinator = await chromium.signInAs("coordinator@riverside.example");
    await coordinator.goto(roomUrl());
    await editorOf(coordinator).waitFor();
    const stores = () =>
      coordinator.evaluate(async () =>
        (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith("casetable-notes:")),
      );
    await expect.poll(async () => (await stores()).length).toBeGreaterThan(0);
    await coordinator.getByRole("button", { name: "Sign out" }).click();
    await coordinator.waitForURL(/\/sign-in/);
    await expect.poll(stores).toEqual([]);
  });
});
