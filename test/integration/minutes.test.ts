import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedMeeting, deliveriesSettled, useSmtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";
import { useTestServer } from "../support/harness.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

// The mail server first: the Casetable under test sends to it (and stops before it).
const smtp = useSmtpServer();
// The second tenant: Eastport's chair, who must reach none of these minutes.
const app = useTestServer({ secondTenant: true, env: () => ({ SMTP_URL: smtp.url }) });
let m: Awaited<ReturnType<typeof closedMeeting>>;
const actor = (email: string) => ({ personId: m.member(email).personId, ip: null });

beforeAll(async () => {
  m = await closedMeeting(app.server, app.net);
}, 60_000);
afterAll(() => m?.close());

const audits = (action: string) => {
  const { store } = app.services.database;
  return store.db
    .select()
    .from(store.t.auditLog)
    .where(and(eq(store.t.auditLog.action, action), eq(store.t.auditLog.subjectId, m.meetingId)))
    .orderBy(asc(store.t.auditLog.id));
};
const attachmentOf = (email: string, kind: "minutes" | "action-plan") => {
  const got = smtp.received
    .filter((r) => r.envelopeTo.includes(email))
    .flatMap((r) => r.mail.attachments)
    .filter((a) => a.filename?.startsWith(kind));
  expect(got, `${kind} for ${email}`).toHaveLength(1);
  return got[0]!.content;
};

