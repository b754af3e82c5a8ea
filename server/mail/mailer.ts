import { Readable } from "node:stream";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import MailComposer from "nodemailer/lib/mail-composer";
import { writeAtomically } from "../documents/writeAtomically.ts";

// How a composed message leaves: through SMTP (a pooled nodemailer transport) when
// SMTP_URL is set, otherwise as an .eml file in the outbox folder, so mail works with no
// mail server. Sending never throws: it says what became of the message, and whether the
// mail server may have it even though it did not say so.

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer | string; contentType: string }[];
  /** An iTIP calendar message (invitation, update, cancellation): sent as a `text/calendar;
   * method=…` alternative that mail programs offer to answer, and as an `.ics` attachment. */
  calendar?: { method: "REQUEST" | "CANCEL"; content: string };
}

/**
 * - `sent`: accepted (or written to the outbox folder);
 * - `failed`: not accepted and may pass later (4xx, no connection, cut before the whole message went);
 * - `refused`: the mail server said no for good (5xx);
 * - `unknown`: the whole message went, then no answer (timeout, lost connection): it may have arrived.
 */
export type SendOutcome = { state: "sent" } | { state: "failed" | "refused" | "unknown"; reason: string };

export interface MailTransport {
  /** `onHandedOver` runs, synchronously, once the whole message has been handed to the mail server. */
  send(message: { to: string[]; raw: Buffer; file: string }, onHandedOver: () => void): Promise<SendOutcome>;
  close(): void;
}

/** The message's Message-ID: fixed by its delivery, so a resend is recognisably the same mail. */
export const messageIdOf = (deliveryId: string) => `<${deliveryId}@casetable>`;

/** Composes the message once, with the Message-ID of its delivery. */
export function composeMail(from: string, deliveryId: string, mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments,
    ...(mail.calendar
      ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: "invitation.ics" } }
      : {}),
    messageId: messageIdOf(deliveryId),
    date: new Date(),
  })
    .compile()
    .build();
}

export function createMailTransport(settings: MailSettings): MailTransport {
  if (!settings.smtpUrl) {
    return {
      async send({ raw, file }) {
        try {
          await writeAtomically(join(settings.outboxDir, file), raw);
          return { state: "sent" };
        } catch (e) {
          return { state: "failed", reason: (e as Error).message };
        }
      },
      close() {},
    };
  }
  // Options in the URL's query (e.g. ?socketTimeout=60000) win over these.
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  } as SMTPTransport.Options);
  const envelopeFrom = /<([^>]+)>/.exec(settings.from)?.[1] ?? settings.from.trim();

  return {
    async send({ to, raw }, onHandedOver) {
      let handedOver = false;
      const stream = Readable.from([raw], { objectMode: false });
      // Registered before nodemailer pipes the stream: runs before the end-of-data mark is written.
      stream.once("end", () => {
        handedOver = true;
        onHandedOver();
      });
      try {
        const info = await transport.sendMail({ envelope: { from: envelopeFrom, to }, raw: stream });
        if (info.rejected?.length) return { state: "refused", reason: `Rejected: ${info.rejected.join(", ")}` };
        return { state: "sent" };
      } catch (e) {
        const err = e as Error & { responseCode?: number; code?: string; response?: string; command?: string };
        const reason = reasonOf(err);
        // 5xx is the server saying no for good (unknown mailbox); 4xx is a no for now.
        if (typeof err.responseCode === "number" && err.responseCode >= 500) return { state: "refused", reason };
        if (typeof err.responseCode === "number" && err.responseCode >= 400) return { state: "failed", reason };
        // No answer after the whole message went: the server may have it.
        return handedOver ? { state: "unknown", reason } : { state: "failed", reason };
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Why a mail was not delivered: the mail server's own answer as it came ("451 Mailbox
 * busy, try later"); without one, a code worded on the minutes page for a server that did
 * not answer in time or could not be reached; anything else as nodemailer names it.
 */
function reasonOf(err: Error & { code?: string; response?: string; command?: string }): string {
  if (err.response?.trim()) return err.response.trim();
  if (err.code === "ETIMEDOUT") return "no_answer";
  // Failed while connecting: refused, no such host, no route.
  if (err.command === "CONN") return "unreachable";
  return [err.code, err.message].filter(Boolean).join(" ");
}
