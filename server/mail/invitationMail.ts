import { eq } from "drizzle-orm";
import { formatFullDay, formatFullMoment, formatTime } from "../../app/contract/dates.ts";
import type { Store } from "../../db/store.ts";
import { wordsIn } from "../i18n.ts";
import type { DeliveryRow } from "./outbox.ts";
import type { OutgoingMail } from "./mailer.ts";
import { invitationIcs } from "./invitationIcs.ts";
import { INVITATION_KIND, type InvitationPayload } from "./invitations.ts";
import { readMailStyle, type MailStyle } from "./mailStyle.ts";
import type { Composer } from "./mailWorker.ts";

/** The answers a mail links to; `delegate` opens the form with the delegate's name to fill in. */
const ANSWERS = ["attending", "apologies", "delegate"] as const;

/**
 * One person's invitation, update or cancellation, in their language: the meeting's title,
 * time, place and call link, links to answer (each needs sign-in, and answers only for the
 * person signed in), and the calendar entry with only this person as attendee. No case content.
 */
export function invitationMail(
  delivery: DeliveryRow,
  organizer: { name: string; email: string },
  style: MailStyle,
): OutgoingMail {
  const p = delivery.payload as InvitationPayload;
  const t = wordsIn(style.language, "mail");
  // The time zone the meeting was decided in travels with it (decision 0023).
  const dates = { ...style.dates, timeZone: p.timeZone };
  const meeting = { title: p.title, network: p.networkName };
  const answer = (a: string) => `${p.answerUrl}?answer=${a}&for=${encodeURIComponent(delivery.recipientPersonId)}`;
  const lines = [
    t("greeting", { name: p.recipientName }),
    "",
    t(`invitation.opening.${p.change}`, meeting),
    "",
    t("invitation.when", {
      start: formatFullMoment(p.startsAt, dates),
      end: formatTime(p.endsAt, dates),
      timeZone: p.timeZone,
    }),
    ...(p.place ? [t("invitation.where", { place: p.place })] : []),
    ...(p.callLink ? [t("invitation.callLink", { link: p.callLink })] : []),
    ...(p.guestSlot ? ["", t("invitation.guestSlot")] : []),
    "",
  ];
  if (p.change === "cancelled") lines.push(t("invitation.removed"));
  else
    lines.push(
      t("invitation.pleaseAnswer"),
      ...ANSWERS.map((a) => `  ${t(`invitation.answers.${a}`)}: ${answer(a)}`),
      "",
      t("invitation.calendarAttached"),
    );
  lines.push("", t("signature"));
  const content = invitationIcs({
    method: p.method,
    uid: p.uid,
    sequence: p.sequence,
    title: t("calendar.summary", meeting),
    description: p.callLink ? t("calendar.callLink", { link: p.callLink }) : null,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    place: p.place,
    callLink: p.callLink,
    organizer,
    attendee: { name: p.recipientName, email: delivery.email },
  });
  return {
    to: [delivery.email],
    subject: t(`invitation.subject.${p.change}`, { title: p.title, date: formatFullDay(p.startsAt, dates) }),
    text: lines.join("\n"),
    attachments: [],
    calendar: { method: p.method, content },
  };
}

/** The organizer of every invitation: the address Casetable sends from (MAIL_FROM). */
function organizerOf(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || "Casetable", email: match[2] } : { name: "Casetable", email: from.trim() };
}

/** Teaches the mail worker to compose invitations, each in its recipient's language. */
export function registerInvitationMail(
  worker: { register(kind: string, composer: Composer): void },
  store: Store,
  from: string,
) {
  const { t } = store;
  const organizer = organizerOf(from);
  worker.register(INVITATION_KIND, async (delivery) => {
    const [meeting] = delivery.meetingId
      ? await store.db
          .select({ networkId: t.meetings.networkId })
          .from(t.meetings)
          .where(eq(t.meetings.id, delivery.meetingId))
      : [];
    const style = await readMailStyle(t, store.db, delivery.recipientPersonId, meeting?.networkId ?? null);
    return invitationMail(delivery, organizer, style);
  });
}
