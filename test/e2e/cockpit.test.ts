import type { Locator, Page } from "playwright-core";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agendaItems } from "../../db/schema/index.ts";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };

/** Whether the whole of an element is on the first screen, without scrolling. */
async function onFirstScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}
/** How far the page scrolls sideways, in CSS pixels. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!chromium.available)("the chair's cockpit", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let chair: Page;
  let police: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    // The police are involved in the new signal and the first check-in.
    const db = app.services.database.db;
    const firstCheckIn = db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, prepared.meetingId), eq(agendaItems.section, "checkins")))
      .orderBy(asc(agendaItems.position))
      .get()!;
    for (const caseId of [prepared.signal.caseId, firstCheckIn.caseId!]) {
      const c = (await app.services.caseRegister.get(caseId))!;
      app.services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, c, [
        ...c.scope.involvedAgencyIds,
        prepared.agencyOf("police"),
      ]);
    }
  });

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const currentHeading = (page: Page) => page.getByTestId("current-item").getByRole("heading", { level: 2 });
  const agendaButton = (page: Page, name: string) =>
    page.getByRole("navigation", { name: "Agenda" }).getByRole("button", { name });

  async function enter(email: string, viewport = LAPTOP) {
    const page = await chromium.signInAs(email, viewport);
    problems.push(...watchConsole(page));
    await page.goto(roomUrl());
    await page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await page.getByRole("navigation", { name: "Agenda" }).waitFor();
    return page;
  }

  it("on a signal the chair sees agenda, timer, the item's essentials and the grading on one laptop screen", async () => {
    chair = await enter("chair@riverside.example");
    police = await enter("police@riverside.example");
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await agendaButton(chair, `Signal ${prepared.signal.code}`).click();
    await expect.poll(() => currentHeading(police).textContent()).toBe(prepared.signal.code);

    const item = chair.getByTestId("current-item");
    await expect.poll(() => item.textContent()).toContain("Riverside North College");
    expect(await item.textContent()).toContain("School");
    expect(await item.textContent()).not.toContain("Fictional Subject");
    expect(await item.textContent()).not.toContain("Mr Hendriks");
    await screenshot(chair, "cockpit-signal-1366");
    for (const part of [
      chair.getByRole("navigation", { name: "Agenda" }),
      chair.getByRole("timer"),
      currentHeading(chair),
      chair.getByRole("button", { name: "Record the grading" }),
    ])
      expect(await onFirstScreen(chair, part)).toBe(true);
    expect(await sideways(chair)).toBe(0);
    await expectAccessible(chair, "cockpit on a signal");
    await screenshot(chair, "cockpit-signal-1366");
    await screenshot(police, "cockpit-participant-signal-1366");
  });
});
