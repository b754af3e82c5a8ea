import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { policeTaskOnCheckInA } from "../support/updates.ts";
import type { Visitor } from "../support/http.ts";
import { useSmtpServer } from "../support/minutes.ts";
import { auditEntries } from "../support/audit.ts";
import { command, detail, roomWithNeedToKnow, screen, settle, type Screen } from "../support/room.ts";
import { redact } from "../../server/documents/redact.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

// Agency updates ahead of a meeting (issue 14, rule 1), through the real page, the real
// room and a real mail server: an involved agency posts; an uninvolved one, a guest and
// another network cannot; the chair and coordinator see who reported; the agencies that
// did not are reminded once; in the room the update shows with its item to those who see
// the item in full and the chair's confirmation settles the tasks it names.

const smtp = useSmtpServer();
const app = useTestServer({ secondTenant: true, env: () => ({ SMTP_URL: smtp.url }) });
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
let page: string;
let taskId: string;
const screens: Screen[] = [];
afterAll(() => screens.forEach((s) => s.s.disconnect()));

const post = (v: Visitor, fields: Record<string, string>, path = page) => v.post(path, fields);

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  page = `/n/${app.net.networkId}/meetings/${room.meetingId}/updates`;
  taskId = await policeTaskOnCheckInA(app.services, app.net.networkId, room);
});

