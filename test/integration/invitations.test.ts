import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { days } from "../../app/contract/time.ts";
import { toLocalInput } from "../../app/contract/localTime.ts";
import { useTestServer } from "../support/harness.ts";
import { useSmtpServer } from "../support/minutes.ts";

// Invitations people can answer (issue 12, rule 5): scheduling, moving and cancelling a
// meeting send each invited person their own calendar message through a real SMTP
// server; the answer links record what the signed-in person answers, and only that.

// The mail server first: the Casetable under test sends to it (and stops before it).
const smtp = useSmtpServer();
const app = useTestServer({
  secondTenant: true,
  env: () => ({ SMTP_URL: smtp.url, MAIL_FROM: "Riverside Case Conference <casetable@riverside.example>" }),
});

const CASE_CODE = /C-\d{4}-\d{4}/;
const person = (email: string) => app.net.members.find((m) => m.email === email)!;
const network = () => app.net.networkId;

/** Waits until every invitation of the meeting has left (sent, or settled otherwise). */
async function invitationsSettled(meetingId: string, expected: number) {
  const until = Date.now() + 30_000;
  for (;;) {
    const rows = await app.services.meetings.invitationsSent(network(), meetingId);
    if (rows.length >= expected && rows.every((r) => r.state !== "pending" && r.state !== "sending")) return rows;
    if (Date.now() > until) throw new Error(`invitations not settled: ${rows.map((r) => r.state).join(", ")}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The calendar message of a mail, parsed with ical.js. */
function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType === "text/calendar");
  expect(part, "a text/calendar part").toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString("utf8")));
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const vevent = events[0];
  return {
    method: calendar.getFirstPropertyValue("method"),
    event: new ICAL.Event(vevent),
    attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase()),
    organizer: String(vevent.getFirstPropertyValue("organizer")).toLowerCase(),
    status: vevent.getFirstPropertyValue("status"),
    url: vevent.getFirstPropertyValue("url"),
    raw: part!.content.toString("utf8"),
  };
}

/** The mails of one meeting's invitations, by recipient, in the order they arrived. */
function mailsOf(meetingId: string) {
  return smtp.received.filter((r) =>
    r.mail.attachments.some(
      (a) => a.contentType === "text/calendar" && a.content.toString("utf8").includes(`meeting-${meetingId}@casetable`),
    ),
  );
}
const mailsTo = (meetingId: string, email: string) => mailsOf(meetingId).filter((r) => r.envelopeTo.includes(email));

/** The link behind "I send a delegate (name)" (or another answer) in a mail's text. */
function answerLink(mail: ParsedMail, label: string): string {
  const line = mail.text!.split("\n").find((l) => l.trim().startsWith(`${label}:`));
  expect(line, label).toBeDefined();
  return line!.slice(line!.indexOf("http")).trim();
}

const inFuture = (d: number) => toLocalInput(new Date(Date.now() + days(d)), "Europe/Amsterdam");
let meetingId: string;
let startsAt: Date;

describe("invitations people can answer", () => {
  it("refuses a start in the past with a clear message and schedules nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const before = (await app.services.meetings.list(network())).length;
    const res = await coordinator.post(`/n/${network()}/meetings/new`, {
      title: "Too late",
      startsAt: "2020-03-04T14:00",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a date and time from now on: this one is in the past.");
    expect((await app.services.meetings.list(network())).length).toBe(before);
  });

  it("scheduling sends each invited person their own REQUEST, with only them as attendee and no case content", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const body = new URLSearchParams({
      title: "Extra conference",
      startsAt: inFuture(10).slice(0, 10) + "T14:00",
      place: "Town hall, room 2",
      callLink: "https://call.example/riverside-extra",
    });
    for (const email of ["police@riverside.example", "health@riverside.example"])
      body.append("invitees", person(email).personId);
    const res = await coordinator.request("POST", `/n/${network()}/meetings/new`, body, { origin: app.url });
    expect(res.status).toBe(302);
    meetingId = res.headers.get("location")!.split("/meetings/")[1].split("/")[0];
    startsAt = (await app.services.meetings.get(network(), meetingId))!.startsAt;

    const invited = ["chair", "coordinator", "police", "health"].map((n) => `${n}@riverside.example`);
    await invitationsSettled(meetingId, invited.length);
    expect(mailsOf(meetingId)).toHaveLength(invited.length);
    expect(mailsTo(meetingId, "school@riverside.example")).toHaveLength(0);
    for (const email of invited) {
      const [mail] = mailsTo(meetingId, email);
      expect(mail, email).toBeDefined();
      const ics = calendarOf(mail.mail);
      expect(ics.method).toBe("REQUEST");
      expect(ics.event.uid).toBe(`meeting-${meetingId}@casetable`);
      expect(ics.event.sequence).toBe(0);
      expect(ics.attendees).toEqual([`mailto:${email}`]);
      expect(ics.organizer).toBe("mailto:casetable@riverside.example");
      expect(ics.event.location).toBe("Town hall, room 2");
      expect(ics.url).toBe("https://call.example/riverside-extra");
      expect(ics.event.startDate.toJSDate().getTime()).toBe(startsAt.getTime());
      expect(ics.event.endDate.toJSDate().getTime()).toBeGreaterThan(startsAt.getTime());
      expect(mail.mail.subject).toContain("Invitation: Extra conference");
      // No case content anywhere: the agenda holds case codes, the invitation none.
      for (const text of [mail.mail.subject!, mail.mail.text!, ics.raw]) expect(text).not.toMatch(CASE_CODE);
      for (const other of invited.filter((e) => e !== email)) expect(mail.mail.text).not.toContain(other);
      expect(answerLink(mail.mail, "I will attend")).toContain(`for=${person(email).personId}`);
    }
  });

  it("inviting a guest with nobody chosen is refused beside that item's form and changes nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const { store } = app.services.database;
    const [item] = await store.db
      .select()
      .from(store.t.agendaItems)
      .where(eq(store.t.agendaItems.meetingId, meetingId))
      .orderBy(asc(store.t.agendaItems.position))
      .then((rows) => rows.filter((i) => i.caseId !== null));
    const guestsBefore = await app.services.meetings.guestsOf(meetingId);
    const mailsBefore = smtp.received.length;
    const res = await coordinator.post(`/n/${network()}/meetings/${meetingId}/agenda`, {
      itemId: item.id,
      personId: "",
    });
    expect(res.status).toBe(400);
    // The agenda itself is drawn from the live room in the browser; the answer rides with the page.
    expect(await res.text()).toContain("Choose who to invite first.");
    expect(await app.services.meetings.guestsOf(meetingId)).toEqual(guestsBefore);
    expect(smtp.received.length).toBe(mailsBefore);
  });

  it("a guest is invited to their own item's time slot, computed from the agenda's planned minutes", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const { store } = app.services.database;
    const items = await store.db
      .select()
      .from(store.t.agendaItems)
      .where(eq(store.t.agendaItems.meetingId, meetingId))
      .orderBy(asc(store.t.agendaItems.position));
    const index = items.findIndex((i) => i.caseId !== null && i.position > 0);
    expect(index).toBeGreaterThan(0);
    const youth = person("youth@riverside.example");
    const res = await coordinator.post(`/n/${network()}/meetings/${meetingId}/agenda`, {
      itemId: items[index].id,
      personId: youth.personId,
    });
    expect(res.status).toBe(200);
    await invitationsSettled(meetingId, 5);
    const [mail] = mailsTo(meetingId, youth.email);
    const ics = calendarOf(mail.mail);
    const before = items.slice(0, index).reduce((sum, i) => sum + i.plannedMinutes, 0);
    expect(ics.method).toBe("REQUEST");
    expect(ics.attendees).toEqual([`mailto:${youth.email}`]);
    expect(ics.event.startDate.toJSDate().getTime()).toBe(startsAt.getTime() + before * 60_000);
    expect(ics.event.endDate.toJSDate().getTime()).toBe(
      startsAt.getTime() + (before + items[index].plannedMinutes) * 60_000,
    );
    expect(mail.mail.text).toContain("your own item");
    expect(mail.mail.text).not.toMatch(CASE_CODE);
  });

  it("moving the meeting sends an update with the same UID and SEQUENCE + 1; a past date is refused and changes nothing", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const path = `/n/${network()}/meetings/${meetingId}/change`;
    const past = await coordinator.post(path, {
      intent: "change",
      title: "Extra conference",
      startsAt: "2021-01-01T10:00",
      place: "Town hall, room 2",
      callLink: "https://call.example/riverside-extra",
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("this one is in the past");
    expect((await app.services.meetings.get(network(), meetingId))!.startsAt).toEqual(startsAt);
    expect(await app.services.meetings.invitationsSent(network(), meetingId)).toHaveLength(5);

    const moved = await coordinator.post(path, {
      intent: "change",
      title: "Extra conference",
      startsAt: inFuture(11).slice(0, 10) + "T09:30",
      place: "Town hall, room 5",
      callLink: "https://call.example/riverside-extra",
    });
    expect(moved.status).toBe(200);
    expect(await moved.text()).toContain("Saved. An update goes to 5 people.");
    const newStart = (await app.services.meetings.get(network(), meetingId))!.startsAt;
    expect(newStart).not.toEqual(startsAt);
    await invitationsSettled(meetingId, 10);
    for (const email of ["chair", "police", "health", "youth"].map((n) => `${n}@riverside.example`)) {
      const mails = mailsTo(meetingId, email);
      expect(mails).toHaveLength(2);
      const [first, update] = mails.map((m) => calendarOf(m.mail));
      expect(update.method).toBe("REQUEST");
      expect(update.event.uid).toBe(first.event.uid);
      expect(update.event.sequence).toBe(first.event.sequence + 1);
      expect(update.event.location).toBe("Town hall, room 5");
      expect(update.attendees).toEqual([`mailto:${email}`]);
      expect(mails[1].mail.subject).toContain("Changed: Extra conference");
    }
    const chairUpdate = calendarOf(mailsTo(meetingId, "chair@riverside.example")[1].mail);
    expect(chairUpdate.event.startDate.toJSDate().getTime()).toBe(newStart.getTime());
  });

  it("an answer link records an apology with a delegate, for the agenda page and the minutes", async () => {
    const health = person("health@riverside.example");
    const [, update] = mailsTo(meetingId, health.email);
    const link = answerLink(update.mail, "I send a delegate (name)");
    const url = new URL(link);
    expect(url.searchParams.get("answer")).toBe("delegate");

    // Without a session the link asks for sign-in and comes back.
    const anonymous = await fetch(link, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain(
      `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`,
    );

    const visitor = await app.signIn(health.email);
    const page = await visitor.get(url.pathname + url.search);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Answering as Łukasz Zieliński.");
    expect(html).toMatch(/value="delegate"[^>]*checked|checked[^>]*value="delegate"/);

    const missing = await visitor.post(url.pathname + url.search, { answer: "delegate", for: health.personId });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Give the name of the person who comes in your place.");
    expect((await app.services.meetingAnswers.answerOf(network(), meetingId, health.personId))!.answer).toBeNull();

    const answered = await visitor.post(url.pathname + url.search, {
      answer: "delegate",
      delegateName: "Dr. Eva Lind",
      for: health.personId,
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain("Thank you: your answer is recorded.");
    expect(await app.services.meetingAnswers.answerOf(network(), meetingId, health.personId)).toMatchObject({
      answer: "apologies",
      delegateName: "Dr. Eva Lind",
    });
    const police = await app.signIn("police@riverside.example");
    expect((await police.post(`/n/${network()}/meetings/${meetingId}/answer`, { answer: "attending" })).status).toBe(
      200,
    );

    // What the agenda page and the minutes show (the page itself: test/e2e/invitations.test.ts).
    const answers = await app.services.meetingAnswers.responsesFor(network(), meetingId);
    expect(answers.map((a) => [a.name, a.answer, a.delegateName]).sort()).toEqual(
      [
        ["Elena Novak", null, null],
        ["Jonas Becker", "attending", null],
        ["Niamh O'Brien", null, null],
        ["Tomás Ruiz", null, null],
        ["Łukasz Zieliński", "apologies", "Dr. Eva Lind"],
      ].sort(),
    );
  });

  it("answers only for the person signed in: another person's link, a forged field, another network, the uninvited", async () => {
    const health = person("health@riverside.example");
    const link = new URL(answerLink(mailsTo(meetingId, health.email)[0].mail, "I send apologies"));
    const path = link.pathname + link.search;
    const police = await app.signIn("police@riverside.example");

    // Police opens the mail sent to mental health: refused, nothing recorded.
    const page = await police.get(path);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("This invitation was sent to someone else");
    expect((await police.post(path, { answer: "apologies", for: health.personId })).status).toBe(403);
    // A forged person in the form does not make it someone else's answer.
    expect(
      (
        await police.post(`/n/${network()}/meetings/${meetingId}/answer`, {
          answer: "attending",
          personId: health.personId,
        })
      ).status,
    ).toBe(200);
    expect(await app.services.meetingAnswers.answerOf(network(), meetingId, health.personId)).toMatchObject({
      answer: "apologies",
      delegateName: "Dr. Eva Lind",
    });

    // Eastport's chair: not their network, the meeting does not exist for them.
    const eastport = await app.signIn(app.secondTenant.chairEmail);
    expect((await eastport.get(path)).status).toBe(404);
    expect((await eastport.post(`/n/${network()}/meetings/${meetingId}/answer`, { answer: "attending" })).status).toBe(
      404,
    );
    expect(
      (await eastport.post(`/n/${app.secondTenant.networkId}/meetings/${meetingId}/answer`, { answer: "attending" }))
        .status,
    ).toBe(404);

    // The school was not invited: no answer page, no answer.
    const school = await app.signIn("school@riverside.example");
    expect((await school.get(`/n/${network()}/meetings/${meetingId}/answer`)).status).toBe(404);
    expect((await school.post(`/n/${network()}/meetings/${meetingId}/answer`, { answer: "attending" })).status).toBe(
      404,
    );
    const invitees = (await app.services.meetingAnswers.responsesFor(network(), meetingId)).map((r) => r.personId);
    expect(invitees).not.toContain(person("school@riverside.example").personId);
    expect(invitees).not.toContain(app.secondTenant.chairEmail);
  });

  it("a removed member can no longer answer and gets no more mail; cancelling sends CANCEL and closes answers", async () => {
    const police = person("police@riverside.example");
    const admin = { personId: app.net.byRole("admin").personId, ip: null };
    const policeVisitor = await app.signIn(police.email);
    expect((await app.services.members.remove(admin, network(), police.id)).ok).toBe(true);
    // Their session ends with the membership; signed in again, the meeting is not theirs any more.
    const answerPath = `/n/${network()}/meetings/${meetingId}/answer`;
    expect((await policeVisitor.post(answerPath, { answer: "apologies" })).status).toBe(302);
    expect((await (await app.signIn(police.email)).post(answerPath, { answer: "apologies" })).status).toBe(404);
    expect((await app.services.meetingAnswers.responsesFor(network(), meetingId)).map((r) => r.personId)).not.toContain(
      police.personId,
    );

    const coordinator = await app.signIn("coordinator@riverside.example");
    const path = `/n/${network()}/meetings/${meetingId}/change`;
    const unconfirmed = await coordinator.post(path, { intent: "cancel" });
    expect(unconfirmed.status).toBe(400);
    expect((await app.services.meetings.get(network(), meetingId))!.status).toBe("scheduled");
    const cancelled = await coordinator.post(path, { intent: "cancel", confirm: "on" });
    expect(cancelled.status).toBe(200);
    expect((await app.services.meetings.get(network(), meetingId))!.status).toBe("cancelled");
    await invitationsSettled(meetingId, 14);
    expect(mailsTo(meetingId, police.email)).toHaveLength(2);
    for (const email of ["chair", "coordinator", "health", "youth"].map((n) => `${n}@riverside.example`)) {
      const mails = mailsTo(meetingId, email);
      expect(mails).toHaveLength(3);
      const [first, , cancel] = mails.map((m) => calendarOf(m.mail));
      expect(cancel.method).toBe("CANCEL");
      expect(cancel.status).toBe("CANCELLED");
      expect(cancel.event.uid).toBe(first.event.uid);
      expect(cancel.event.sequence).toBe(2);
      expect(cancel.attendees).toEqual([`mailto:${email}`]);
      expect(mails[2].mail.subject).toContain("Cancelled: Extra conference");
      expect(mails[2].mail.text).not.toContain("I will attend");
    }

    // Answers are closed, and a cancelled meeting is not moved or cancelled again.
    const health = await app.signIn("health@riverside.example");
    const late = await health.post(`/n/${network()}/meetings/${meetingId}/answer`, { answer: "attending" });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("This meeting is cancelled");
    expect(
      await app.services.meetingAnswers.answerOf(network(), meetingId, person("health@riverside.example").personId),
    ).toMatchObject({ answer: "apologies", delegateName: "Dr. Eva Lind" });
    const again = await coordinator.post(path, {
      intent: "change",
      title: "Extra conference",
      startsAt: inFuture(12).slice(0, 10) + "T09:30",
    });
    expect(again.status).toBe(409);
    expect((await coordinator.post(path, { intent: "cancel", confirm: "on" })).status).toBe(409);
    expect(await app.services.meetings.invitationsSent(network(), meetingId)).toHaveLength(14);
  });

  it("an invitation the mail server refused for now is tried again on request, by the coordinator only", async () => {
    smtp.state.refusing = { code: 451, message: "Mailbox busy, try later" };
    const coordinator = app.net.byRole("coordinator");
    const { id } = await app.services.meetings.schedule({ personId: coordinator.personId, ip: null }, network(), {
      title: "Busy day",
      startsAt: new Date(Date.now() + days(20)),
      place: null,
      callLink: null,
      inviteePersonIds: [],
      invitations: { origin: app.url },
    });
    const failed = await invitationsSettled(id, 2);
    expect(failed.map((f) => f.state)).toEqual(["failed", "failed"]);
    smtp.state.refusing = null;
    const chairs = failed.find((f) => f.email === "chair@riverside.example")!;
    const path = `/n/${network()}/meetings/${id}/change`;
    const fields = { intent: "sendAgain", deliveryId: chairs.id };

    expect((await (await app.signIn("school@riverside.example")).post(path, fields)).status).toBe(403);
    expect((await (await app.signIn(app.secondTenant.chairEmail)).post(path, fields)).status).toBe(404);
    // Another meeting's invitation through this meeting's address: not found.
    expect(
      (await (await app.signIn(coordinator.email)).post(`/n/${network()}/meetings/${meetingId}/change`, fields)).status,
    ).toBe(404);
    expect((await app.services.meetings.invitationsSent(network(), id)).map((f) => f.state)).toEqual([
      "failed",
      "failed",
    ]);

    const again = await (await app.signIn(coordinator.email)).post(path, fields);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/n/${network()}/meetings/${id}/agenda`);
    await expect
      .poll(
        async () => (await app.services.meetings.invitationsSent(network(), id)).find((f) => f.id === chairs.id)!.state,
        {
          timeout: 15_000,
        },
      )
      .toBe("sent");
    expect(smtp.copiesOf(chairs.id)).toBe(1);
    expect(calendarOf(mailsTo(id, "chair@riverside.example")[0].mail).method).toBe("REQUEST");
    // Sent now: nothing to send again.
    expect((await (await app.signIn(coordinator.email)).post(path, fields)).status).toBe(404);
  });
});
