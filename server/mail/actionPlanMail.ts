import { wordsIn } from "../i18n.ts";
import type { OutgoingMail } from "./mailer.ts";
import type { MailStyle } from "./mailStyle.ts";

/**
 * The mail carrying a case's action plan to a person of an agency involved in it, after
 * the meeting that discussed it, in the recipient's language. The case is named by its code only.
 */
export function actionPlanMail(
  plan: { caseCode: string; version: number; meetingTitle: string; classification: string },
  recipient: { email: string; name: string },
  pdf: Buffer,
  style: MailStyle,
): OutgoingMail {
  const t = wordsIn(style.language, "mail");
  const { caseCode: code, version, classification } = plan;
  return {
    to: [recipient.email],
    subject: t("actionPlan.subject", { classification, code, version }),
    text: [
      t("greeting", { name: recipient.name }),
      "",
      t("actionPlan.attached", { code, version, title: plan.meetingTitle }),
      t("actionPlan.marked", { classification }),
      "",
      t("signature"),
    ].join("\n"),
    attachments: [{ filename: t("actionPlan.file", { code, version }), content: pdf, contentType: "application/pdf" }],
  };
}
