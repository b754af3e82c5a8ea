import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import MailComposer from "nodemailer/lib/mail-composer";
import { writeAtomically } from "../documents/writeAtomically.ts";
import type { Delivery, DeliveryStore } from "./deliveries.ts";

// Sends mail through SMTP when SMTP_URL is set, otherwise drops .eml files into the outbox
// folder, so distribution works with no mail server. Each message is composed once, kept
// (owner-only) until it is delivered, and every attempt is recorded: a retry sends the
// very same bytes. A failing server marks the delivery failed; it never throws at the caller.

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
  /** What the mail is for, kept in the delivery record. */
  purpose: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<Delivery>;
  /** Tries a failed delivery again with the message as first composed. */
  retry(deliveryId: string): Promise<Delivery>;
  deliveries(): Promise<Delivery[]>;
}

export function createMailer(settings: MailSettings, store: DeliveryStore): Mailer {
  const pendingDir = join(settings.outboxDir, "pending");
  const transport = settings.smtpUrl
    ? nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as SMTPTransport.Options)
    : null;
  const pendingFile = (id: string) => join(pendingDir, `${id}.eml`);

  async function attempt(id: string, to: string[]): Promise<Delivery> {
    const at = () => new Date().toISOString();
    if (!transport) {
      const file = join(settings.outboxDir, `${id}.eml`);
      try {
        await rename(pendingFile(id), file);
        await store.append({ type: "sent", at: at(), deliveryId: id, transport: "outbox", messageId: null, file });
      } catch (e) {
        await store.append({ type: "failed", at: at(), deliveryId: id, transport: "outbox", reason: (e as Error).message, retryable: true });
      }
      return (await store.get(id))!;
    }
    try {
      const raw = await readFile(pendingFile(id));
      const info = await transport.sendMail({ envelope: { from: addressOf(settings.from), to }, raw });
      if (info.rejected?.length) throw Object.assign(new Error(`Rejected: ${info.rejected.join(", ")}`), { responseCode: 550 });
      await store.append({ type: "sent", at: at(), deliveryId: id, transport: "smtp", messageId: info.messageId ?? null, file: null });
      // Delivered: the copy kept for retries is no longer needed on this server's disk.
      await rm(pendingFile(id), { force: true });
    } catch (e) {
      const err = e as Error & { responseCode?: number; code?: string };
      // 5xx is the server saying no for good (unknown mailbox); anything else may pass later.
      const permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
      const reason = [err.code, err.responseCode, err.message].filter((x) => x !== undefined && x !== "").join(" ");
      await store.append({ type: "failed", at: at(), deliveryId: id, transport: "smtp", reason, retryable: !permanent });
    }
    return (await store.get(id))!;
  }

  return {
    async send(mail) {
      const id = randomUUID();
      const raw = await new MailComposer({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments,
        messageId: `<${id}@casetable>`,
        date: new Date(),
      })
        .compile()
        .build();
      await mkdir(pendingDir, { recursive: true, mode: 0o700 });
      await writeAtomically(pendingFile(id), raw);
      await store.append({
        type: "created", at: new Date().toISOString(), deliveryId: id, to: mail.to, subject: mail.subject, purpose: mail.purpose,
        sha256: createHash("sha256").update(raw).digest("hex"),
      });
      return attempt(id, mail.to);
    },

    async retry(deliveryId) {
      const d = await store.get(deliveryId);
      if (!d) throw new Error(`No delivery ${deliveryId}`);
      if (d.status !== "failed") return d;
      return attempt(deliveryId, d.to);
    },

    deliveries: () => store.list(),
  };
}

/** The bare address of "Name <address>". */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
