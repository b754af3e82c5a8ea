import { and, eq, gt } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { formatFullMoment } from "../../app/contract/dates.ts";
import { markingIn } from "../documents/words.ts";
import { wordsIn } from "../i18n.ts";
import type { OutgoingMail } from "../mail/mailer.ts";
import { noticeText, readMailStyle, type MailStyle } from "../mail/mailStyle.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import type { NewDelivery, Outbox } from "../mail/outbox.ts";
import { postersOf, reportingOf } from "./agencyUpdates.ts";

// The reminder to agencies that have not posted their update: the network's number of days
// before the meeting (default three), one mail to each member of such an agency, once per
// meeting however often the check runs, on however many nodes. A delivery like any other mail (durable, retried).
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

export function createUpdateReminders(deps: { store: Store; audit: AuditChain; outbox: Outbox; worker: MailWorker }) {
  const { store, audit, outbox, worker } = deps;
  const { t } = store;

  worker.register("update_reminder", async (d) => {
    const [meeting] = await store.db.select().from(t.meetings).where(eq(t.meetings.id, d.meetingId!));
    const [network] = meeting
      ? await store.db.select().from(t.networks).where(eq(t.networks.id, meeting.networkId))
      : [];
    if (!meeting || !network) throw new Error("the meeting is gone");
    const [person] = await store.db
      .select({ name: t.persons.name })
      .from(t.persons)
      .where(eq(t.persons.id, d.recipientPersonId));
    return updateReminderMail(
      { ...meeting, network },
      d.payload as ReminderPayload,
      { email: d.email, name: person?.name ?? "" },
      await readMailStyle(t, store.db, d.recipientPersonId, network.id),
    );
  });

  /**
   * Queues the reminder for every scheduled meeting now within its network's reminder days,
   * to each member of an involved agency that has not reported on all its items and has
   * not had this meeting's reminder; the mail links to the updates page when the public
   * address is known. Returns how many were queued. Two runs at once (two nodes) queue
   * each reminder once: a meeting's reminders are decided under its lock.
   */
  async function remindMissing(options: { now?: Date; publicUrl?: string | null } = {}): Promise<number> {
    const { now = new Date(), publicUrl } = options;
    const due = (
      await store.db
        .select({ m: t.meetings, days: t.networks.updateReminderDays })
        .from(t.meetings)
        .innerJoin(t.networks, eq(t.networks.id, t.meetings.networkId))
        .where(and(eq(t.meetings.status, "scheduled"), gt(t.meetings.startsAt, now)))
    ).filter(({ m, days }) => m.startsAt.getTime() - days * DAY_MS <= now.getTime());
    let queued = 0;
    for (const { m } of due) {
      const rows = await store.transaction(async (tx) => {
        await store.lock(tx, `update-reminder:${m.id}`);
        const reporting = await reportingOf(t, tx, m.id);
        const already = new Set(
          (
            await tx
              .select({ personId: t.deliveries.recipientPersonId })
              .from(t.deliveries)
              .where(and(eq(t.deliveries.meetingId, m.id), eq(t.deliveries.kind, "update_reminder")))
          ).map((d) => d.personId),
        );
        const to = (await postersOf(t, tx, m.networkId, reporting.missingAgencyIds)).filter(
          (p) => !already.has(p.personId),
        );
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
        const written = await outbox.enqueue(tx, mails);
        await audit.append(tx, SYSTEM, {
          action: "meeting.update_reminder_queued",
          networkId: m.networkId,
          subjectType: "meeting",
          subjectId: m.id,
          details: { mails: written.length },
        });
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
  async function reminderDays(networkId: string, q: Query = store.db): Promise<number | null> {
    const [row] = await q
      .select({ days: t.networks.updateReminderDays })
      .from(t.networks)
      .where(eq(t.networks.id, networkId));
    return row?.days ?? null;
  }

  /** Sets how many days before a meeting the reminder goes; audited. Returns whether it changed. */
  async function setReminderDays(actor: AuditActor, networkId: string, days: number): Promise<boolean> {
    return store.transaction(async (tx) => {
      const before = await reminderDays(networkId, tx);
      if (before === null || before === days) return false;
      await tx.update(t.networks).set({ updateReminderDays: days }).where(eq(t.networks.id, networkId));
      await audit.append(tx, actor, {
        action: "network.update_reminder_days_changed",
        networkId,
        subjectType: "network",
        subjectId: networkId,
        details: { before, after: days },
      });
      return true;
    });
  }

  return { remindMissing, setReminderDays };
}
