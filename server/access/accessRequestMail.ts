import type { Store } from "../../db/store.ts";
import type { AccessRequestKind } from "../../app/contract/accessRequests.ts";
import { wordsIn } from "../i18n.ts";
import type { DeliveryRow } from "../mail/outbox.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import { noticeText, readMailStyle, type MailStyle } from "../mail/mailStyle.ts";
import type { Composer } from "../mail/mailWorker.ts";

export const ACCESS_REQUEST_MAIL_KIND = "access_request";

/** What a mail about a waiting request carries: the case code, the kind and the link; no content. */
export interface AccessRequestMailPayload {
  recipientName: string;
  networkId: string;
  networkName: string;
  caseCode: string;
  kind: AccessRequestKind;
  url: string;
}

/**
 * A person holding the accountable officer's task is told that a request waits for their
 * confirmation (decision 0038), in their language. The case is named by its code only.
 */
export function accessRequestMail(delivery: DeliveryRow, style: MailStyle): OutgoingMail {
  const p = delivery.payload as AccessRequestMailPayload;
  const t = wordsIn(style.language, "mail");
  const kind = t(`accessRequest.kinds.${p.kind}`);
  return {
    to: [delivery.email],
    subject: t("accessRequest.subject", { code: p.caseCode, kind }),
    text: noticeText(t, p.recipientName, [
      t("accessRequest.opening", { network: p.networkName, code: p.caseCode, kind }),
      t("accessRequest.fourEyes"),
      t("accessRequest.please", { url: p.url }),
      "",
      t("doNotForward"),
    ]),
    attachments: [],
  };
}

/** Teaches the mail worker to compose these mails, each in its recipient's language. */
export function registerAccessRequestMail(worker: { register(kind: string, composer: Composer): void }, store: Store) {
  worker.register(ACCESS_REQUEST_MAIL_KIND, async (delivery) => {
    const { networkId } = delivery.payload as AccessRequestMailPayload;
    return accessRequestMail(delivery, await readMailStyle(store.t, store.db, delivery.recipientPersonId, networkId));
  });
}
