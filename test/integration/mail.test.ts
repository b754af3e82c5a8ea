import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { minutesSchema } from "../../server/documents/minutesModel.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { composeMail, createMailTransport, type MailTransport } from "../../server/mail/mailer.ts";
import type { MailStyle } from "../../server/mail/mailStyle.ts";
import { minutesMail } from "../../server/mail/minutesMail.ts";
import { FIXTURE_AGENCIES, minutesFixture } from "../fixtures/minutesFixture.ts";
import { smtpServer } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";

const minutes = minutesSchema.parse(minutesFixture({ items: 6, tasks: 8 }));
const ENGLISH: MailStyle = { language: "en", dates: { locale: "en-GB", timeZone: minutes.network.timeZone } };
const health = FIXTURE_AGENCIES[3];
let dir: string;
let pdf: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "casetable-mail-"));
  pdf = await renderMinutesPdf(redact(minutes, { agency: health, seesAll: false }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("configuration", () => {
  it("takes SMTP_URL, MAIL_FROM, OUTBOX_DIR and MAIL_RETRY_AFTER, and refuses a URL that is not SMTP", () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: undefined,
      from: "Casetable <casetable@localhost>",
      outboxDir: "./data/outbox",
      retryAfterSeconds: [60, 300, 900, 3600],
    });
    expect(
      loadConfig({
        SMTP_URL: "smtps://u:p@mail.example:465",
        MAIL_FROM: "Riverside <minutes@riverside.example>",
        OUTBOX_DIR: "/tmp/x",
        MAIL_RETRY_AFTER: "5,30",
      }).mail,
    ).toEqual({
      smtpUrl: "smtps://u:p@mail.example:465",
      from: "Riverside <minutes@riverside.example>",
      outboxDir: "/tmp/x",
      retryAfterSeconds: [5, 30],
    });
    expect(() => loadConfig({ SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_RETRY_AFTER: "soon" })).toThrow(/MAIL_RETRY_AFTER/);
  });
});

/** Sends one composed message and says what became of it, and whether it was all handed over. */
async function sendOnce(transport: MailTransport, id: string, raw: Buffer) {
  let handedOver = false;
  const outcome = await transport.send(
    { to: ["lukasz@health.example"], raw, file: `${id}.eml` },
    () => (handedOver = true),
  );
  return { outcome, handedOver };
}

describe("sending the minutes", () => {
  it("through SMTP: the recipient gets their copy as PDF and the next meeting as .ics, with the Message-ID of its delivery", async () => {
    const smtp = await smtpServer();
    const transport = createMailTransport({
      smtpUrl: smtp.url,
      from: "Riverside <minutes@riverside.example>",
      outboxDir: join(dir, "smtp"),
    });
    try {
      const raw = await composeMail("Riverside <minutes@riverside.example>", "delivery-1", {
        ...minutesMail(minutes, { email: "lukasz@health.example", name: "Łukasz Zieliński" }, { pdf }, ENGLISH),
      });
      expect(await sendOnce(transport, "delivery-1", raw)).toEqual({ outcome: { state: "sent" }, handedOver: true });
      expect(smtp.received).toHaveLength(1);
      const { mail, envelopeTo } = smtp.received[0]!;
      expect(envelopeTo).toEqual(["lukasz@health.example"]);
      expect(mail.messageId).toBe("<delivery-1@casetable>");
      expect(mail.subject).toBe("[RESTRICTED] Minutes: Monthly case conference, March 2030");
      expect(mail.from?.text).toContain("minutes@riverside.example");
      expect(mail.text).toContain("Dear Łukasz Zieliński");
      // No case code travels outside the attachment.
      expect(`${mail.subject} ${mail.text} ${JSON.stringify([...mail.headers])}`).not.toMatch(/C-2030-\d{4}/);

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
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it("without SMTP_URL: an .eml lands in the outbox and parses back to the same mail", async () => {
    const outbox = join(dir, "outbox");
    const transport = createMailTransport({
      smtpUrl: undefined,
      from: "Casetable <casetable@localhost>",
      outboxDir: outbox,
    });
    const raw = await composeMail(
      "Casetable <casetable@localhost>",
      "delivery-2",
      minutesMail(minutes, { email: "sofia@school.example", name: "Σοφία Παπαδοπούλου" }, { pdf }, ENGLISH),
    );
    expect((await sendOnce(transport, "delivery-2", raw)).outcome).toEqual({ state: "sent" });
    const mail = await simpleParser(readFileSync(join(outbox, "delivery-2.eml")));
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("sofia@school.example");
    expect(mail.text).toContain("Dear Σοφία Παπαδοπούλου");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["minutes-2030-03-14-v1.pdf", "next-meeting.ics"]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it("a mail server saying 'not now' (4xx), or nobody listening: failed, may pass later", async () => {
    const raw = await composeMail(
      "Casetable <casetable@localhost>",
      "delivery-3",
      minutesMail(minutes, { email: "jonas@police.example", name: "Jonas Becker" }, { pdf }, ENGLISH),
    );
    const down = await smtpServer({ refusing: { code: 451, message: "Try again later" } });
    const transport = createMailTransport({
      smtpUrl: down.url,
      from: "Casetable <casetable@localhost>",
      outboxDir: dir,
    });
    try {
      const { outcome } = await sendOnce(transport, "delivery-3", raw);
      // The mail server's own answer, as it came.
      expect(outcome).toMatchObject({ state: "failed", reason: "451 Try again later" });
    } finally {
      transport.close();
      await down.close();
    }
    const nobody = createMailTransport({ smtpUrl: down.url, from: "Casetable <casetable@localhost>", outboxDir: dir });
    try {
      const { outcome, handedOver } = await sendOnce(nobody, "delivery-3", raw);
      expect(handedOver).toBe(false);
      expect(outcome).toMatchObject({
        state: "failed",
        reason: "unreachable",
      });
    } finally {
      nobody.close();
    }
  });

  it("a permanent refusal (5xx) is refused, for good", async () => {
    const smtp = await smtpServer({ refusing: { code: 550, message: "No such mailbox" } });
    const transport = createMailTransport({
      smtpUrl: smtp.url,
      from: "Casetable <casetable@localhost>",
      outboxDir: dir,
    });
    try {
      const raw = await composeMail(
        "Casetable <casetable@localhost>",
        "delivery-4",
        minutesMail(minutes, { email: "nobody@police.example", name: "Nobody" }, { pdf }, ENGLISH),
      );
      expect((await sendOnce(transport, "delivery-4", raw)).outcome).toMatchObject({
        state: "refused",
        reason: "550 No such mailbox",
      });
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it("no answer after the whole message went: unknown (it may have arrived), not failed", async () => {
    const smtp = await smtpServer();
    smtp.state.stalling = true;
    const transport = createMailTransport({
      smtpUrl: `${smtp.url}?socketTimeout=800`,
      from: "Casetable <casetable@localhost>",
      outboxDir: dir,
    });
    try {
      const raw = await composeMail(
        "Casetable <casetable@localhost>",
        "delivery-5",
        minutesMail(minutes, { email: "jonas@police.example", name: "Jonas Becker" }, { pdf }, ENGLISH),
      );
      const { outcome, handedOver } = await sendOnce(transport, "delivery-5", raw);
      expect(handedOver).toBe(true);
      expect(outcome).toMatchObject({ state: "unknown", reason: "no_answer" });
      expect(smtp.stalled.map((m) => m.mail.messageId)).toEqual(["<delivery-5@casetable>"]);
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});
