import { formatMoment, loadLayout } from "../documents/templates.ts";
import type { DeliveryRow } from "./outbox.ts";
import type { OutgoingMail } from "./mailer.ts";
import { invitationIcs } from "./invitationIcs.ts";
import { INVITATION_KIND, type InvitationPayload } from "./invitations.ts";
import type { Composer } from "./mailWorker.ts";

/** The answers a mail links to; `delegate` opens the form with the delegate's name to fill in. */
const ANSWER_LINKS = [
  ["attending", "I will attend"],
  ["apologies", "I send apologies"],
  ["delegate", "I send a delegate (name)"],
] as const;

const SUBJECT: Record<InvitationPayload["change"], string> = {
  invited: "Invitation",
  moved: "Changed",
  cancelled: "Cancelled",
};

/**
 * One person's invitation, update or cancellation: the meeting's title, time, place and
 * call link, links to answer (each needs sign-in, and answers only for the person
 * signed in), and the calendar entry with only this person as attendee. No case content.
 */
export function invitationMail(delivery: DeliveryRow, organizer: { name: string; email: string }): OutgoingMail {
  const p = JSON.parse(delivery.payload) as InvitationPayload;
  const { locale } = loadLayout();
  const when = `${formatMoment(p.startsAt, locale, p.timeZone)} – ${formatMoment(p.endsAt, locale, p.timeZone, { time: true })} (${p.timeZone})`;
  const meeting = `"${p.title}" of ${p.networkName}`;
  const answer = (a: string) => `${p.answerUrl}?answer=${a}&for=${encodeURIComponent(delivery.recipientPersonId)}`;
  const lines = [
    `Dear ${p.recipientName},`,
    "",
    p.change === "invited"
      ? `You are invited to ${meeting}.`
      : p.change === "moved"
        ? `The meeting ${meeting} has changed. It is now:`
        : `The meeting ${meeting} is cancelled. It would have been:`,
    "",
    `When: ${when}`,
    ...(p.place ? [`Where: ${p.place}`] : []),
    ...(p.callLink ? [`Call link: ${p.callLink}`] : []),
    ...(p.guestSlot
      ? ["", "You are invited for your own item on the agenda: the time above is its planned slot."]
      : []),
    "",
  ];
  if (p.change === "cancelled") lines.push("The attached calendar entry removes it from your calendar.");
  else
    lines.push(
      "Please answer (you will be asked to sign in; you can answer only for yourself):",
      ...ANSWER_LINKS.map(([a, label]) => `  ${label}: ${answer(a)}`),
      "",
      "A calendar entry is attached.",
    );
  lines.push("", "Casetable");
  const content = invitationIcs({
    method: p.method,
    uid: p.uid,
    sequence: p.sequence,
    title: `${p.networkName}: ${p.title}`,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    place: p.place,
    callLink: p.callLink,
    organizer,
    attendee: { name: p.recipientName, email: delivery.email },
  });
  return {
    to: [delivery.email],
    subject: `${SUBJECT[p.change]}: ${p.title}, ${formatMoment(p.startsAt, locale, p.timeZone, { date: true })}`,
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

/** Teaches the mail worker to compose invitations. */
export function registerInvitationMail(worker: { register(kind: string, composer: Composer): void }, from: string) {
  const organizer = organizerOf(from);
  worker.register(INVITATION_KIND, async (delivery) => invitationMail(delivery, organizer));
}
