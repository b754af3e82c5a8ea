import type { Page } from "playwright-core";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { connected, emit, meetingAfterAnOpenAction, meetingSocket, op } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

// Rule 3 of issue 11, the meeting's rhythm, across three people's screens and the display:
// the last meeting's open actions first, a round of views, raised hands.
describe.skipIf(!chromium.available)("the meeting's rhythm", () => {
  let setup: Awaited<ReturnType<typeof meetingAfterAnOpenAction>>;
  let chair: Page, police: Page, school: Page, display: Page;
  let health: Socket;
  const problems: string[] = [];
  const member = (email: string) => setup.member(email);

  beforeAll(async () => {
    setup = await meetingAfterAnOpenAction(app);
  });
  afterAll(() => health?.disconnect());

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${setup.meetingId}`;
  async function enter(email: string, viewport = LAPTOP) {
    const { page, problems: seen } = await chromium.signInWatching(email, viewport);
    problems.push(...seen);
    await page.goto(roomUrl());
    await page.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await page.getByRole("navigation", { name: "Agenda" }).waitFor();
    return page;
  }
  const agendaButton = (page: Page, name: string | RegExp) =>
    page.getByRole("navigation", { name: "Agenda" }).getByRole("button", { name });

  it("opens with the last meeting's open actions as one block; the chair records what became of each", async () => {
    chair = await enter("chair@riverside.example");
    police = await enter("police@riverside.example");
    school = await enter("school@riverside.example", PHONE);
    await chair.getByRole("button", { name: "Start the meeting" }).click();
    await agendaButton(chair, "Open actions from the last meeting").click();

    const block = chair.getByTestId("open-actions");
    await block.waitFor();
    expect(await block.textContent()).toContain("Ask the school for a progress report");
    expect(await block.textContent()).toContain(setup.closingCode);
    // Nothing is chosen for the chair.
    expect(await block.getByRole("button", { pressed: true }).count()).toBe(0);
    const policeBlock = police.getByTestId("open-actions");
    await expect.poll(() => policeBlock.getByTestId("action-review").textContent()).toBe("Not reviewed yet");
    // The school is not involved in the case: it does not learn of the action.
    const schoolBlock = school.getByTestId("open-actions");
    await schoolBlock.waitFor();
    expect(await schoolBlock.textContent()).not.toContain("progress report");
    await expectAccessible(chair, "open actions, chair");
    await screenshot(chair, "rhythm-actions-chair-1366");

    await block.getByRole("button", { name: "Circumstances changed" }).click();
    await expect.poll(() => policeBlock.getByTestId("action-review").textContent()).toBe("Circumstances changed");
    await expect.poll(() => block.getByRole("button", { pressed: true }).textContent()).toBe("Circumstances changed");
    await expectAccessible(police, "open actions, participant");
    await expectAccessible(school, "open actions, uninvolved on a phone");
    await screenshot(police, "rhythm-actions-participant-1366");
    await screenshot(school, "rhythm-actions-phone-390");
  });

  it("a round of views passes the word to each involved agency at the table, on every screen", async () => {
    // Mental health is at the table on a screen of its own.
    health = meetingSocket(app.url, (await app.signIn("health@riverside.example")).cookieHeader);
    await connected(health);
    const hcmd = (name: string, payload: Record<string, unknown>) =>
      emit(health, name, { meetingId: setup.meetingId, opId: op(), ...payload });
    await emit(health, "meeting:join", { meetingId: setup.meetingId });
    expect(await hcmd("confidentiality:accept", { version: 1 })).toMatchObject({ ok: true });
    const healthPerson = member("health@riverside.example");
    expect(await hcmd("attendance:set", { personId: healthPerson.personId, attendance: "on_screen" })).toMatchObject({
      ok: true,
    });

    display = await chromium.signInAs("coordinator@riverside.example", LAPTOP);
    await display.goto(`${roomUrl()}/display`);
    await agendaButton(chair, `Closure proposal ${setup.closingCode}`).click();
    await expect.poll(() => display.getByTestId("display-current").textContent()).toBe(setup.closingCode);

    await chair.getByRole("button", { name: "Call a round of views" }).click();
    const policeName = member("police@riverside.example").agencyName;
    const turn = (page: Page) => page.getByTestId("round-turn");
    await expect.poll(() => turn(police).textContent()).toMatch(/gives its view \(1 of 2\)$/);
    const first = (await turn(police).textContent())!;
    expect([policeName, healthPerson.agencyName].some((a) => first.startsWith(a))).toBe(true);
    // The school sits at the table and hears who speaks; the display shows how far the round is, no agency.
    await expect.poll(() => turn(school).textContent()).toBe(first);
    await expect.poll(() => display.getByTestId("display-round").textContent()).toBe("Agency 1 of 2 gives its view");
    await expectAccessible(chair, "round of views, chair");
    await expectAccessible(display, "round of views, display");
    await screenshot(chair, "rhythm-round-chair-1366");
    await screenshot(display, "rhythm-round-display-1366");

    await chair.getByRole("button", { name: "Next agency" }).click();
    await expect.poll(() => turn(police).textContent()).toMatch(/\(2 of 2\)$/);
    await expect.poll(() => display.getByTestId("display-round").textContent()).toBe("Agency 2 of 2 gives its view");
    await chair.getByRole("button", { name: "End the round" }).click();
    await expect.poll(() => police.getByTestId("round").count()).toBe(0);
  });

  it("a raised hand joins a queue every screen sees, until the chair clears it", async () => {
    const raise = school.getByRole("button", { name: "Raise my hand" });
    await raise.click();
    await police.getByRole("button", { name: "Raise my hand" }).click();
    const queue = chair.getByTestId("hands");
    const schoolName = member("school@riverside.example").name;
    const policeName = member("police@riverside.example").name;
    await expect
      .poll(() => queue.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining(schoolName), expect.stringContaining(policeName)]);
    await expect
      .poll(() => school.getByRole("button", { name: "Lower my hand" }).getAttribute("aria-pressed"))
      .toBe("true");
    await expect.poll(() => police.getByTestId("hands").textContent()).toContain("2 hands raised");
    await expectAccessible(chair, "raised hands, chair");
    await expectAccessible(school, "raised hand on a phone");
    await screenshot(chair, "rhythm-hands-chair-1366");
    await screenshot(school, "rhythm-hands-phone-390");
    expect(await school.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await chair.getByRole("button", { name: `Clear ${schoolName}'s hand` }).click();
    await expect
      .poll(() => queue.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining(policeName)]);
    await school.getByRole("button", { name: "Raise my hand" }).waitFor();
    // The police lower their own.
    await police.getByRole("button", { name: "Lower my hand" }).click();
    await expect.poll(() => chair.getByTestId("hands").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
