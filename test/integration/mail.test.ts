import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { minutesSchema } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { createFileDeliveryStore } from "../../server/mail/deliveries.ts";
import { createMailer } from "../../server/mail/mailer.ts";
import { minutesMail } from "../../server/mail/minutesMail.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

/** A real SMTP server on port 0 that keeps what it receives, or refuses it with `refuse`. */
async function smtpServer(refuse?: { code: number; message: string }) {
  const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (refuse) return callback(Object.assign(new Error(refuse.message), { responseCode: refuse.code }));
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(Buffer.concat(chunks)) });
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((done) => server.close(() => done())) };
}

const minutes = minutesSchema.parse(minutesFixture({ items: 6, tasks: 8 }));
const health = FIXTURE_AGENCIES[3];
let dir: string;
let pdf: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "casetable-mail-"));
  pdf = await renderMinutesPdf(redact(minutes, { agency: health, seesAll: false }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("configuration", () => {
  it("takes SMTP_URL, MAIL_FROM and OUTBOX_DIR, and refuses a URL that is not SMTP", () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: "Casetable <casetable@localhost>", outboxDir: "./data/outbox" });
    expect(loadConfig({ SMTP_URL: "smtps://u:p@mail.example:465", MAIL_FROM: "Riverside <minutes@riverside.example>", OUTBOX_DIR: "/tmp/x" }).mail).toEqual({
      smtpUrl: "smtps://u:p@mail.example:465",
      from: "Riverside <minutes@riverside.example>",
      outboxDir: "/tmp/x",
    });
    expect(() => loadConfig({ SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL/);
  });
});

describe("sending the minutes", () => {
  it("through SMTP: the recipient gets their copy as PDF and the next meeting as .ics; the delivery is recorded as sent", async () => {
    const smtp = await smtpServer();
    try {
      const outbox = join(dir, "smtp");
      const mailer = createMailer({ smtpUrl: smtp.url, from: "Riverside <minutes@riverside.example>", outboxDir: outbox }, createFileDeliveryStore(outbox));
      const delivery = await mailer.send(minutesMail(minutes, { email: "lukasz@health.example", name: "Łukasz Zieliński" }, pdf));
      expect(delivery).toMatchObject({ status: "sent", transport: "smtp", attempts: 1, retries: 0, to: ["lukasz@health.example"], purpose: "minutes:meeting-1:v1" });
      expect(smtp.received).toHaveLength(1);
      const { mail, envelopeTo } = smtp.received[0];
      expect(envelopeTo).toEqual(["lukasz@health.example"]);
      expect(mail.subject).toBe("[RESTRICTED] Minutes: Monthly case conference, March 2030");
      expect(mail.from?.text).toContain("minutes@riverside.example");
      expect(mail.text).toContain("Dear Łukasz Zieliński");
      // No case code travels outside the attachment.
      expect(`${mail.subject} ${mail.text}`).not.toMatch(/C-2030-\d{4}/);

      const attached = mail.attachments.find((a) => a.contentType === "application/pdf")!;
      expect(attached.filename).toBe("minutes-2030-03-14-v1.pdf");
      expect(attached.content.equals(pdf)).toBe(true);
      if (pdfToolsAvailable) expect(pdfText(attached.content)).toContain(`Copy for ${health.name}`);

      const ics = mail.attachments.find((a) => a.filename === "next-meeting.ics")!;
      expect(ics.contentType).toBe("text/calendar");
      const calendar = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
      expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
      const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
      expect(event.uid).toBe("next-meeting-1@casetable");
      expect(event.startDate.toJSDate().toISOString()).toBe("2030-04-11T07:30:00.000Z");
      expect(event.endDate.toJSDate().toISOString()).toBe("2030-04-11T10:00:00.000Z");
      expect(event.location).toBe("Stadhuis Rivierstad, Zaal 3");
      expect(event.attendees).toEqual([]);

      // The record survives a restart: a new store on the same folder reads it back.
      const again = await createFileDeliveryStore(outbox).get(delivery.id);
      expect(again).toMatchObject({ status: "sent", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      // Sent through SMTP: no copy of the minutes stays behind in the outbox.
      expect(readdirSync(join(outbox, "pending"))).toEqual([]);
    } finally {
      await smtp.close();
    }
  });

  it("without SMTP_URL: an .eml lands in the outbox and parses back to the same mail", async () => {
    const outbox = join(dir, "outbox");
    const mailer = createMailer({ smtpUrl: undefined, from: "Casetable <casetable@localhost>", outboxDir: outbox }, createFileDeliveryStore(outbox));
    const delivery = await mailer.send(minutesMail(minutes, { email: "sofia@school.example", name: "Σοφία Παπαδοπούλου" }, pdf));
    expect(delivery).toMatchObject({ status: "sent", transport: "outbox" });
    expect(delivery.file).toBe(join(outbox, `${delivery.id}.eml`));
    const mail = await simpleParser(readFileSync(delivery.file!));
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("sofia@school.example");
    expect(mail.text).toContain("Dear Σοφία Παπαδοπούλου");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["minutes-2030-03-14-v1.pdf", "next-meeting.ics"]);
    expect(mail.attachments[0].content.equals(pdf)).toBe(true);
  });

  it("a failing mail server marks the delivery failed and retryable; a retry sends the same message once the server is back", async () => {
    const outbox = join(dir, "failing");
    const store = createFileDeliveryStore(outbox);
    const down = await smtpServer({ code: 451, message: "Try again later" });
    const mailer = createMailer({ smtpUrl: down.url, from: "Casetable <casetable@localhost>", outboxDir: outbox }, store);
    const failed = await mailer.send(minutesMail(minutes, { email: "jonas@police.example", name: "Jonas Becker" }, pdf));
    await down.close();
    expect(failed).toMatchObject({ status: "failed", retryable: true, attempts: 1 });
    expect(failed.lastError).toMatch(/451.*Try again later/);
    expect(existsSync(join(outbox, "pending", `${failed.id}.eml`))).toBe(true);

    // Nobody listening at all: still a failed, retryable delivery, not an exception.
    const refused = await mailer.retry(failed.id);
    expect(refused).toMatchObject({ status: "failed", retryable: true, attempts: 2, retries: 1 });
    expect(refused.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

    const up = await smtpServer();
    try {
      const retrying = createMailer({ smtpUrl: up.url, from: "Casetable <casetable@localhost>", outboxDir: outbox }, store);
      const sent = await retrying.retry(failed.id);
      expect(sent).toMatchObject({ status: "sent", attempts: 3, retries: 2, sha256: failed.sha256 });
      expect(up.received).toHaveLength(1);
      expect(up.received[0].mail.messageId).toBe(`<${failed.id}@casetable>`);
      // Retrying what is sent does nothing more.
      expect(await retrying.retry(failed.id)).toMatchObject({ status: "sent", attempts: 3 });
      expect(up.received).toHaveLength(1);
    } finally {
      await up.close();
    }
  });

  it("a permanent refusal (5xx) is recorded as failed and not retryable", async () => {
    const outbox = join(dir, "refused");
    const smtp = await smtpServer({ code: 550, message: "No such mailbox" });
    try {
      const mailer = createMailer({ smtpUrl: smtp.url, from: "Casetable <casetable@localhost>", outboxDir: outbox }, createFileDeliveryStore(outbox));
      const d = await mailer.send(minutesMail(minutes, { email: "nobody@police.example", name: "Nobody" }, pdf));
      expect(d).toMatchObject({ status: "failed", retryable: false });
      expect(d.lastError).toMatch(/550/);
    } finally {
      await smtp.close();
    }
  });
});
