import { formatMoment, loadLayout } from "../documents/templates.ts";
import type { DeliveryRow } from "../mail/outbox.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import type { Composer } from "../mail/mailWorker.ts";

export const WRITTEN_MAIL_KIND = "written_procedure";

/** What a mail announcing a procedure carries: the case code, the deadline and the link; no case content. */
export interface WrittenMailPayload {
  recipientName: string;
  networkName: string;
  caseCode: string;
  deadline: number;
  timeZone: string;
  url: string;
}

/**
 * A member who may decide for an involved agency is asked for the agency's view. The case
 * is named by its code only; the proposal is read after signing in.
 */
export function writtenMail(delivery: DeliveryRow): OutgoingMail {
  const p = JSON.parse(delivery.payload) as WrittenMailPayload;
  const { locale } = loadLayout();
  const deadline = `${formatMoment(new Date(p.deadline), locale, p.timeZone)} (${p.timeZone})`;
  return {
    to: [delivery.email],
    subject: `Decision in writing: case ${p.caseCode}, your view by ${formatMoment(new Date(p.deadline), locale, p.timeZone, { date: true })}`,
    text: [
      `Dear ${p.recipientName},`,
      "",
      `The chair of ${p.networkName} has put a decision on case ${p.caseCode} to the involved agencies in writing: it cannot wait for the next meeting.`,
      "You may decide for your agency. Please give its view (agree, disagree or abstain, with your reason) before the deadline:",
      "",
      `Deadline: ${deadline}`,
      `Proposal: ${p.url} (you will be asked to sign in)`,
      "",
      "Do not forward this mail.",
      "",
      "Casetable",
    ].join("\n"),
    attachments: [],
  };
}

/** Teaches the mail worker to compose these mails. */
export function registerWrittenMail(worker: { register(kind: string, composer: Composer): void }) {
  worker.register(WRITTEN_MAIL_KIND, async (delivery) => writtenMail(delivery));
}
