import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, minutesDeliveries, minutesVersions } from "../../db/schema/index.ts";
import { closedMeeting, smtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let smtp: Awaited<ReturnType<typeof smtpServer>>;
let server: TestServer;
let m: Awaited<ReturnType<typeof closedMeeting>>;
const actor = (email: string) => ({ personId: m.member(email).personId, ip: null });

beforeAll(async () => {
  smtp = await smtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  m = await closedMeeting(server);
}, 60_000);
afterAll(async () => {
  m?.close();
  await server?.stop();
  await smtp?.close();
});

const audits = (action: string) => server.services.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, m.meetingId))).all();
const attachmentOf = (email: string, kind: "minutes" | "action-plan") => {
  const got = smtp.received.filter((r) => r.envelopeTo.includes(email)).flatMap((r) => r.mail.attachments).filter((a) => a.filename?.startsWith(kind));
  expect(got, `${kind} for ${email}`).toHaveLength(1);
  return got[0]!.content;
};

describe.skipIf(!pdfToolsAvailable)("minutes from a closed meeting", () => {
  it("builds the draft live from the meeting record: attendance, apologies, guests, decisions with views, tasks, notes, next meeting; no identity", async () => {
    const draft = server.services.minutes.model(m.meetingId)!;
    expect(draft.document).toMatchObject({ version: 1, status: "draft" });
    expect(draft.classification).toBe("RESTRICTED");
    expect(draft.meeting.chair.name).toBe("Elena Novak");
    expect(draft.meeting.minuteTaker.name).toBe("Tomás Ruiz");
    expect(draft.attendance.map((a) => a.name).sort()).toEqual(["Elena Novak", "Jonas Becker", "Sofia Papadopoulou", "Tomás Ruiz"]);
    expect(draft.apologies.map((a) => a.name)).toEqual(["Łukasz Zieliński"]);
    expect(draft.guests).toEqual([expect.objectContaining({ name: "Niamh O'Brien", itemIds: [m.items.item3.id] })]);
    const item3 = draft.items.find((i) => i.id === m.items.item3.id)!;
    expect(item3).toMatchObject({ kind: "case", caseCode: m.codes.case3 });
    expect(item3.decisions[0]).toMatchObject({ text: "Continue", rationale: "Training attendance is rising; the plan holds.", views: [{ view: "agree", comment: "Fine by us." }] });
    expect(item3.tasks.map((t) => t.what)).toEqual(["Visit the training centre with Zoë"]);
    expect(JSON.stringify(item3.notes)).toContain("Attendance at training");
    expect(draft.actionList.map((a) => a.what)).toContain("Visit the training centre with Zoë");
    // The next meeting is the network's first scheduled one after this (the demo has its own).
    const next = (await server.services.meetings.list(m.net.networkId)).filter((x) => x.status === "scheduled" && x.startsAt > new Date(draft.meeting.startsAt)).sort((a, b) => +a.startsAt - +b.startsAt)[0]!;
    expect(draft.nextMeeting).toEqual({ startsAt: next.startsAt.toISOString(), endsAt: null, place: next.place ?? "" });
    // prepareMeeting registered the signal's subject as "Fictional Subject".
    expect(JSON.stringify(draft)).not.toContain("Fictional Subject");
    expect(server.services.minutes.versions(m.meetingId)).toEqual([]);
  });

  it("the chair's approval freezes version 1: the model and the full PDF in the archive with its SHA-256", async () => {
    const r = await server.services.minutes.approve(actor("chair@riverside.example"), m.meetingId);
    if (!r.ok) throw new Error(r.reason);
    expect(r.version).toMatchObject({ version: 1, status: "approved", changeNote: null });
    expect(r.version.pdfPath.startsWith(join(server.dir, "archive"))).toBe(true);
    const pdf = readFileSync(r.version.pdfPath);
    expect(sha(pdf)).toBe(r.version.pdfSha256);
    qpdfCheck(pdf);
    const text = pdfText(pdf);
    expect(text).toContain(m.codes.case3);
    expect(text).toContain(m.codes.case4);
    expect(text).not.toContain("Fictional Subject");
    // No stray temporary file beside it.
    expect(readdirSync(join(r.version.pdfPath, "..")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // A second approval without saying what changed is refused.
    expect(await server.services.minutes.approve(actor("chair@riverside.example"), m.meetingId)).toEqual({ ok: false, reason: "change_note_required" });
    expect(await server.services.minutes.approve(actor("chair@riverside.example"), m.meetingId, { changeNote: "Nothing really" })).toEqual({ ok: false, reason: "nothing_changed" });
    expect(audits("minutes.approved")).toHaveLength(1);
  });

  it("distribution mails every invited person their own copy, redacted to what their agency may see, with the next meeting's .ics", async () => {
    const r = await server.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId);
    if (!r.ok) throw new Error(r.reason);
    const minutesMails = r.deliveries.filter((d) => d.kind === "minutes");
    // Every participant, the absent health worker and the guest included.
    expect(minutesMails.map((d) => d.email).sort()).toEqual(
      ["chair", "coordinator", "health", "police", "school", "social", "youth"].map((p) => `${p}@riverside.example`).sort(),
    );
    expect(r.deliveries.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
    expect(await server.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId)).toEqual({ ok: false, reason: "already_distributed" });

    const textOf = (email: string) => {
      const pdf = attachmentOf(email, "minutes");
      qpdfCheck(pdf);
      return pdfText(pdf);
    };
    const keepOpen = "one more month of sessions";
    const chair = textOf("chair@riverside.example");
    expect(chair).toContain(m.codes.case3);
    expect(chair).toContain(keepOpen);
    const police = textOf("police@riverside.example");
    expect(police).toContain(m.codes.case3);
    expect(police).toContain("Visit the training centre");
    expect(police).toContain(keepOpen);
    const health = textOf("health@riverside.example");
    expect(health).toContain(m.codes.case4);
    expect(health).toContain(keepOpen);
    expect(health).not.toContain(m.codes.case3);
    expect(health).not.toContain("Visit the training centre");
    expect(health).not.toContain("Attendance at training");
    for (const email of ["school@riverside.example", "social@riverside.example"]) {
      const t = textOf(email);
      expect(t).not.toContain(m.codes.case3);
      expect(t).not.toContain(m.codes.case4);
      expect(t).not.toContain(keepOpen);
      expect(t).not.toContain("Training attendance is rising");
      expect(t).not.toContain("Visit the training centre");
    }
    const youth = textOf("youth@riverside.example");
    expect(youth).toContain(m.codes.case3);
    expect(youth).not.toContain(m.codes.case4);
    expect(youth).not.toContain(keepOpen);
    for (const t of [chair, police, health, youth]) expect(t).not.toContain("Fictional Subject");

    const mail = smtp.received.find((x) => x.envelopeTo.includes("school@riverside.example") && x.mail.subject?.includes("Minutes"))!.mail;
    expect(mail.subject).toBe("[RESTRICTED] Minutes: Monthly case conference");
    expect(mail.text).not.toContain(m.codes.case3);
    const ics = mail.attachments.find((a) => a.filename === "next-meeting.ics")!;
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString("utf8"))).getFirstSubcomponent("vevent")!);
    const next = server.services.minutes.model(m.meetingId, 1)!.nextMeeting!;
    expect(event.location).toBe(next.place);
    expect(event.startDate.toJSDate().toISOString()).toBe(next.startsAt);

    // The action plan of case 3 goes to the police, the agency involved, and to nobody else.
    const plans = r.deliveries.filter((d) => d.kind === `action_plan:${m.codes.case3}`);
    expect(plans.map((d) => d.email)).toEqual(["police@riverside.example"]);
    expect(pdfText(attachmentOf("police@riverside.example", "action-plan"))).toContain(m.codes.case3);
    expect(smtp.received.filter((x) => !x.envelopeTo.includes("police@riverside.example")).flatMap((x) => x.mail.attachments).some((a) => a.filename?.startsWith("action-plan"))).toBe(false);

    const row = server.services.minutes.versions(m.meetingId)[0]!;
    expect(row.status).toBe("distributed");
    expect(row.distributedAt).not.toBeNull();
    expect(audits("minutes.distributed")[0]!.details).toContain('"sent":');
  });

  it("a correction after approval is version 2 with what changed and why; a refusing mail server leaves failed, retryable deliveries; version 1 stays downloadable, unchanged", async () => {
    const v1 = server.services.minutes.versions(m.meetingId)[0]!;
    await m.correct(m.decisions.d4, "Mental health asks for two more months of sessions.", "The minute-taker wrote one month; it was two.");
    const corrected = await server.services.minutes.approve(actor("chair@riverside.example"), m.meetingId, { changeNote: "Item on case 4: two months, not one, as the mental health service asked." });
    if (!corrected.ok) throw new Error(corrected.reason);
    expect(corrected.version).toMatchObject({ version: 2, changeNote: expect.stringContaining("two months") });
    expect(audits("minutes.corrected")).toHaveLength(1);

    const before = smtp.received.length;
    smtp.state.refusing = { code: 451, message: "Try again later" };
    const r = await server.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId);
    if (!r.ok) throw new Error(r.reason);
    expect(smtp.received.length).toBe(before);
    expect(r.deliveries.length).toBeGreaterThan(0);
    for (const d of r.deliveries) expect(d).toMatchObject({ status: "failed", retryable: true, reason: expect.stringContaining("Try again later") });
    // The version is distributed all the same; nothing else broke.
    expect(server.services.minutes.versions(m.meetingId).map((v) => v.status)).toEqual(["distributed", "distributed"]);
    const rows = server.services.database.db.select().from(minutesDeliveries).where(eq(minutesDeliveries.versionId, corrected.version.id)).all();
    expect(rows.every((d) => d.status === "failed")).toBe(true);

    smtp.state.refusing = null;
    const retried = await server.services.minutes.retry(actor("coordinator@riverside.example"), m.meetingId, rows.find((d) => d.email === "health@riverside.example" && d.kind === "minutes")!.id);
    expect(retried).toMatchObject({ status: "sent", attempts: 2, reason: null, retryable: false });
    const resent = smtp.received.at(-1)!;
    expect(resent.envelopeTo).toEqual(["health@riverside.example"]);
    expect(pdfText(resent.mail.attachments.find((a) => a.filename?.startsWith("minutes"))!.content)).toContain("two more months");

    // Version 1 is still there, byte for byte.
    const full = await server.services.minutes.download(actor("chair@riverside.example"), m.meetingId, { personId: m.member("chair@riverside.example").personId, recipient: { agency: { id: "x", name: "x" }, seesAll: true } }, 1);
    if ("error" in full) throw new Error(full.error);
    expect(sha(full.pdf)).toBe(v1.pdfSha256);
    expect(pdfText(full.pdf)).toContain("one more month");
    expect(audits("minutes.downloaded").at(-1)!.details).toContain('"version":1');
    const stored = server.services.database.db.select().from(minutesVersions).where(eq(minutesVersions.meetingId, m.meetingId)).all();
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe.skipIf(!pdfToolsAvailable)("minutes without a mail server", () => {
  let plain: TestServer;
  let p: Awaited<ReturnType<typeof closedMeeting>>;
  beforeAll(async () => {
    plain = await startTestServer();
    p = await closedMeeting(plain);
  }, 60_000);
  afterAll(async () => {
    p?.close();
    await plain?.stop();
  });

  it("drops each mail as an .eml file in the outbox, recorded as sent", async () => {
    const chair = { personId: p.member("chair@riverside.example").personId, ip: null };
    expect((await plain.services.minutes.approve(chair, p.meetingId)).ok).toBe(true);
    const r = await plain.services.minutes.distribute({ personId: p.member("coordinator@riverside.example").personId, ip: null }, p.meetingId);
    if (!r.ok) throw new Error(r.reason);
    const outbox = join(plain.dir, "outbox");
    const emls = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    expect(emls).toHaveLength(r.deliveries.length);
    expect(r.deliveries.every((d) => d.status === "sent" && existsSync(join(outbox, `${d.mailId}.eml`)))).toBe(true);
    const school = r.deliveries.find((d) => d.email === "school@riverside.example")!;
    expect(readFileSync(join(outbox, `${school.mailId}.eml`), "utf8")).toContain("To: school@riverside.example");
  });
});
