import { and, asc, desc, eq } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import type { ActionPlans } from "../cases/actionPlans.ts";
import type { SharingBasisService } from "../cases/sharingBasis.ts";
import { renderActionPlanPdf } from "../documents/actionPlanPdf.ts";
import { renderMinutesPdf } from "../documents/minutesPdf.ts";
import { redact, type MinutesRecipient } from "../documents/redact.ts";
import { markingIn } from "../documents/words.ts";
import { actionPlanMail } from "../mail/actionPlanMail.ts";
import type { MailWorker } from "../mail/mailWorker.ts";
import { readMailStyle } from "../mail/mailStyle.ts";
import { minutesMail } from "../mail/minutesMail.ts";
import type { DeliveryRow, NewDelivery, Outbox } from "../mail/outbox.ts";
import { modelOf, type MinutesRecord } from "./minutesRecord.ts";
import { createMinutesSettings } from "./settings.ts";

// Distribution of approved minutes as a durable job: marking the version distributed and
// writing one pending delivery per mail happen in one transaction; the mail worker then
// composes and sends each (a recipient's own redacted copy; an involved agency's action
// plan). The request that distributes returns at once.

export type DistributeResult =
  { ok: true; version: number; deliveries: DeliveryRow[] } | { ok: false; reason: "not_found" | "already_distributed" };
export type DeliveryRequestResult =
  | { ok: true; delivery: DeliveryRow }
  | { ok: false; reason: "not_found" | "not_failed" | "not_unknown"; delivery?: DeliveryRow };

/**
 * A minutes delivery by link carries the address of the recipient's copy, and, when action
 * plans of their agency's cases go with it, the minutes page that lists them; by attachment, nothing.
 */
type MinutesPayload = { link?: string; plans?: string };

const actionPlanPayload = (d: DeliveryRow) => d.payload as { caseId?: string; caseCode: string; planVersion?: number };

export interface DistributionDeps {
  store: Store;
  audit: AuditChain;
  record: MinutesRecord;
  actionPlans: Pick<ActionPlans, "latest" | "version" | "hasPlan">;
  sharingBasis: Pick<SharingBasisService, "stateOf">;
  outbox: Outbox;
  worker: Pick<MailWorker, "register" | "wake">;
}

