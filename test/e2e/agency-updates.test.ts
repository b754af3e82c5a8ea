import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tasks } from "../../db/schema/index.ts";
import { expectAccessible, screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { policeTaskOnCheckInA } from "../support/updates.ts";
import { command, roomWithNeedToKnow, screen, type Screen } from "../support/room.ts";
import { sqliteOf } from "../support/server.ts";

// Issue 14, rule 1, in a real Chromium: the police post their update on check-in A ahead
// of the meeting (progress on their open task, new information); the coordinator sees who
// has reported; in the room the chair confirms the update, and the task it names is done.

const app = useTestServer({ seed: true });
const chromium = useBrowser(app);
const LAPTOP = { width: 1366, height: 768 };
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
let taskId: string;
const sockets: Screen[] = [];
afterAll(() => sockets.forEach((s) => s.s.disconnect()));

describe.skipIf(!chromium.available)("an agency's update ahead of the meeting, confirmed in the room", () => {
  beforeAll(async () => {
    room = await roomWithNeedToKnow(app.server, app.net);
    taskId = await policeTaskOnCheckInA(app.services, app.net.networkId, room);
  });

  const updatesUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${room.meetingId}/updates`;
  const taskStatus = () =>
    sqliteOf(app.services).db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, taskId)).get()!.status;

  it("the police post their update on the updates page, and the coordinator sees who has reported", async () => {
    const police = await chromium.signInAs("police@riverside.example", LAPTOP);
    await police.goto(updatesUrl());
    const code = (await app.services.caseRegister.get(room.item.checkinA.caseId!))!.code;
    const item = police.getByTestId("update-item").filter({ has: police.getByRole("heading", { name: code }) });
    await item.getByLabel("Progress: Home visit").selectOption({ label: "Done" });
    await item.getByLabel("Note").fill("Visited on Monday; he was at home.");
    await item.getByLabel("New information", { exact: true }).fill("He started an apprenticeship.");
    await item.getByRole("button", { name: "Post the update" }).click();
    await police.getByText("Your update is posted.").waitFor();
    await expectAccessible(police, "updates page, the police's items");
    await screenshot(police, "updates-police-posted-1366");
    // Posted, not yet confirmed: the task is as it was.
    expect(taskStatus()).not.toBe("done");

    const coordinator = await chromium.signInAs("coordinator@riverside.example", LAPTOP);
    await coordinator.goto(updatesUrl());
    await expect.poll(() => coordinator.locator("main").textContent()).toContain("Riverside Police");
    await expectAccessible(coordinator, "updates page, who has reported");
    await screenshot(coordinator, "updates-coordinator-1366");
  });

  it("the chair confirms it in the room, and the task it names is done", async () => {
    // The coordinator runs the meeting from their own screen and opens check-in A.
    const runner = await screen(app.server, room.meetingId, "coordinator@riverside.example");
    sockets.push(runner);
    expect((await command(runner, room.meetingId, "meeting:start")).ok).toBe(true);
    expect((await command(runner, room.meetingId, "item:open", { to: { itemId: room.item.checkinA.id } })).ok).toBe(
      true,
    );

    const chair = await chromium.signInAs("chair@riverside.example", LAPTOP);
    await chair.goto(`${app.url}/n/${app.net.networkId}/meetings/${room.meetingId}`);
    await chair.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    const updates = chair.getByTestId("item-updates");
    await updates.waitFor();
    expect(await updates.textContent()).toContain("He started an apprenticeship.");
    expect(await updates.textContent()).toContain("Home visit: Done");
    await expectAccessible(chair, "the room, an item with an agency's update");
    await updates.getByRole("button", { name: "Confirm the update of Riverside Police" }).click();
    await expect.poll(() => updates.textContent()).toContain("Confirmed by the chair");
    await screenshot(chair, "updates-confirmed-in-room-1366");
    expect(taskStatus()).toBe("done");
  });
});
