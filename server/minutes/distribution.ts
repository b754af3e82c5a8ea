import { randomUUID } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases, meetings, minutesDeliveries, minutesVersions, persons } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { ActionPlans } from "../cases/actionPlans.ts";
import { renderActionPlanPdf } from "../documents/actionPlanPdf.ts";
import { renderMinutesPdf } from "../documents/minutesPdf.ts";
import { redact } from "../documents/redact.ts";
import { actionPlanMail } from "../mail/actionPlanMail.ts";
import type { Delivery } from "../mail/deliveries.ts";
import type { Mailer } from "../mail/mailer.ts";
import { minutesMail } from "../mail/minutesMail.ts";
import { modelOf, type MinutesAddressee, type MinutesRecord } from "./minutesRecord.ts";

// Distribution of approved minutes: each invited person gets their own redacted copy, each
// agency involved in a discussed case its action plan; every mail is recorded.

export type MinutesDeliveryRow = typeof minutesDeliveries.$inferSelect;
export type DistributeResult = { ok: true; deliveries: MinutesDeliveryRow[] } | { ok: false; reason: "not_found" | "already_distributed" };

export function createDistribution(deps: { db: Db; audit: AuditLog; record: MinutesRecord; actionPlans: ActionPlans; mailer: Mailer }) {
  const { db, audit, record, actionPlans, mailer } = deps;

  function recordDelivery(versionId: string, kind: string, to: MinutesAddressee, d: Delivery): MinutesDeliveryRow {
    const row = {
      id: randomUUID(),
      versionId,
      kind,
      recipientPersonId: to.personId,
      email: to.email,
      mailId: d.id,
      status: d.status === "sent" ? ("sent" as const) : ("failed" as const),
      reason: d.status === "sent" ? null : (d.lastError ?? "not delivered"),
      retryable: d.status !== "sent" && d.retryable,
      attempts: d.attempts,
      sentAt: d.sentAt ? new Date(d.sentAt) : null,
    };
    db.insert(minutesDeliveries).values(row).run();
    return db.select().from(minutesDeliveries).where(eq(minutesDeliveries.id, row.id)).get()!;
  }

  return {
    /**
     * The coordinator sends the latest version: each invited person gets their own copy
     * (and the next meeting's calendar entry); each agency involved in a discussed case
     * gets its action plan. Every mail is recorded, sent or failed with the reason; a
     * failing mail server never stops the rest.
     */
    async distribute(actor: AuditActor & { personId: string }, meetingId: string): Promise<DistributeResult> {
      const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
      const v = record.versions(meetingId).at(-1);
      if (!meeting || !v) return { ok: false, reason: "not_found" };
      // Claim the version first: two coordinators clicking at once send once.
      const claimed = db.update(minutesVersions).set({ status: "distributed", distributedAt: new Date(), distributedBy: actor.personId }).where(and(eq(minutesVersions.id, v.id), eq(minutesVersions.status, "approved"))).run();
      if (claimed.changes !== 1) return { ok: false, reason: "already_distributed" };
      const model = modelOf(v);
      const rows: MinutesDeliveryRow[] = [];
      const to = record.addressees(meetingId);
      for (const person of to) {
        const pdf = await renderMinutesPdf(redact(model, person), { createdAt: v.approvedAt });
        rows.push(recordDelivery(v.id, "minutes", person, await mailer.send(minutesMail(model, person, pdf))));
      }
      // Action plans of the cases discussed, to the people of the agencies involved in each.
      for (const item of model.items.filter((i) => i.kind === "case" && (i.decisions.length > 0 || i.tasks.length > 0))) {
        const c = db.select().from(cases).where(and(eq(cases.networkId, meeting.networkId), eq(cases.code, item.caseCode!))).get();
        const plan = c && (await actionPlans.latest(c.id));
        if (!c || !plan) continue;
        const before = plan.version > 1 ? await actionPlans.version(c.id, plan.version - 1) : null;
        const pdf = await renderActionPlanPdf({
          network: model.network,
          caseCode: c.code,
          version: plan.version,
          savedBy: plan.savedBy.name,
          savedAt: plan.savedAt,
          content: plan.content,
          previous: before && { version: before.version, content: before.content },
          classification: model.classification,
        });
        for (const person of to.filter((p) => item.involvedAgencyIds.includes(p.agency.id) && p.role !== "guest")) {
          const mail = actionPlanMail({ caseCode: c.code, version: plan.version, meetingId, meetingTitle: model.meeting.title, classification: model.classification }, person, pdf);
          rows.push(recordDelivery(v.id, `action_plan:${c.code}`, person, await mailer.send(mail)));
        }
      }
      audit.append(actor, {
        action: "minutes.distributed",
        networkId: meeting.networkId,
        subjectType: "meeting",
        subjectId: meetingId,
        details: { version: v.version, mails: rows.length, sent: rows.filter((r) => r.status === "sent").length, failed: rows.filter((r) => r.status === "failed").length },
      });
      return { ok: true, deliveries: rows };
    },

    deliveries(meetingId: string) {
      return db
        .select({ d: minutesDeliveries, version: minutesVersions.version, name: persons.name })
        .from(minutesDeliveries)
        .innerJoin(minutesVersions, eq(minutesVersions.id, minutesDeliveries.versionId))
        .innerJoin(persons, eq(persons.id, minutesDeliveries.recipientPersonId))
        .where(eq(minutesVersions.meetingId, meetingId))
        .orderBy(desc(minutesVersions.version), asc(persons.name), asc(minutesDeliveries.kind))
        .all();
    },

    /** Sends a failed delivery again, the very same message; records the outcome. */
    async retry(actor: AuditActor, meetingId: string, deliveryId: string): Promise<MinutesDeliveryRow | null> {
      const row = db
        .select({ d: minutesDeliveries, networkId: meetings.networkId })
        .from(minutesDeliveries)
        .innerJoin(minutesVersions, eq(minutesVersions.id, minutesDeliveries.versionId))
        .innerJoin(meetings, eq(meetings.id, minutesVersions.meetingId))
        .where(and(eq(minutesDeliveries.id, deliveryId), eq(minutesVersions.meetingId, meetingId)))
        .get();
      if (!row) return null;
      if (row.d.status !== "failed" || !row.d.retryable) return row.d;
      const d = await mailer.retry(row.d.mailId);
      const sent = d.status === "sent";
      db.update(minutesDeliveries)
        .set({ status: sent ? "sent" : "failed", reason: sent ? null : d.lastError, retryable: !sent && d.retryable, attempts: d.attempts, updatedAt: new Date(), sentAt: d.sentAt ? new Date(d.sentAt) : null })
        .where(eq(minutesDeliveries.id, deliveryId))
        .run();
      audit.append(actor, { action: "minutes.delivery_retried", networkId: row.networkId, subjectType: "meeting", subjectId: meetingId, details: { deliveryId, status: sent ? "sent" : "failed", attempts: d.attempts } });
      return db.select().from(minutesDeliveries).where(eq(minutesDeliveries.id, deliveryId)).get()!;
    },
  };
}