export function createDistribution(deps: DistributionDeps) {
  const { store, audit, record, actionPlans, outbox, worker } = deps;
  const { db, t } = store;
  const { cases, deliveries, meetings, minutesReceipts, minutesVersions, persons } = t;
  const settings = createMinutesSettings(deps);

  const versionOf = async (d: DeliveryRow) => {
    const [v] = d.minutesVersionId
      ? await db.select().from(minutesVersions).where(eq(minutesVersions.id, d.minutesVersionId))
      : [];
    if (!v) throw new Error("the minutes version is gone");
    return v;
  };

  const meetingOf = async (meetingId: string) =>
    (await db.select().from(meetings).where(eq(meetings.id, meetingId)))[0];

  const caseOf = async (networkId: string, code: string) =>
    (
      await db
        .select()
        .from(cases)
        .where(and(eq(cases.networkId, networkId), eq(cases.code, code)))
    )[0];

  worker.register("minutes", async (d) => {
    const v = await versionOf(d);
    const model = modelOf(v);
    const person = (await record.addressees(v.meetingId)).find((a) => a.personId === d.recipientPersonId);
    if (!person) throw new Error("the recipient is no longer invited to the meeting");
    const { link, plans } = d.payload as MinutesPayload;
    // Their copy in their language: the one they chose, else the network's (as their mail).
    const style = await readMailStyle(t, db, person.personId, model.network.id);
    if (link) return minutesMail(model, person, { link, plans }, style);
    return minutesMail(
      model,
      person,
      {
        pdf: await renderMinutesPdf(redact(model, person), { createdAt: v.approvedAt, language: style.language }),
      },
      style,
    );
  });

  worker.register("action_plan", async (d) => {
    const model = modelOf(await versionOf(d));
    const { caseId, caseCode, planVersion } = actionPlanPayload(d);
    const plan = caseId && planVersion ? await actionPlans.version(caseId, planVersion) : null;
    if (!plan) throw new Error(`version ${planVersion ?? "?"} of the action plan of ${caseCode} is not there`);
    const before = plan.version > 1 ? await actionPlans.version(caseId!, plan.version - 1) : null;
    const [recipient] = await db
      .select({ name: persons.name })
      .from(persons)
      .where(eq(persons.id, d.recipientPersonId));
    const name = recipient?.name ?? "";
    const style = await readMailStyle(t, db, d.recipientPersonId, model.network.id);
    const { language } = style;
    const pdf = await renderActionPlanPdf(
      {
        network: model.network,
        caseCode,
        version: plan.version,
        savedBy: plan.savedBy.name,
        savedAt: plan.savedAt,
        content: plan.content,
        previous: before && { version: before.version, content: before.content },
        classification: model.classification,
        sharingBasis: await deps.sharingBasis.stateOf(caseId!),
      },
      { language },
    );
    return actionPlanMail(
      {
        caseCode,
        version: plan.version,
        meetingTitle: model.meeting.title,
        classification: markingIn(model.classification, language),
      },
      { email: d.email, name },
      pdf,
      style,
    );
  });

  async function deliveryOf(meetingId: string, deliveryId: string) {
    const [row] = await db
      .select({ d: deliveries, networkId: meetings.networkId })
      .from(deliveries)
      .innerJoin(meetings, eq(meetings.id, deliveries.meetingId))
      .where(and(eq(deliveries.id, deliveryId), eq(deliveries.meetingId, meetingId)));
    return row;
  }

  /** Releases one delivery for sending again, if it is in the state the request is about; audited. */
  async function sendAgain(
    actor: AuditActor,
    meetingId: string,
    deliveryId: string,
    how: {
      release: (tx: Query, deliveryId: string) => Promise<DeliveryRow | null>;
      action: "minutes.delivery_retried" | "minutes.delivery_resent";
      refusal: "not_failed" | "not_unknown";
    },
  ): Promise<DeliveryRequestResult> {
    const row = await deliveryOf(meetingId, deliveryId);
    if (!row) return { ok: false, reason: "not_found" };
    const released = await store.transaction(async (tx) => {
      const moved = await how.release(tx, deliveryId);
      if (!moved) return null;
      const details = { deliveryId, attempts: row.d.attempts };
      await audit.append(tx, actor, {
        action: how.action,
        networkId: row.networkId,
        subjectType: "meeting",
        subjectId: meetingId,
        details,
      });
      return moved;
    });
    if (!released) return { ok: false, reason: how.refusal, delivery: await outbox.get(deliveryId) };
    outbox.announce([released]);
    worker.wake();
    return { ok: true, delivery: released };
  }

  return {
    /**
     * The coordinator sends the latest version: each invited person gets their own copy
     * (and the next meeting's calendar entry); each agency involved in a discussed case
     * gets its action plan as it stands now. All the deliveries are written, pending, in
     * the transaction that marks the version distributed; the mail worker sends them.
     */
    async distribute(
      actor: AuditActor & { personId: string },
      meetingId: string,
      options: { origin?: string } = {},
    ): Promise<DistributeResult> {
      const meeting = await meetingOf(meetingId);
      const v = (await record.versions(meetingId)).at(-1);
      if (!meeting || !v) return { ok: false, reason: "not_found" };
      if (v.status !== "approved") return { ok: false, reason: "already_distributed" };
      const model = modelOf(v);
      const to = await record.addressees(meetingId);
      // By link: each mail says where to download one's own copy after signing in (the same
      // address for everyone), and nothing is attached, not even the action plans.
      const byLink = (await settings.get(meeting.networkId))?.delivery === "link";
      const page = `${options.origin ?? ""}/n/${meeting.networkId}/meetings/${meetingId}/minutes`;
      // Action plans of the cases discussed, to the people of the agencies involved in each.
      const plans: NewDelivery[] = [];
      for (const item of model.items.filter(
        (i) => i.kind === "case" && (i.decisions.length > 0 || i.tasks.length > 0),
      )) {
        const c = await caseOf(meeting.networkId, item.caseCode!);
        const plan = c && (await actionPlans.latest(c.id));
        if (!c || !plan) continue;
        for (const p of to.filter((p) => item.involvedAgencyIds.includes(p.agency.id) && p.role !== "guest")) {
          plans.push({
            kind: "action_plan",
            meetingId,
            minutesVersionId: v.id,
            recipientPersonId: p.personId,
            email: p.email,
            payload: { caseId: c.id, caseCode: c.code, planVersion: plan.version },
          });
        }
      }
      const minutesMails: NewDelivery[] = to.map((p) => ({
        kind: "minutes",
        meetingId,
        minutesVersionId: v.id,
        recipientPersonId: p.personId,
        email: p.email,
        payload: byLink
          ? ({
              link: `${page}.pdf?version=${v.version}`,
              // Their plans are listed on the minutes page, each downloaded after sign-in.
              ...(plans.some((m) => m.recipientPersonId === p.personId) ? { plans: `${page}#action-plans` } : {}),
            } satisfies MinutesPayload)
          : {},
      }));
      const mails = byLink ? minutesMails : [...minutesMails, ...plans];
      const rows = await store.transaction(async (tx) => {
        // Two coordinators clicking at once, on one node or two: the version moves once, the mails are written once.
        const claimed = await tx
          .update(minutesVersions)
          .set({ status: "distributed", distributedAt: new Date(), distributedBy: actor.personId })
          .where(and(eq(minutesVersions.id, v.id), eq(minutesVersions.status, "approved")));
        if (store.changedRows(claimed) !== 1) return null;
        const written = await outbox.enqueue(tx, mails);
        await audit.append(tx, actor, {
          action: "minutes.distributed",
          networkId: meeting.networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { version: v.version, mails: written.length },
        });
        return written;
      });
      if (!rows) return { ok: false, reason: "already_distributed" };
      outbox.announce(rows);
      worker.wake();
      return { ok: true, version: v.version, deliveries: rows };
    },

    /**
     * The action plans that go with the latest distributed version to this reader, by case
     * code: the cases discussed (a decision or a task) in their copy whose agency works on
     * them (the chair and coordinator: all); none for a guest. Listed on the minutes page,
     * which is where a link-mode mail points.
     */
    async planCodes(meetingId: string, reader: MinutesRecipient): Promise<string[]> {
      const v = (await record.versions(meetingId)).findLast((x) => x.status === "distributed");
      if (!v || reader.role === "guest") return [];
      const meeting = (await meetingOf(meetingId))!;
      const codes: string[] = [];
      for (const i of redact(modelOf(v), reader).items) {
        if (i.kind !== "case" || (i.decisions.length === 0 && i.tasks.length === 0)) continue;
        if (!reader.seesAll && !i.involvedAgencyIds.includes(reader.agency.id)) continue;
        const c = await caseOf(meeting.networkId, i.caseCode!);
        if (c && (await actionPlans.hasPlan(c.id))) codes.push(i.caseCode!);
      }
      return codes;
    },

    /** Every delivery of the meeting's minutes, newest version first, with the recipient's name. */
    async deliveries(meetingId: string) {
      const rows = await db
        .select({
          d: deliveries,
          version: minutesVersions.version,
          name: persons.name,
          openedAt: minutesReceipts.firstOpenedAt,
        })
        .from(deliveries)
        .innerJoin(minutesVersions, eq(minutesVersions.id, deliveries.minutesVersionId))
        .innerJoin(persons, eq(persons.id, deliveries.recipientPersonId))
        .leftJoin(
          minutesReceipts,
          and(
            eq(minutesReceipts.versionId, deliveries.minutesVersionId),
            eq(minutesReceipts.personId, deliveries.recipientPersonId),
          ),
        )
        .where(eq(minutesVersions.meetingId, meetingId))
        .orderBy(desc(minutesVersions.version), asc(persons.name), asc(deliveries.kind), asc(deliveries.payload));
      return rows.map((r) => ({
        ...r,
        caseCode: r.d.kind === "action_plan" ? actionPlanPayload(r.d).caseCode : null,
        // Sent by link: whether the recipient has downloaded their copy (the receipt).
        byLink: r.d.kind === "minutes" && !!(r.d.payload as MinutesPayload).link,
      }));
    },

    /** A person asks for a failed delivery to be tried again now (the same message). */
    retry(actor: AuditActor, meetingId: string, deliveryId: string): Promise<DeliveryRequestResult> {
      return sendAgain(actor, meetingId, deliveryId, {
        release: outbox.retry,
        action: "minutes.delivery_retried",
        refusal: "not_failed",
      });
    },

    /** A person decides to send a delivery of unknown outcome again: the same message, with the same Message-ID. */
    resend(actor: AuditActor, meetingId: string, deliveryId: string): Promise<DeliveryRequestResult> {
      return sendAgain(actor, meetingId, deliveryId, {
        release: outbox.resend,
        action: "minutes.delivery_resent",
        refusal: "not_unknown",
      });
    },
  };
}
