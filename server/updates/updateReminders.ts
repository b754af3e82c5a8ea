import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { deliveries, meetings, networks, persons } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import { formatFullMoment } from "../../app/contract/dates.ts";
import { markingIn } from "../documents/words.ts";
import { wordsIn } from "../i18n.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import { mailStyleOf, noticeText, type MailStyle } from "../mail/mailStyle.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import type { NewDelivery, Outbox } from "../mail/outbox.ts";
import { postersOf, reportingOf } from "./agencyUpdates.ts";

// The reminder to agencies that have not posted their update: the network's number of days
// before the meeting (default three), one mail to each member of such an agency, once per
// meeting however often the check runs. A delivery like any other mail (durable, retried).
// The mail names the meeting and how many items wait, never a case.

type ReminderPayload = { items: number; link: string | null };

const SYSTEM = { personId: null, ip: null };
const DAY_MS = 24 * 60 * 60 * 1000;

function updateReminderMail(
  meeting: {
    title: string;
    startsAt: Date;
    network: { name: string; timeZone: string; classification: string | null };
  },
  payload: ReminderPayload,
  recipient: { email: string; name: string },
  style: MailStyle,
): OutgoingMail {
  const t = wordsIn(style.language, "mail");
  const when = formatFullMoment(meeting.startsAt, { ...style.dates, timeZone: meeting.network.timeZone });
  const text = noticeText(t, recipient.name, [
    t("updateReminder.missing", { count: payload.items, title: meeting.title, when, network: meeting.network.name }),
    t("updateReminder.please"),
    ...(payload.link ? ["", `  ${payload.link}`, "", t("updateReminder.signIn")] : []),
  ]);
  return {
    to: [recipient.email],
    subject: t("updateReminder.subject", {
      classification: markingIn(meeting.network.classification, style.language),
      title: meeting.title,
    }),
    text,
    attachments: [],
  };
}

export function createUpdateReminders(deps: { db: Db; audit: AuditLog; outbox: Outbox; worker: MailWorker }) {
  const { db, audit, outbox, worker } = deps;

  worker.register("update_reminder", async (d) => {
    const meeting = db.select().from(meetings).where(eq(meetings.id, d.meetingId!)).get();
    const network = meeting && db.select().from(networks).where(eq(networks.id, meeting.networkId)).get();
    if (!meeting || !network) throw new Error("the meeting is gone");
    const name = db.select({ name: persons.name }).from(persons).where(eq(persons.id, d.recipientPersonId)).get();
    return updateReminderMail(
      { ...meeting, network },
      JSON.parse(d.payload) as ReminderPayload,
      { email: d.email, name: name?.name ?? "" },
      mailStyleOf(db, d.recipientPersonId, network.id),
    );
  });

  /**
   * Queues the reminder for every scheduled meeting now within its network's reminder days,
   * to each member of an involved agency that has not reported on all its items and has
   * not had this meeting's reminder; the mail links to the updates page when the public
   * address is known. Returns how many were queued.
   */
  function remindMissing(options: { now?: Date; publicUrl?: string | null } = {}): number {
    const { now = new Date(), publicUrl } = options;
    const due = db
      .select({ m: meetings, days: networks.updateReminderDays })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(eq(meetings.status, "scheduled"), gt(meetings.startsAt, now)))
      .all()
      .filter(({ m, days }) => m.startsAt.getTime() - days * DAY_MS <= now.getTime());
    let queued = 0;
    for (const { m } of due) {
      const rows = db.transaction((tx) => {
        const reporting = reportingOf(tx, m.id);
        const already = new Set(
          tx
            .select({ personId: deliveries.recipientPersonId })
            .from(deliveries)
            .where(and(eq(deliveries.meetingId, m.id), eq(deliveries.kind, "update_reminder")))
            .all()
            .map((d) => d.personId),
        );
        const to = postersOf(tx, m.networkId, reporting.missingAgencyIds).filter((p) => !already.has(p.personId));
        if (!to.length) return [];
        const mails: NewDelivery[] = to.map((p) => ({
          kind: "update_reminder",
          meetingId: m.id,
          recipientPersonId: p.personId,
          email: p.email,
          payload: {
            items: reporting.items.filter((i) => i.missingIds.includes(p.agencyId)).length,
            link: publicUrl ? `${publicUrl.replace(/\/$/, "")}/n/${m.networkId}/meetings/${m.id}/updates` : null,
          } satisfies ReminderPayload,
        }));
        const written = outbox.enqueue(tx, mails);
        audit.append(
          SYSTEM,
          {
            action: "meeting.update_reminder_queued",
            networkId: m.networkId,
            subjectType: "meeting",
            subjectId: m.id,
            details: { mails: written.length },
          },
          tx,
        );
        return written;
      });
      if (rows.length) {
        outbox.announce(rows);
        queued += rows.length;
      }
    }
    if (queued) worker.wake();
    return queued;
  }

  /** The network's reminder days (null: no such network). */
  function reminderDays(networkId: string): number | null {
    return (
      db.select({ days: networks.updateReminderDays }).from(networks).where(eq(networks.id, networkId)).get()?.days ??
      null
    );
  }

  /** Sets how many days before a meeting the reminder goes; audited. Returns whether it changed. */
  function setReminderDays(actor: AuditActor, networkId: string, days: number): boolean {
    return db.transaction((tx) => {
      const before = reminderDays(networkId);
      if (before === null || before === days) return false;
      tx.update(networks).set({ updateReminderDays: days }).where(eq(networks.id, networkId)).run();
      audit.append(
        actor,
        {
          action: "network.update_reminder_days_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { before, after: days },
        },
        tx,
      );
      return true;
    });
  }

  return { remindMissing, setReminderDays };
}