describe.skipIf(!pdfToolsAvailable)("minutes from a closed meeting", () => {
  it("builds the draft live from the meeting record: attendance, apologies, guests, decisions with views, tasks, notes, next meeting; no identity", async () => {
    const draft = (await app.services.minutes.model(m.meetingId))!;
    expect(draft.document).toMatchObject({ version: 1, status: "draft" });
    expect(draft.classification).toBeNull();
    expect(draft.meeting.chair.name).toBe("Elena Novak");
    expect(draft.meeting.minuteTaker.name).toBe("Tomás Ruiz");
    expect(draft.attendance.map((a) => a.name).sort()).toEqual([
      "Elena Novak",
      "Jonas Becker",
      "Sofia Papadopoulou",
      "Tomás Ruiz",
    ]);
    expect(draft.apologies.map((a) => a.name)).toEqual(["Łukasz Zieliński"]);
    expect(draft.guests).toEqual([expect.objectContaining({ name: "Niamh O'Brien", itemIds: [m.items.item3.id] })]);
    const item3 = draft.items.find((i) => i.id === m.items.item3.id)!;
    expect(item3).toMatchObject({ kind: "case", caseCode: m.codes.case3 });
    expect(item3.decisions[0]).toMatchObject({
      text: "Continue",
      rationale: "Training attendance is rising; the plan holds.",
      views: [{ view: "agree", comment: "Fine by us." }],
    });
    expect(item3.tasks.map((t) => t.what)).toEqual(["Visit the training centre with Zoë"]);
    expect(JSON.stringify(item3.notes)).toContain("Attendance at training");
    expect(draft.actionList.map((a) => a.what)).toContain("Visit the training centre with Zoë");
    // The next meeting is the network's first scheduled one after this (the demo has its own).
    const next = (await app.services.meetings.list(m.net.networkId))
      .filter((x) => x.status === "scheduled" && x.startsAt > new Date(draft.meeting.startsAt))
      .sort((a, b) => +a.startsAt - +b.startsAt)[0]!;
    expect(draft.nextMeeting).toEqual({ startsAt: next.startsAt.toISOString(), endsAt: null, place: next.place ?? "" });
    // prepareMeeting registered the signal's subject as "Fictional Subject".
    expect(JSON.stringify(draft)).not.toContain("Fictional Subject");
    expect(await app.services.minutes.versions(m.meetingId)).toEqual([]);
  });

  it("a closure proposal kept open in the room is a closure decision that closes nothing: the proposal is withdrawn and the figures count no closure", async () => {
    const { store } = app.services.database;
    const { t } = store;
    const [kept] = await store.db.select().from(t.decisions).where(eq(t.decisions.id, m.decisions.d5));
    expect(kept).toMatchObject({ kind: "closure", outcome: "keep_open" });
    const proposals = await store.db
      .select()
      .from(t.closureProposals)
      .where(eq(t.closureProposals.caseId, kept.caseId));
    expect(proposals.map((p) => p.status)).toEqual(["withdrawn"]);
    const closed = (
      await store.db
        .select()
        .from(t.decisions)
        .where(and(eq(t.decisions.networkId, m.net.networkId), eq(t.decisions.outcome, "closed")))
    ).length;
    const { quarters } = await app.services.evaluation.figures(m.net.networkId);
    expect(quarters.reduce((sum, q) => sum + q.closures, 0)).toBe(closed);
  });

  it("the chair's approval freezes version 1: the model and the full PDF in the archive with its SHA-256; a second approval at the same moment is told, and leaves no file", async () => {
    // Two approvals at once (a double click, or chair and deputy): one version, one file.
    const [first, second] = await Promise.all([
      app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId),
      app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId),
    ]);
    const r = first.ok ? first : second;
    if (!r.ok) throw new Error(r.reason);
    expect([first, second].filter((x) => !x.ok)).toEqual([{ ok: false, reason: "approved_meanwhile", version: 1 }]);
    expect(r.version).toMatchObject({ version: 1, status: "approved", changeNote: null });
    // Stored relative to the archive folder, so a restored copy elsewhere still finds it.
    expect(r.version.pdfPath).toBe(`${m.net.networkId}/${m.meetingId}/minutes-v1-${r.version.id}.pdf`);
    const file = join(app.server.dir, "archive", r.version.pdfPath);
    expect(readdirSync(join(file, ".."))).toEqual([`minutes-v1-${r.version.id}.pdf`]);
    const pdf = readFileSync(file);
    expect(sha(pdf)).toBe(r.version.pdfSha256);
    qpdfCheck(pdf);
    const text = pdfText(pdf);
    expect(text).toContain(m.codes.case3);
    expect(text).toContain(m.codes.case5);
    expect(text).not.toContain("Fictional Subject");
    // A second approval without saying what changed is refused.
    expect(await app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId)).toEqual({
      ok: false,
      reason: "change_note_required",
    });
    expect(
      await app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId, {
        changeNote: "Nothing really",
      }),
    ).toEqual({ ok: false, reason: "nothing_changed" });
    expect(await audits("minutes.approved")).toHaveLength(1);
  });

  it("distribution mails every invited person their own copy, redacted to what their agency may see, with the next meeting's .ics", async () => {
    const r = await app.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId);
    if (!r.ok) throw new Error(r.reason);
    // Written pending in the distribution's transaction; the mail worker sends them.
    expect(r.deliveries.every((d) => d.state === "pending")).toBe(true);
    const settled = await deliveriesSettled(app.server, m.meetingId);
    const minutesMails = settled.filter((d) => d.kind === "minutes");
    // Every participant, the absent health worker and the guest included.
    expect(minutesMails.map((d) => d.email).sort()).toEqual(
      ["chair", "coordinator", "health", "police", "school", "social", "youth"]
        .map((p) => `${p}@riverside.example`)
        .sort(),
    );
    expect(settled.map((d) => d.id).sort()).toEqual(r.deliveries.map((d) => d.id).sort());
    expect(settled.every((d) => d.state === "sent" && d.attempts === 1 && smtp.copiesOf(d.id) === 1)).toBe(true);
    expect(await app.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId)).toEqual({
      ok: false,
      reason: "already_distributed",
    });

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
    expect(health).toContain(m.codes.case5);
    expect(health).toContain(keepOpen);
    expect(health).not.toContain(m.codes.case3);
    expect(health).not.toContain("Visit the training centre");
    expect(health).not.toContain("Attendance at training");
    for (const email of ["school@riverside.example", "social@riverside.example"]) {
      const t = textOf(email);
      expect(t).not.toContain(m.codes.case3);
      expect(t).not.toContain(m.codes.case5);
      expect(t).not.toContain(keepOpen);
      expect(t).not.toContain("Training attendance is rising");
      expect(t).not.toContain("Visit the training centre");
    }
    const youth = textOf("youth@riverside.example");
    expect(youth).toContain(m.codes.case3);
    expect(youth).not.toContain(m.codes.case5);
    expect(youth).not.toContain(keepOpen);
    for (const t of [chair, police, health, youth]) expect(t).not.toContain("Fictional Subject");

    const mail = smtp.received.find(
      (x) => x.envelopeTo.includes("school@riverside.example") && x.mail.subject?.includes("Minutes"),
    )!.mail;
    expect(mail.subject).toBe("[RESTRICTED] Minutes: Monthly case conference");
    expect(mail.text).not.toContain(m.codes.case3);
    const ics = mail.attachments.find((a) => a.filename === "next-meeting.ics")!;
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics.content.toString("utf8"))).getFirstSubcomponent("vevent")!,
    );
    const next = (await app.services.minutes.model(m.meetingId, 1))!.nextMeeting!;
    expect(event.location).toBe(next.place);
    expect(event.startDate.toJSDate().toISOString()).toBe(next.startsAt);

    // The action plan of case 3 goes to the police, the agency involved, and to nobody else.
    const plans = settled.filter(
      (d) => d.kind === "action_plan" && (d.payload as { caseCode: string }).caseCode === m.codes.case3,
    );
    expect(plans.map((d) => d.email)).toEqual(["police@riverside.example"]);
    expect(pdfText(attachmentOf("police@riverside.example", "action-plan"))).toContain(m.codes.case3);
    expect(
      smtp.received
        .filter((x) => !x.envelopeTo.includes("police@riverside.example"))
        .flatMap((x) => x.mail.attachments)
        .some((a) => a.filename?.startsWith("action-plan")),
    ).toBe(false);

    const row = (await app.services.minutes.versions(m.meetingId))[0]!;
    expect(row.status).toBe("distributed");
    expect(row.distributedAt).not.toBeNull();
    expect((await audits("minutes.distributed"))[0]!.details).toContain(`"mails":${r.deliveries.length}`);
  });

  it("a correction after approval is version 2 with what changed and why; a refusing mail server leaves failed, retryable deliveries; version 1 stays downloadable, unchanged", async () => {
    const v1 = (await app.services.minutes.versions(m.meetingId))[0]!;
    await m.correct(
      m.decisions.d5,
      "Mental health asks for two more months of sessions.",
      "The minute-taker wrote one month; it was two.",
    );
    const corrected = await app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId, {
      changeNote: "Item on case 4: two months, not one, as the mental health service asked.",
    });
    if (!corrected.ok) throw new Error(corrected.reason);
    expect(corrected.version).toMatchObject({ version: 2, changeNote: expect.stringContaining("two months") });
    expect(await audits("minutes.corrected")).toHaveLength(1);

    const before = smtp.received.length;
    smtp.state.refusing = { code: 451, message: "Try again later" };
    const r = await app.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId);
    if (!r.ok) throw new Error(r.reason);
    const rows = await deliveriesSettled(app.server, m.meetingId).then((all) =>
      all.filter((d) => d.minutesVersionId === corrected.version.id),
    );
    expect(smtp.received.length).toBe(before);
    expect(rows.length).toBe(r.deliveries.length);
    expect(rows.length).toBeGreaterThan(0);
    // Failed for now: tried again automatically later (MAIL_RETRY_AFTER), or now by a person.
    for (const d of rows)
      expect(d).toMatchObject({
        state: "failed",
        nextAttemptAt: expect.any(Date),
        reason: expect.stringContaining("Try again later"),
      });
    // The version is distributed all the same; nothing else broke.
    expect((await app.services.minutes.versions(m.meetingId)).map((v) => v.status)).toEqual([
      "distributed",
      "distributed",
    ]);

    smtp.state.refusing = null;
    const health = rows.find((d) => d.email === "health@riverside.example" && d.kind === "minutes")!;
    expect(
      await app.services.minutes.retry(actor("coordinator@riverside.example"), m.meetingId, health.id),
    ).toMatchObject({
      ok: true,
    });
    const retried = (await deliveriesSettled(app.server, m.meetingId)).find((d) => d.id === health.id);
    expect(retried).toMatchObject({ state: "sent", attempts: 2, reason: null, nextAttemptAt: null });
    const resent = smtp.received.at(-1)!;
    expect(resent.envelopeTo).toEqual(["health@riverside.example"]);
    expect(pdfText(resent.mail.attachments.find((a) => a.filename?.startsWith("minutes"))!.content)).toContain(
      "two more months",
    );

    // Version 1 is still there, byte for byte.
    const full = await app.services.minutes.download(
      actor("chair@riverside.example"),
      m.meetingId,
      {
        personId: m.member("chair@riverside.example").personId,
        recipient: { agency: { id: "x", name: "x" }, seesAll: true },
        language: "en",
      },
      1,
    );
    if ("error" in full) throw new Error(full.error);
    expect(sha(full.pdf)).toBe(v1.pdfSha256);
    expect(pdfText(full.pdf)).toContain("one more month");
    expect((await audits("minutes.downloaded")).at(-1)!.details).toContain('"version":1');
    const { store } = app.services.database;
    const stored = await store.db
      .select()
      .from(store.t.minutesVersions)
      .where(eq(store.t.minutesVersions.meetingId, m.meetingId))
      .orderBy(asc(store.t.minutesVersions.version));
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe.skipIf(!pdfToolsAvailable)("the minutes pages and downloads", () => {
  const url = () => `/n/${m.net.networkId}/meetings/${m.meetingId}`;
  const pdfOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it("the coordinator sees status, versions with their change notes and deliveries; a failed delivery can be retried from the page", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const page = await coordinator.get(`${url()}/minutes`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Version 2 was released for sending on");
    expect(html).toContain("two months, not one");
    expect(html).toContain("First version");
    expect(html).toContain("Try again now");
    expect(html).not.toContain(app.server.dir);
    const failed = (await app.services.minutes.deliveries(m.meetingId)).find(
      (x) => x.d.state === "failed" && x.d.email === "school@riverside.example",
    )!;
    expect((await coordinator.post(`${url()}/minutes`, { intent: "retry", deliveryId: failed.d.id })).status).toBe(200);
    expect((await deliveriesSettled(app.server, m.meetingId)).find((d) => d.id === failed.d.id)).toMatchObject({
      state: "sent",
      attempts: 2,
    });
    // The chair approves; the coordinator may not.
    expect((await coordinator.post(`${url()}/minutes`, { intent: "approve", changeNote: "x" })).status).toBe(403);
  });

  it("the chair needs a change note for a new version: the error sits beside the field", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const res = await chair.post(`${url()}/minutes`, { intent: "approve", changeNote: "" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Say what changed since the last version, and why.");
    expect(html).toMatch(/id="[^"]*changeNote[^"]*-error"/);
    expect(await app.services.minutes.versions(m.meetingId)).toHaveLength(2);
  });

  it("downloads: full archived record for the chair, the member's own redacted copy, all audited; the draft and other people's meetings stay closed", async () => {
    const before = (await audits("minutes.downloaded")).length;
    const chair = await app.signIn("chair@riverside.example");
    const full = await chair.get(`${url()}/minutes.pdf?version=1`);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("application/pdf");
    expect(full.headers.get("cache-control")).toBe("no-store");
    expect(sha(await pdfOf(full))).toBe((await app.services.minutes.versions(m.meetingId))[0]!.pdfSha256);

    const school = await app.signIn("school@riverside.example");
    const own = await school.get(`${url()}/minutes.pdf?version=2`);
    expect(own.status).toBe(200);
    const text = pdfText(await pdfOf(own));
    expect(text).toContain("Monthly case conference");
    expect(text).not.toContain(m.codes.case3);
    expect(text).not.toContain(m.codes.case5);
    // The draft is for the chair and the coordinator.
    expect((await school.get(`${url()}/minutes.pdf`)).status).toBe(404);
    expect((await school.get(`${url()}/minutes.pdf?version=abc`)).status).toBe(404);
    expect((await chair.get(`${url()}/minutes.pdf`)).status).toBe(200);

    const log = (await audits("minutes.downloaded")).slice(before);
    expect(log).toHaveLength(3);
    expect(log.map((a) => a.actorId)).toEqual([
      m.member("chair@riverside.example").personId,
      m.member("school@riverside.example").personId,
      m.member("chair@riverside.example").personId,
    ]);
    expect(log[1]!.details).toContain(
      '"copy":"Education"'.replace("Education", m.member("school@riverside.example").agencyName),
    );

    // The chair of another network: 404 on the page and on the PDF, under either network's address.
    const otherNetworkId = app.secondTenant.networkId;
    const stranger = await app.signIn(app.secondTenant.chairEmail);
    for (const path of [
      `${url()}/minutes`,
      `${url()}/minutes.pdf?version=1`,
      `/n/${otherNetworkId}/meetings/${m.meetingId}/minutes`,
      `/n/${otherNetworkId}/meetings/${m.meetingId}/minutes.pdf?version=1`,
    ]) {
      expect((await stranger.get(path)).status, path).toBe(404);
    }
    expect((await audits("minutes.downloaded")).slice(before)).toHaveLength(3);
  });
});

describe.skipIf(!pdfToolsAvailable)("minutes without a mail server", () => {
  const plain = useTestServer({ seed: false }); // closedMeeting seeds the network itself
  let p: Awaited<ReturnType<typeof closedMeeting>>;
  beforeAll(async () => {
    p = await closedMeeting(plain.server);
  }, 60_000);
  afterAll(() => p?.close());

  it("drops each mail as an .eml file in the outbox, recorded as sent", async () => {
    const chair = { personId: p.member("chair@riverside.example").personId, ip: null };
    expect((await plain.services.minutes.approve(chair, p.meetingId)).ok).toBe(true);
    const r = await plain.services.minutes.distribute(
      { personId: p.member("coordinator@riverside.example").personId, ip: null },
      p.meetingId,
    );
    if (!r.ok) throw new Error(r.reason);
    const outbox = join(plain.server.dir, "outbox");
    const settled = await deliveriesSettled(plain.server, p.meetingId);
    expect(settled).toHaveLength(r.deliveries.length);
    expect(
      readdirSync(outbox)
        .filter((f) => f.endsWith(".eml"))
        .sort(),
    ).toEqual(settled.map((d) => `${d.id}.eml`).sort());
    expect(settled.every((d) => d.state === "sent" && existsSync(join(outbox, `${d.id}.eml`)))).toBe(true);
    // Sent: no copy waits in pending/ any more (removed just after the row says sent).
    await expect.poll(() => readdirSync(join(outbox, "pending"))).toEqual([]);
    const school = settled.find((d) => d.email === "school@riverside.example")!;
    expect(readFileSync(join(outbox, `${school.id}.eml`), "utf8")).toContain("To: school@riverside.example");
  });

  it("restored into another folder, the instance still answers the archived version", async () => {
    const v1 = (await plain.services.minutes.versions(p.meetingId))[0]!;
    const { dir } = plain.server;
    p.close();
    const restored = await plain.restart({ moved: true });
    expect(restored.dir).not.toBe(dir);
    const chair = await plain.signIn("chair@riverside.example");
    const res = await chair.get(`/n/${p.net.networkId}/meetings/${p.meetingId}/minutes.pdf?version=1`);
    expect(res.status).toBe(200);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(v1.pdfSha256);
  });
});
