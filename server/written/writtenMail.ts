import { formatFullDay, formatFullMoment } from "../../app/contract/dates.ts";
import type { Store } from "../../db/store.ts";
import { wordsIn } from "../i18n.ts";
import type { DeliveryRow } from "../mail/outbox.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import { noticeText, readMailStyle, type MailStyle } from "../mail/mailStyle.ts";
import type { Composer } from "../mail/mailWorker.ts";

export const WRITTEN_MAIL_KIND = "written_procedure";

/** What a mail announcing a procedure carries: the case code, the deadline and the link; no case content. */
export interface WrittenMailPayload {
  recipientName: string;
  /** Whose language the mail falls back on (absent in mails queued before it was recorded). */
  networkId?: string;
  networkName: string;
  caseCode: string;
  deadline: number;
  timeZone: string;
  url: string;
}

/**
 * A member who may decide for an involved agency is asked for the agency's view, in their
 * language. The case is named by its code only; the proposal is read after signing in.
 */
export function writtenMail(delivery: DeliveryRow, style: MailStyle): OutgoingMail {
  const p = delivery.payload as WrittenMailPayload;
  const t = wordsIn(style.language, "mail");
  const dates = { ...style.dates, timeZone: p.timeZone };
  return {
    to: [delivery.email],
    subject: t("written.subject", { code: p.caseCode, date: formatFullDay(p.deadline, dates) }),
    text: noticeText(t, p.recipientName, [
      t("written.opening", { network: p.networkName, code: p.caseCode }),
      t("written.please"),
      "",
      t("written.deadline", { when: formatFullMoment(p.deadline, dates), timeZone: p.timeZone }),
      t("written.proposal", { url: p.url }),
      "",
      t("doNotForward"),
    ]),
    attachments: [],
  };
}

/** Teaches the mail worker to compose these mails, each in its recipient's language. */
export function registerWrittenMail(worker: { register(kind: string, composer: Composer): void }, store: Store) {
  worker.register(WRITTEN_MAIL_KIND, async (delivery) => {
    const { networkId } = delivery.payload as WrittenMailPayload;
    return writtenMail(delivery, await readMailStyle(store.t, store.db, delivery.recipientPersonId, networkId ?? null));
  });
}
