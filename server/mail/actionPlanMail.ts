import type { OutgoingMail } from "./mailer.ts";

/**
 * The mail carrying a case's action plan to a person of an agency involved in it, after
 * the meeting that discussed it. The case is named by its code only.
 */
export function actionPlanMail(
  plan: { caseCode: string; version: number; meetingTitle: string; classification: string },
  recipient: { email: string; name: string },
  pdf: Buffer,
): OutgoingMail {
  const { caseCode, version, classification } = plan;
  return {
    to: [recipient.email],
    subject: `[${classification}] Action plan ${caseCode}, version ${version}`,
    text: `Dear ${recipient.name},\n\nAttached is the current action plan of case ${caseCode} (version ${version}), as discussed at "${plan.meetingTitle}". Your agency is involved in this case.\nIt is marked ${classification}: keep it to those who need it, and do not forward this mail.\n\nCasetable`,
    attachments: [
      { filename: `action-plan-${caseCode}-v${version}.pdf`, content: pdf, contentType: "application/pdf" },
    ],
  };
}
