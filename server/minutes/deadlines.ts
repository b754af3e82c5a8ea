import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  deliveries,
  meetings,
  memberships,
  minutesVersions,
  minutesWording,
  networks,
  persons,
} from "../../db/schema/index.ts";
import { minutesState, type MinutesState } from "../../app/contract/minutesDeadline.ts";
import type { AuditLog } from "../audit/auditLog.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import { mailStyleOf } from "../mail/mailStyle.ts";
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

export function createMinutesDeadlines(deps: { db: Db; audit: AuditLog; outbox: Outbox; worker: MailWorker }) {
  const { db, audit, outbox, worker } = deps;

  worker.register("minutes_reminder", async (d) => {
    const meeting = db.select().from(meetings).where(eq(meetings.id, d.meetingId!)).get();
    const network = meeting && db.select().from(networks).where(eq(networks.id, meeting.networkId)).get();
    if (!meeting || !network) throw new Error("the meeting is gone");
    const name = db.select({ name: persons.name }).from(persons).where(eq(persons.id, d.recipientPersonId)).get();
    return minutesReminderMail(
      { title: meeting.title, startsAt: meeting.startsAt, network, ...(d.payload as ReminderPayload) },
      { email: d.email, name: name?.name ?? "" },
      mailStyleOf(db, d.recipientPersonId, network.id),
    );
  });

  /** Where the minutes of each ended meeting stand, for the given networks; sent minutes are left out. */
  function pending(networkIds: string[], now = new Date()): MinutesDeadline[] {
    if (!networkIds.length) return [];
    const rows = db
      .select({ m: meetings, timeZone: networks.timeZone, dueDays: networks.minutesDueDays })
      .from(meetings)
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(inArray(meetings.networkId, networkIds), eq(meetings.status, "ended")))
      .orderBy(desc(meetings.startsAt))
      .all();
    if (!rows.length) return [];
    const ids = rows.map((r) => r.m.id);
    const latest = new Map<string, "approved" | "distributed">();
    for (const v of db
      .select({
        meetingId: minutesVersions.meetingId,
        status: minutesVersions.status,
        version: minutesVersions.version,
      })
      .from(minutesVersions)
      .where(inArray(minutesVersions.meetingId, ids))
      .orderBy(minutesVersions.version)
      .all())
      latest.set(v.meetingId, v.status);
    const drafted = new Set(
      db
        .selectDistinct({ meetingId: minutesWording.meetingId })
        .from(minutesWording)
        .where(inArray(minutesWording.meetingId, ids))
        .all()
        .map((r) => r.meetingId),
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
  function remindOverdue(now = new Date()): number {
    const networkIds = db
      .select({ id: networks.id })
      .from(networks)
      .all()
      .map((n) => n.id);
    const overdue = pending(networkIds, now).filter(
      (p) => p.state === "approval_overdue" || p.state === "distribution_overdue",
    );
    let queued = 0;
    for (const p of overdue) {
      const stage = p.state === "approval_overdue" ? "approval" : "distribution";
      const rows = db.transaction((tx) => {
        const already = new Set(
          tx
            .select({ personId: deliveries.recipientPersonId, payload: deliveries.payload })
            .from(deliveries)
            .where(and(eq(deliveries.meetingId, p.meetingId), eq(deliveries.kind, "minutes_reminder")))
            .all()
            .filter((d) => (d.payload as ReminderPayload).stage === stage)
            .map((d) => d.personId),
        );
        const to = tx
          .select({ personId: persons.id, email: persons.email })
          .from(memberships)
          .innerJoin(persons, eq(persons.id, memberships.personId))
          .where(and(eq(memberships.networkId, p.networkId), inArray(memberships.role, ["chair", "coordinator"])))
          .all()
          .filter((r) => !already.has(r.personId));
        if (!to.length) return [];
        const payload: ReminderPayload = { stage, dueOn: p.dueOn };
        const mails: NewDelivery[] = to.map((r) => ({
          kind: "minutes_reminder",
          meetingId: p.meetingId,
          recipientPersonId: r.personId,
          email: r.email,
          payload,
        }));
        const written = outbox.enqueue(tx, mails);
        audit.append(
          SYSTEM,
          {
            action: "minutes.reminder_queued",
            networkId: p.networkId,
            subjectType: "meeting",
            subjectId: p.meetingId,
            details: { stage, dueOn: p.dueOn, mails: written.length },
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

  return { pending, remindOverdue };
}
