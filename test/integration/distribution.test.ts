import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, meetingSocket } from "../support/meetings.ts";
import { approvedMeeting, deliveriesSettled, useSmtpServer } from "../support/minutes.ts";
import { pdfToolsAvailable } from "../support/pdfTools.ts";
import { useTestServer } from "../support/harness.ts";

// Distribution of the minutes as a durable job, through HTTP as the coordinator clicks:
// the request returns at once, the page hears each delivery, a double click sends once,
// and a mail whose fate is unknown is never sent again without a person deciding so.

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(!pdfToolsAvailable)("distributing the minutes with a slow mail server", () => {
  // The mail server first: the Casetable under test sends to it (and stops before it).
  const smtp = useSmtpServer({ delayMs: 3000 });
  const app = useTestServer({ seed: false, env: () => ({ SMTP_URL: smtp.url, MAIL_RETRY_AFTER: "3600" }) });
  let m: Awaited<ReturnType<typeof approvedMeeting>>;
  const page = () => `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;
  const person = (email: string) => ({ personId: m.member(email).personId, ip: null });

  beforeAll(async () => {
    m = await approvedMeeting(app.server);
  }, 60_000);
  afterAll(() => m?.close());

  it("the request returns at once; a double click sends once; the coordinator's page hears each delivery, a member's does not", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const live = meetingSocket(app.url, coordinator.cookieHeader);
    const school = meetingSocket(app.url, (await app.signIn("school@riverside.example")).cookieHeader);
    const heard: unknown[] = [];
    const overheard: unknown[] = [];
    live.on("minutes:deliveries", (e: unknown) => heard.push(e));
    school.on("minutes:deliveries", (e: unknown) => overheard.push(e));
    await Promise.all([connected(live), connected(school)]);
    try {
      const started = Date.now();
      const [a, b] = await Promise.all([
        coordinator.post(page(), { intent: "distribute" }),
        coordinator.post(page(), { intent: "distribute" }),
      ]);
      const took = Date.now() - started;
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      // Nothing was sent inside the request: eight mails at 3 s each would have taken 24 s.
      // (The bound is loose: the worker renders PDFs in the same process, on a shared machine.)
      expect(smtp.received).toHaveLength(0);
      expect(took).toBeLessThan(10_000);

      const rows = await deliveriesSettled(app.server, m.meetingId);
      const invited = await app.services.minutes.addressees(m.meetingId);
      expect(
        rows
          .filter((d) => d.kind === "minutes")
          .map((d) => d.recipientPersonId)
          .sort(),
      ).toEqual(invited.map((p) => p.personId).sort());
      for (const d of rows)
        expect({ email: d.email, state: d.state, copies: smtp.copiesOf(d.id) }).toEqual({
          email: d.email,
          state: "sent",
          copies: 1,
        });
      expect(smtp.received).toHaveLength(rows.length);

      await wait(400);
      expect(heard.length).toBeGreaterThan(1);
      expect(heard.every((e) => JSON.stringify(e) === JSON.stringify({ meetingId: m.meetingId }))).toBe(true);
      expect(overheard).toEqual([]);
    } finally {
      live.disconnect();
      school.disconnect();
    }
  }, 60_000);

  it("two retries of a failed mail at the same moment send it once", async () => {
    await m.correct(m.decisions.d5, "Mental health asks for two more months of sessions.", "It was two months.");
    const v2 = await app.services.minutes.approve(person("chair@riverside.example"), m.meetingId, {
      changeNote: "Two months, not one.",
    });
    if (!v2.ok) throw new Error(v2.reason);
    smtp.state.refusing = { code: 451, message: "Mailbox busy, try later" };
    expect((await app.services.minutes.distribute(person("coordinator@riverside.example"), m.meetingId)).ok).toBe(true);
    const failed = (await deliveriesSettled(app.server, m.meetingId)).filter(
      (d) => d.minutesVersionId === v2.version.id,
    );
    expect(failed.every((d) => d.state === "failed")).toBe(true);
    const police = failed.find((d) => d.email === "police@riverside.example" && d.kind === "minutes")!;
    const before = smtp.received.length;

    smtp.state.refusing = null;
    const coordinator = await app.signIn("coordinator@riverside.example");
    const other = await app.signIn("coordinator@riverside.example");
    const answers = await Promise.all([
      coordinator.post(page(), { intent: "retry", deliveryId: police.id }),
      other.post(page(), { intent: "retry", deliveryId: police.id }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await deliveriesSettled(app.server, m.meetingId)).find((d) => d.id === police.id);
    expect(after).toMatchObject({ state: "sent", attempts: 2 });
    expect(smtp.copiesOf(police.id)).toBe(1);
    expect(smtp.received.length).toBe(before + 1);
    // Retrying what is sent sends nothing.
    expect((await coordinator.post(page(), { intent: "retry", deliveryId: police.id })).status).toBe(409);
    await wait(300);
    expect(smtp.received.length).toBe(before + 1);
    // Someone else's delivery id, or none: not found, nothing changes.
    expect((await coordinator.post(page(), { intent: "retry", deliveryId: "no-such-delivery" })).status).toBe(404);
  }, 60_000);
});

describe.skipIf(!pdfToolsAvailable)("a mail server that takes the message and never answers", () => {
  const smtp = useSmtpServer();
  // A short timeout, and automatic retries after one second: none may happen for an unknown mail.
  const app = useTestServer({
    seed: false,
    env: () => ({ SMTP_URL: `${smtp.url}?socketTimeout=3000`, MAIL_RETRY_AFTER: "1,1,1" }),
  });
  let m: Awaited<ReturnType<typeof approvedMeeting>>;
  const page = () => `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;

  beforeAll(async () => {
    m = await approvedMeeting(app.server);
  }, 60_000);
  afterAll(() => m?.close());

  it("a timeout after the data is 'unknown', never resent by itself; 'send again anyway' sends the same Message-ID", async () => {
    smtp.state.stalling = true;
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await coordinator.post(page(), { intent: "distribute" })).status).toBe(200);
    const rows = await deliveriesSettled(app.server, m.meetingId);
    expect(rows.length).toBeGreaterThan(0);
    for (const d of rows)
      expect(d).toMatchObject({
        state: "unknown",
        attempts: 1,
        nextAttemptAt: null,
        reason: "no_answer",
      });
    expect(smtp.stalled).toHaveLength(rows.length);

    // Well past the automatic retry delay: nothing more went out.
    await wait(2500);
    expect(smtp.stalled).toHaveLength(rows.length);
    expect(smtp.received).toHaveLength(0);
    expect(
      (await app.services.minutes.deliveries(m.meetingId)).every((r) => r.d.state === "unknown" && r.d.attempts === 1),
    ).toBe(true);

    const html = await (await coordinator.get(page())).text();
    expect(html).toContain("Send again anyway");
    expect(html).not.toContain("Try again now");
    // A failed-mail retry does not apply to an unknown one.
    const school = rows.find((d) => d.email === "school@riverside.example" && d.kind === "minutes")!;
    expect((await coordinator.post(page(), { intent: "retry", deliveryId: school.id })).status).toBe(409);

    smtp.state.stalling = false;
    expect((await coordinator.post(page(), { intent: "resend", deliveryId: school.id })).status).toBe(200);
    expect((await deliveriesSettled(app.server, m.meetingId)).find((d) => d.id === school.id)).toMatchObject({
      state: "sent",
      attempts: 2,
    });
    const first = smtp.stalled.find(
      (x) => x.envelopeTo.includes("school@riverside.example") && x.mail.subject?.includes("Minutes"),
    )!;
    expect(smtp.received.map((x) => x.mail.messageId)).toEqual([first.mail.messageId]);
    expect(first.mail.messageId).toBe(`<${school.id}@casetable>`);
    // The chair may not decide it; the others stay unknown.
    const chair = await app.signIn("chair@riverside.example");
    const police = rows.find((d) => d.email === "police@riverside.example" && d.kind === "minutes")!;
    expect((await chair.post(page(), { intent: "resend", deliveryId: police.id })).status).toBe(403);
    expect((await app.services.minutes.deliveries(m.meetingId)).filter((r) => r.d.state === "unknown")).toHaveLength(
      rows.length - 1,
    );
  }, 60_000);
});