describe("posting an update", () => {
  it("an involved agency posts progress, news and its closure view; the page shows it", async () => {
    const police = await app.signIn("police@riverside.example");
    const before = await police.get(page);
    expect(before.status).toBe(200);
    const html = await before.text();
    expect(html).toContain("Home visit");
    const res = await post(police, {
      itemId: room.item.checkinA.id,
      [`progress.${taskId}`]: "done",
      [`note.${taskId}`]: "Visited on Monday",
      news: "He started an apprenticeship.",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Your update is posted.");
    const closure = await post(police, {
      itemId: room.item.closure.id,
      closureView: "disagree",
      closureComment: "Too early",
    });
    expect(closure.status).toBe(200);
    // The view is the agency's closure view, as the closure page keeps it.
    const state = await app.services.closure.state(room.item.closure.caseId!);
    const views = state.find((p) => p.status === "open")!.views;
    expect(views.find((v) => v.agencyId === room.agency("police"))).toMatchObject({
      view: "disagree",
      comment: "Too early",
    });
  });

  it("refuses an empty update, a task not the agency's, an uninvolved agency, a guest and another network", async () => {
    const police = await app.signIn("police@riverside.example");
    expect((await post(police, { itemId: room.item.checkinA.id })).status).toBe(409);
    expect((await post(police, { itemId: room.item.checkinA.id, "progress.not-a-task": "done" })).status).toBe(409);
    expect((await post(police, { itemId: "no-such-item", news: "x" })).status).toBe(404);
    // The police are not involved in the signal's case.
    expect((await post(police, { itemId: room.item.signal.id, news: "x" })).status).toBe(403);
    const school = await app.signIn("school@riverside.example");
    expect((await post(school, { itemId: room.item.checkinA.id, news: "Not ours" })).status).toBe(403);
    const guest = await app.signIn("youth@riverside.example");
    expect((await guest.get(page)).status).toBe(404);
    expect((await post(guest, { itemId: room.item.checkinA.id, news: "Guest" })).status).toBe(404);
    const eastport = await app.signIn(app.secondTenant.chairEmail);
    expect((await eastport.get(page)).status).toBe(404);
    const foreign = `/n/${app.secondTenant.networkId}/meetings/${room.meetingId}/updates`;
    expect((await post(eastport, { itemId: room.item.checkinA.id, news: "x" }, foreign)).status).toBe(404);
    // Nothing of that changed the record: only the police's two updates are there.
    const reporting = (await app.services.agencyUpdates.reporting(app.net.networkId, room.meetingId))!;
    expect(reporting.reported).toBe(2);
  });

  it("the coordinator sees who reported, per item and in total; members do not", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const html = await (await coordinator.get(page)).text();
    const reporting = (await app.services.agencyUpdates.reporting(app.net.networkId, room.meetingId))!;
    expect(html).toContain(`${reporting.reported} of ${reporting.expected} updates posted`);
    const checkinA = reporting.items.find((i) => i.itemId === room.item.checkinA.id)!;
    expect(checkinA.reporting).toMatchObject({ reported: 1, expected: 1 });
    const closure = reporting.items.find((i) => i.itemId === room.item.closure.id)!;
    expect(closure.reporting).toMatchObject({ reported: 1, expected: 2 });
    expect(html).toContain("1 of 2 agencies");
    const police = await app.signIn("police@riverside.example");
    expect(await (await police.get(page)).text()).not.toContain("updates posted");
  });

  it("is audited without its content", async () => {
    const entries = await auditEntries(app.services, app.net.networkId, "meeting.agency_update_posted");
    expect(entries.length).toBe(2);
    const text = JSON.stringify(entries);
    expect(text).not.toContain("apprenticeship");
    expect(text).not.toContain("Visited on Monday");
    expect(text).not.toContain("Too early");
  });
});

describe("the reminder", () => {
  const settings = () => `/n/${app.net.networkId}/settings`;
  const reminderDays = async () => (await app.services.networks.get(app.net.networkId))!.updateReminderDays;

  it("the coordinator sets how many days before it goes (default 3); bad numbers are refused and change nothing", async () => {
    expect(await reminderDays()).toBe(3);
    const coordinator = await app.signIn("coordinator@riverside.example");
    const page = await (await coordinator.get(settings())).text();
    expect(page).toContain("Reminder, in days before the meeting");
    for (const bad of ["0", "31", "2.5", "soon", ""]) {
      const res = await coordinator.post(settings(), { intent: "update-reminder", reminderDays: bad });
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain("Enter a whole number of days from 1 to 30.");
    }
    const police = await app.signIn("police@riverside.example");
    expect((await police.post(settings(), { intent: "update-reminder", reminderDays: "10" })).status).toBe(403);
    expect(await reminderDays()).toBe(3);
    expect(await auditEntries(app.services, app.net.networkId, "network.update_reminder_days_changed")).toHaveLength(0);
    const saved = await coordinator.post(settings(), { intent: "update-reminder", reminderDays: "7" });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('value="7"');
    expect(await reminderDays()).toBe(7);
    const [entry] = await auditEntries(app.services, app.net.networkId, "network.update_reminder_days_changed");
    expect(JSON.parse(entry!.details)).toEqual({ before: 3, after: 7 });
    // The audit page names the change in words.
    const admin = await app.signIn("admin@riverside.example");
    expect(await (await admin.get(`/n/${app.net.networkId}/audit`)).text()).toContain(
      "Changed when agencies are reminded of their update",
    );
  });

  it("mails the members of agencies that have not reported, once, the set days before", async () => {
    const meeting = (await app.services.agencyUpdates.meetingOf(app.net.networkId, room.meetingId))!;
    // Seven days, as set above: not eight days before, but six.
    const early = new Date(meeting.startsAt.getTime() - 8 * 24 * 3600_000);
    expect(await app.services.updateReminders.remindMissing({ now: early })).toBe(0);
    const due = new Date(meeting.startsAt.getTime() - 6 * 24 * 3600_000);
    const queued = await app.services.updateReminders.remindMissing({ now: due, publicUrl: app.url });
    expect(queued).toBeGreaterThan(0);
    const reminders = () => smtp.received.filter((r) => r.mail.subject?.includes("Update wanted"));
    await expect.poll(() => reminders().length, { timeout: 20_000 }).toBe(queued);
    const to = reminders().flatMap((r) => r.envelopeTo);
    // Mental health (the closure) and social services (check-in B) had not reported; the police had.
    expect(to).toContain("health@riverside.example");
    expect(to).toContain("social@riverside.example");
    expect(to).not.toContain("police@riverside.example");
    expect(to).not.toContain("youth@riverside.example");
    const body = reminders().find((r) => r.envelopeTo.includes("health@riverside.example"))!.mail.text ?? "";
    expect(body).toContain(`${app.url}${page}`);
    expect(body).not.toMatch(/C-\d{4}-\d{4}/);
    // Once per meeting however often the check runs.
    expect(await app.services.updateReminders.remindMissing({ now: due })).toBe(0);
  });
});

describe("in the room", () => {
  let chair: Screen, police: Screen, school: Screen, guest: Screen, display: Screen;
  beforeAll(async () => {
    chair = await screen(app.server, room.meetingId, "chair@riverside.example");
    police = await screen(app.server, room.meetingId, "police@riverside.example");
    school = await screen(app.server, room.meetingId, "school@riverside.example");
    guest = await screen(app.server, room.meetingId, "youth@riverside.example");
    display = await screen(app.server, room.meetingId, "coordinator@riverside.example", { display: true });
    screens.push(chair, police, school, guest, display);
    expect((await command(chair, room.meetingId, "meeting:start")).ok).toBe(true);
  });

  it("shows the updates with the item only to screens that see it in full", async () => {
    const forChair = (await detail(chair, room.meetingId, room.item.checkinA.id)).data!;
    expect(forChair.updates?.[0]).toMatchObject({ news: "He started an apprenticeship.", confirmedAt: null });
    expect(forChair.reporting).toMatchObject({ reported: 1, expected: 1 });
    // The guest of check-in A sees its updates, and nothing of check-in B.
    expect((await detail(guest, room.meetingId, room.item.checkinA.id)).data!.updates).toHaveLength(1);
    expect((await detail(guest, room.meetingId, room.item.checkinB.id)).ok).toBe(false);
    // The school sees check-in A by code and summary only: no updates.
    const forSchool = await detail(school, room.meetingId, room.item.checkinA.id);
    expect(JSON.stringify(forSchool)).not.toContain("apprenticeship");
    expect(forSchool.data?.updates).toBeUndefined();
  });

  it("only the chair confirms; the tasks named take the reported progress; others' screens hear it by need to know", async () => {
    const updateId = (await detail(chair, room.meetingId, room.item.checkinA.id)).data!.updates![0]!.id;
    const byPolice = await command(police, room.meetingId, "update:confirm", {
      itemId: room.item.checkinA.id,
      updateId,
    });
    expect(byPolice.error?.code).toBe("forbidden");
    // An update of another item named on this one finds nothing.
    const closureUpdate = (await detail(chair, room.meetingId, room.item.closure.id)).data!.updates![0]!.id;
    expect(
      (
        await command(chair, room.meetingId, "update:confirm", {
          itemId: room.item.checkinA.id,
          updateId: closureUpdate,
        })
      ).error?.code,
    ).toBe("not_found");
    const before = { school: school.events.length, police: police.events.length };
    const done = await command(chair, room.meetingId, "update:confirm", { itemId: room.item.checkinA.id, updateId });
    expect(done.ok).toBe(true);
    const after = (await detail(chair, room.meetingId, room.item.checkinA.id)).data!;
    expect(after.openTasks.map((t) => t.what)).not.toContain("Home visit");
    expect(after.updates![0]!.confirmedAt).not.toBeNull();
    await expect.poll(() => police.events.slice(before.police).some((e) => e.type === "update:confirmed")).toBe(true);
    await settle();
    expect(school.events.slice(before.school).some((e) => e.type === "update:confirmed")).toBe(false);
    expect(
      (await command(chair, room.meetingId, "update:confirm", { itemId: room.item.checkinA.id, updateId })).error?.code,
    ).toBe("not_found");
  });

  it("no update is posted once the meeting runs, and none is confirmed once it ended", async () => {
    const health = await app.signIn("health@riverside.example");
    const late = await post(health, { itemId: room.item.closure.id, news: "Late news" });
    expect(late.status).toBe(409);
    expect((await command(chair, room.meetingId, "meeting:end")).ok).toBe(true);
    const closureUpdate = (await detail(chair, room.meetingId, room.item.closure.id)).data!.updates![0]!.id;
    const ended = await command(chair, room.meetingId, "update:confirm", {
      itemId: room.item.closure.id,
      updateId: closureUpdate,
    });
    expect(ended.error?.code).toBe("conflict");
  });
});

describe("in the minutes", () => {
  it("an update is part of its item: in the chair's copy, and nowhere in the copy of an agency not involved", async () => {
    const model = (await app.services.minutes.model(room.meetingId))!;
    const checkinA = model.items.find((i) => i.id === room.item.checkinA.id)!;
    expect(checkinA.updates).toHaveLength(1);
    expect(checkinA.updates[0]).toMatchObject({
      agency: { id: room.agency("police") },
      news: "He started an apprenticeship.",
      tasks: [{ what: "Home visit", progress: "done", note: "Visited on Monday" }],
    });
    expect(checkinA.updates[0]!.confirmedAt).not.toBeNull();
    const closure = model.items.find((i) => i.id === room.item.closure.id)!;
    expect(closure.updates[0]).toMatchObject({
      closureView: "disagree",
      closureComment: "Too early",
      confirmedAt: null,
    });
    const addressees = await app.services.minutes.addressees(room.meetingId);
    const chairCopy = redact(
      model,
      addressees.find((a) => a.role === "chair")!,
    );
    // The school is involved in none of the police's items: its copy holds nothing of the updates.
    const schoolCopy = redact(
      model,
      addressees.find((a) => a.email === "school@riverside.example")!,
    );
    for (const words of ["apprenticeship", "Visited on Monday", "Too early"])
      expect(JSON.stringify(schoolCopy)).not.toContain(words);
    if (!pdfToolsAvailable) return;
    const chairText = pdfText(await renderMinutesPdf(chairCopy)).replace(/\s+/g, " ");
    expect(chairText).toContain("Agencies' updates ahead of the meeting");
    expect(chairText).toContain("New information: He started an apprenticeship.");
    expect(chairText).toContain("Confirmed by the chair in the meeting.");
    expect(chairText).toMatch(/Home visit Done Visited on Monday/);
    expect(chairText).toContain("View on the closure proposal: Disagree (Too early)");
    expect(chairText).toContain("Not confirmed in the meeting.");
    const schoolText = pdfText(await renderMinutesPdf(schoolCopy)).replace(/\s+/g, " ");
    expect(schoolText).not.toContain("apprenticeship");
    expect(schoolText).not.toContain("updates ahead of the meeting");
  }, 60_000);
});
