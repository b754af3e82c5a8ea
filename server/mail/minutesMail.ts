import { formatDay, formatFullDay, formatFullMoment } from "../../app/contract/dates.ts";
import type { Minutes } from "../documents/minutesModel.ts";
import { markingIn } from "../documents/words.ts";
import { wordsIn } from "../i18n.ts";
import type { OutgoingMail } from "./mailer.ts";
import { noticeText, type MailStyle } from "./mailStyle.ts";
import { nextMeetingIcs } from "./nextMeetingIcs.ts";

/**
 * The mail carrying one recipient's copy of the minutes and the next meeting's invitation,
 * in the recipient's language. Subject and body name the meeting only: no case code
 * travels outside the attachment. With `link` (the network delivers restricted minutes by
 * link), no copy is attached: the body says where to download it after signing in, and
 * that download is the receipt; the action plans of the recipient's agency's cases are not
 * attached either, only listed on the minutes page the body points to.
 */
export function minutesMail(
  minutes: Minutes,
  recipient: { email: string; name: string },
  copy: { pdf: Buffer } | { link: string; plans?: string },
  style: MailStyle,
): OutgoingMail {
  const t = wordsIn(style.language, "mail");
  const dates = { ...style.dates, timeZone: minutes.network.timeZone };
  const about = {
    title: minutes.meeting.title,
    date: formatFullDay(minutes.meeting.startsAt, dates),
    network: minutes.network.name,
    version: minutes.document.version,
  };
  const next = minutes.nextMeeting;
  const text = [
    t("greeting", { name: recipient.name }),
    "",
    ...("link" in copy
      ? [
          t("minutes.byLink", about),
          "",
          `  ${copy.link}`,
          "",
          t("minutes.receipt"),
          ...(copy.plans ? ["", t("minutes.plans"), "", `  ${copy.plans}`] : []),
        ]
      : [t("minutes.attached", about)]),
    t("minutes.marked", { classification: markingIn(minutes.classification, style.language) }),
    ...(next
      ? [
          "",
          next.place
            ? t("minutes.nextMeetingAt", { when: formatFullMoment(next.startsAt, dates), place: next.place })
            : t("minutes.nextMeeting", { when: formatFullMoment(next.startsAt, dates) }),
        ]
      : []),
    "",
    t("signature"),
  ].join("\n");
  const attachments: OutgoingMail["attachments"] =
    "pdf" in copy
      ? [
          {
            filename: t("minutes.file", {
              day: minutes.meeting.startsAt.slice(0, 10),
              version: minutes.document.version,
            }),
            content: copy.pdf,
            contentType: "application/pdf",
          },
        ]
      : [];
  if (next)
    attachments.push({
      filename: t("calendar.nextMeetingFile"),
      content: nextMeetingIcs({
        uid: `next-${minutes.meeting.id}@casetable`,
        title: t("calendar.nextMeeting", { network: minutes.network.name }),
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        place: next.place,
      }),
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    });
  return {
    to: [recipient.email],
    subject: t("minutes.subject", {
      classification: markingIn(minutes.classification, style.language),
      title: minutes.meeting.title,
    }),
    text,
    attachments,
  };
}

/**
 * The one reminder to a chair or coordinator that a meeting's minutes are overdue: not yet
 * approved, or approved but not sent. It names the meeting and the day only.
 */
export function minutesReminderMail(
  meeting: {
    title: string;
    startsAt: Date;
    network: { name: string; timeZone: string; classification: string | null };
    stage: "approval" | "distribution";
    dueOn: string;
  },
  recipient: { email: string; name: string },
  style: MailStyle,
): OutgoingMail {
  const t = wordsIn(style.language, "mail");
  const dates = { ...style.dates, timeZone: meeting.network.timeZone };
  const text = noticeText(t, recipient.name, [
    t(`minutesReminder.overdue.${meeting.stage}`, {
      title: meeting.title,
      date: formatFullDay(meeting.startsAt, dates),
      network: meeting.network.name,
      due: formatDay(meeting.dueOn, dates),
    }),
    t("minutesReminder.open"),
  ]);
  return {
    to: [recipient.email],
    subject: t("minutesReminder.subject", {
      classification: markingIn(meeting.network.classification, style.language),
      title: meeting.title,
    }),
    text,
    attachments: [],
  };
}
