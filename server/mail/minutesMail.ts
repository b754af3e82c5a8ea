import type { Minutes } from "../documents/minutesModel.ts";
import { formatMoment, loadLayout } from "../documents/templates.ts";
import type { OutgoingMail } from "./mailer.ts";
import { nextMeetingIcs } from "./nextMeetingIcs.ts";

/**
 * The mail carrying one recipient's copy of the minutes and the next meeting's invitation.
 * Subject and body name the meeting only: no case code travels outside the attachment.
 * With `link` (the network delivers restricted minutes by link), no copy is attached: the
 * body says where to download it after signing in, and that download is the receipt.
 */
export function minutesMail(
  minutes: Minutes,
  recipient: { email: string; name: string },
  copy: { pdf: Buffer } | { link: string },
): OutgoingMail {
  const { locale } = loadLayout();
  const when = formatMoment(minutes.meeting.startsAt, locale, minutes.network.timeZone, { date: true });
  const next = minutes.nextMeeting;
  const text = [
    `Dear ${recipient.name},`,
    "",
    "link" in copy
      ? `The minutes of "${minutes.meeting.title}" (${when}), ${minutes.network.name}, version ${minutes.document.version}, are ready. Sign in to download your own copy:\n\n  ${copy.link}\n\nYour download is recorded as your receipt. No copy is attached to this mail.`
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
