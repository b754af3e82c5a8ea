import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import { minutesState, type MinutesState } from "../../app/contract/minutesDeadline.ts";
import type { AuditChain } from "../audit/auditLog.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import { readMailStyle } from "../mail/mailStyle.ts";
import { minutesReminderMail } from "../mail/minutesMail.ts";
import type { NewDelivery, Outbox } from "../mail/outbox.ts";

// The minutes' deadline (a network setting, in working days after the meeting): where each
// ended meeting's minutes stand, for the meetings list and the home page, and one reminder
// mail to the chair and the coordinators when approval or distribution is overdue. The
// reminder is a delivery like any other mail (durable, retried); one per person and stage,
// however often the check runs.

export interface MinutesDeadline {
  meetingId: string;
  networkId: string;
  title: string;
  startsAt: Date;
  state: MinutesState;
  dueOn: string;
}

type ReminderPayload = { stage: "approval" | "distribution"; dueOn: string };

const SYSTEM = { personId: null, ip: null };

export function createMinutesDeadlines(deps: {
  store: Store;
  audit: AuditChain;
  outbox: Outbox;
  worker: Pick<MailWorker, "register" | "wake">;
}) {
  const { store, audit, outbox, worker } = deps;
  const { db, t } = store;
  const { deliveries, meetings, memberships, minutesVersions, minutesWording, networks, persons } = t;

  worker.register("minutes_reminder", async (d) => {
    const [found] = await db
      .select({ meeting: meetings, network: networks })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(eq(meetings.id, d.meetingId!));
    if (!found) throw new Error("the meeting is gone");
    const { meeting, network } = found;
    const [name] = await db.select({ name: persons.name }).from(persons).where(eq(persons.id, d.recipientPersonId));
    return minutesReminderMail(
      { title: meeting.title, startsAt: meeting.startsAt, network, ...(d.payload as ReminderPayload) },
      { email: d.email, name: name?.name ?? "" },
      await readMailStyle(t, db, d.recipientPersonId, network.id),
    );
  });

  /** Where the minutes of each ended meeting stand, for the given networks; sent minutes are left out. */
  async function pending(networkIds: string[], now = new Date()): Promise<MinutesDeadline[]> {
    if (!networkIds.length) return [];
    const rows = await db
      .select({ m: meetings, timeZone: networks.timeZone, dueDays: networks.minutesDueDays })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(inArray(meetings.networkId, networkIds), eq(meetings.status, "ended")))
      .orderBy(desc(meetings.startsAt));
    if (!rows.length) return [];
    const ids = rows.map((r) => r.m.id);
    const latest = new Map<string, "approved" | "distributed">();
    for (const v of await db
      .select({
        meetingId: minutesVersions.meetingId,
        status: minutesVersions.status,
        version: minutesVersions.version,
      })
      .from(minutesVersions)
      .where(inArray(minutesVersions.meetingId, ids))
      .orderBy(asc(minutesVersions.version)))
      latest.set(v.meetingId, v.status);
    const drafted = new Set(
      (
        await db
          .selectDistinct({ meetingId: minutesWording.meetingId })
          .from(minutesWording)
          .where(inArray(minutesWording.meetingId, ids))
      ).map((r) => r.meetingId),
    );
    return rows.flatMap(({ m, timeZone, dueDays }) => {
      const s = minutesState({
        endedAt: m.endedAt ?? m.startsAt,
        timeZone,
        dueDays,
        latest: latest.get(m.id) ?? null,
        drafted: drafted.has(m.id),
        now,
      });
      return s
        ? [
            {
              meetingId: m.id,
              networkId: m.networkId,
              title: m.title,
              startsAt: m.startsAt,
              state: s.state,
              dueOn: s.dueOn,
            },
          ]
        : [];
    });
  }

  /**
   * Queues one reminder to each chair and coordinator of the network for every meeting whose
   * approval or distribution is overdue, unless they already had one for that stage.
   * Returns how many were queued.
   */
  async function remindOverdue(now = new Date()): Promise<number> {
    const networkIds = (await db.select({ id: networks.id }).from(networks)).map((n) => n.id);
    const overdue = (await pending(networkIds, now)).filter(
      (p) => p.state === "approval_overdue" || p.state === "distribution_overdue",
    );
    let queued = 0;
    for (const p of overdue) {
      const stage = p.state === "approval_overdue" ? "approval" : "distribution";
      const rows = await store.transaction(async (tx) => {
        // Two nodes checking at once: the second sees the first's reminders, so one each.
        await store.lock(tx, `minutes-reminder:${p.meetingId}`);
        const already = new Set(
          (
            await tx
              .select({ personId: deliveries.recipientPersonId, payload: deliveries.payload })
              .from(deliveries)
              .where(and(eq(deliveries.meetingId, p.meetingId), eq(deliveries.kind, "minutes_reminder")))
          )
            .filter((d) => (d.payload as ReminderPayload).stage === stage)
            .map((d) => d.personId),
        );
        const to = (
          await tx
            .select({ personId: persons.id, email: persons.email })
            .from(memberships)
            .innerJoin(persons, eq(persons.id, memberships.personId))
            .where(and(eq(memberships.networkId, p.networkId), inArray(memberships.role, ["chair", "coordinator"])))
        ).filter((r) => !already.has(r.personId));
        if (!to.length) return [];
        const payload: ReminderPayload = { stage, dueOn: p.dueOn };
        const mails: NewDelivery[] = to.map((r) => ({
          kind: "minutes_reminder",
          meetingId: p.meetingId,
          recipientPersonId: r.personId,
          email: r.email,
          payload,
        }));
        const written = await outbox.enqueue(tx, mails);
        await audit.append(tx, SYSTEM, {
          action: "minutes.reminder_queued",
          networkId: p.networkId,
          subjectType: "meeting",
          subjectId: p.meetingId,
          details: { stage, dueOn: p.dueOn, mails: written.length },
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

  return { pending, remindOverdue };
}
