import type { Minutes } from "../documents/minutesModel.ts";
import { formatDay, formatMoment, loadLayout } from "../documents/templates.ts";
import type { OutgoingMail } from "./mailer.ts";
import { nextMeetingIcs } from "./nextMeetingIcs.ts";

/**
 * The mail carrying one recipient's copy of the minutes and the next meeting's invitation.
 * Subject and body name the meeting only: no case code travels outside the attachment.
 * With `link` (the network delivers restricted minutes by link), no copy is attached: the
 * body says where to download it after signing in, and that download is the receipt; the
 * action plans of the recipient's agency's cases are not attached either, only listed on
 * the minutes page the body points to.
 */
export function minutesMail(
  minutes: Minutes,
  recipient: { email: string; name: string },
  copy: { pdf: Buffer } | { link: string; plans?: string },
): OutgoingMail {
  const { locale } = loadLayout();
  const when = formatMoment(minutes.meeting.startsAt, locale, minutes.network.timeZone, { date: true });
  const next = minutes.nextMeeting;
  const text = [
    `Dear ${recipient.name},`,
    "",
    "link" in copy
      ? `The minutes of "${minutes.meeting.title}" (${when}), ${minutes.network.name}, version ${minutes.document.version}, are ready. Sign in to download your own copy:\n\n  ${copy.link}\n\nYour download is recorded as your receipt. No copy is attached to this mail.${copy.plans ? `\n\nThe action plans of the cases discussed that your agency works on are listed on the minutes page, to download after signing in:\n\n  ${copy.plans}` : ""}`
      : `Attached are the minutes of "${minutes.meeting.title}" (${when}), ${minutes.network.name}, version ${minutes.document.version}.`,
    `They are marked ${minutes.classification}: keep them to those who need them, and do not forward this mail.`,
    next
      ? `\nThe next meeting is on ${formatMoment(next.startsAt, locale, minutes.network.timeZone)}${next.place ? `, ${next.place}` : ""}; a calendar entry is attached.`
      : "",
    "",
    "Casetable",
  ].join("\n");
  const attachments: OutgoingMail["attachments"] =
    "pdf" in copy
      ? [
          {
            filename: `minutes-${minutes.meeting.startsAt.slice(0, 10)}-v${minutes.document.version}.pdf`,
            content: copy.pdf,
            contentType: "application/pdf",
          },
        ]
      : [];
  if (next)
    attachments.push({
      filename: "next-meeting.ics",
      content: nextMeetingIcs({
        uid: `next-${minutes.meeting.id}@casetable`,
        title: `${minutes.network.name}: case conference`,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        place: next.place,
      }),
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    });
  return {
    to: [recipient.email],
    subject: `[${minutes.classification}] Minutes: ${minutes.meeting.title}`,
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
): OutgoingMail {
  const { locale, classification } = loadLayout();
  const when = formatMoment(meeting.startsAt, locale, meeting.network.timeZone, { date: true });
  const due = formatDay(meeting.dueOn, locale);
  const what = meeting.stage === "approval" ? "approved by the chair" : "sent to the people invited";
  const text = [
    `Dear ${recipient.name},`,
    "",
    `The minutes of "${meeting.title}" (${when}), ${meeting.network.name}, were due on ${due} and have not yet been ${what}.`,
    "Please open the meeting's minutes page in Casetable. This is the only reminder you will get for this step.",
    "",
    "Casetable",
  ].join("\n");
  return {
    to: [recipient.email],
    subject: `[${meeting.network.classification ?? classification}] Minutes overdue: ${meeting.title}`,
    text,
    attachments: [],
  };
}
