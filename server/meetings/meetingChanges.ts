import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { deliveries, meetings } from "../../db/schema/index.ts";
import { startsInThePast } from "../../app/contract/meetingDates.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import { enqueueInvitations, INVITATION_KIND, type InvitationPayload } from "../mail/invitations.ts";
import type { DeliveryRow, Outbox } from "../mail/outbox.ts";

export interface MeetingChange {
  title: string;
  startsAt: Date;
  place: string | null;
  callLink: string | null;
}

export type MeetingChangeResult =
  { ok: true; invitations: number } | { ok: false; reason: "not_found" | "not_scheduled" | "past" | "unchanged" };

/**
 * Moving and cancelling a meeting that has not started. Each raises the meeting's
 * invitation SEQUENCE and, in the same transaction, writes every invited person an
 * update (REQUEST) or a cancellation (CANCEL) with the same calendar UID.
 */
export function createMeetingChanges(deps: {
  db: Db;
  audit: AuditLog;
  outbox: Outbox;
  sendInvitations: (rows: DeliveryRow[]) => void;
  wake: () => void;
}) {
  const { db, audit, outbox, sendInvitations, wake } = deps;

  const meetingIn = (tx: Pick<Db, "select">, networkId: string, meetingId: string) =>
    tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, networkId)))
      .get();

  return {
    /** Every invitation, update and cancellation of a meeting, oldest first, with where its mail is. */
    invitationsSent(networkId: string, meetingId: string) {
      if (!meetingIn(db, networkId, meetingId)) return [];
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.meetingId, meetingId), eq(deliveries.kind, INVITATION_KIND)))
        .orderBy(asc(deliveries.createdAt), asc(deliveries.id))
        .all()
        .map((d) => {
          const p = JSON.parse(d.payload) as InvitationPayload;
          return {
            id: d.id,
            personId: d.recipientPersonId,
            email: d.email,
            state: d.state,
            reason: d.reason,
            change: p.change,
            sequence: p.sequence,
          };
        });
    },

    /**
     * A person sends one invitation again: a failed one now, an unknown one (it may have
     * arrived) as the same message. False when it is neither (any more), or not this meeting's.
     */
    sendInvitationAgain(actor: AuditActor, networkId: string, meetingId: string, deliveryId: string): boolean {
      const delivery = meetingIn(db, networkId, meetingId) ? outbox.get(deliveryId) : undefined;
      if (!delivery || delivery.meetingId !== meetingId || delivery.kind !== INVITATION_KIND) return false;
      const again =
        delivery.state === "failed"
          ? outbox.retry(deliveryId)
          : delivery.state === "unknown" && outbox.resend(deliveryId);
      if (!again) return false;
      audit.append(actor, {
        action: "meeting.invitation_sent_again",
        networkId,
        subjectType: "meeting",
        subjectId: meetingId,
        details: { deliveryId, was: delivery.state },
      });
      wake();
      return true;
    },

    /** Changes the time, place, call link or title; refuses a start in the past and changes nothing then. */
    reschedule(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      change: MeetingChange,
      invitations: { origin: string },
    ): MeetingChangeResult {
      const result = db.transaction((tx): MeetingChangeResult & { rows?: DeliveryRow[] } => {
        const meeting = meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        if (meeting.status !== "scheduled") return { ok: false, reason: "not_scheduled" };
        if (startsInThePast(change.startsAt)) return { ok: false, reason: "past" };
        const before = { title: meeting.title, at: meeting.startsAt.getTime(), p: meeting.place, c: meeting.callLink };
        const after = { title: change.title, at: change.startsAt.getTime(), p: change.place, c: change.callLink };
        if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false, reason: "unchanged" };
        tx.update(meetings)
          .set({ ...change, invitationSequence: meeting.invitationSequence + 1 })
          .where(eq(meetings.id, meeting.id))
          .run();
        audit.append(
          actor,
          {
            action: "meeting.rescheduled",
            networkId,
            subjectType: "meeting",
            subjectId: meeting.id,
            details: {
              from: meeting.startsAt.toISOString(),
              to: change.startsAt.toISOString(),
              placeChanged: before.p !== after.p,
              callLinkChanged: before.c !== after.c,
            },
          },
          tx,
        );
        const rows = enqueueInvitations(tx, outbox, { meetingId, change: "moved", origin: invitations.origin });
        return { ok: true, invitations: rows.length, rows };
      });
      if (!result.ok) return result;
      sendInvitations(result.rows ?? []);
      return { ok: true, invitations: result.invitations };
    },

    /** Cancels a meeting that has not started: every invited person's calendar entry is withdrawn. */
    cancel(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      invitations: { origin: string },
    ): MeetingChangeResult {
      const result = db.transaction((tx): MeetingChangeResult & { rows?: DeliveryRow[] } => {
        const meeting = meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        if (meeting.status !== "scheduled") return { ok: false, reason: "not_scheduled" };
        tx.update(meetings)
          .set({ status: "cancelled", invitationSequence: meeting.invitationSequence + 1 })
          .where(eq(meetings.id, meeting.id))
          .run();
        audit.append(
          actor,
          { action: "meeting.cancelled", networkId, subjectType: "meeting", subjectId: meeting.id, details: {} },
          tx,
        );
        const rows = enqueueInvitations(tx, outbox, { meetingId, change: "cancelled", origin: invitations.origin });
        return { ok: true, invitations: rows.length, rows };
      });
      if (!result.ok) return result;
      sendInvitations(result.rows ?? []);
      return { ok: true, invitations: result.invitations };
    },
  };
}
