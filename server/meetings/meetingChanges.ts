import { and, asc, eq, sql } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import { startsInThePast } from "../../app/contract/meetingDates.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
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
  store: Store;
  audit: AuditChain;
  outbox: Outbox;
  sendInvitations: (rows: DeliveryRow[]) => void;
}) {
  const { store, audit, outbox, sendInvitations } = deps;
  const { t } = store;

  const meetingIn = async (q: Query, networkId: string, meetingId: string) =>
    (
      await q
        .select()
        .from(t.meetings)
        .where(and(eq(t.meetings.id, meetingId), eq(t.meetings.networkId, networkId)))
    )[0];

  /**
   * Applies a change to a meeting still scheduled and raises its invitation SEQUENCE in one
   * update, so that of two changes at once (two nodes) each gets its own number, and a change
   * after a cancellation changes nothing. False when it is no longer scheduled.
   */
  const raiseSequence = async (tx: Query, meetingId: string, set: Partial<MeetingChange> | { status: "cancelled" }) =>
    (
      await tx
        .update(t.meetings)
        .set({ ...set, invitationSequence: sql`${t.meetings.invitationSequence} + 1` })
        .where(and(eq(t.meetings.id, meetingId), eq(t.meetings.status, "scheduled")))
        .returning({ id: t.meetings.id })
    ).length === 1;

  return {
    /** Every invitation, update and cancellation of a meeting, oldest first, with where its mail is. */
    async invitationsSent(networkId: string, meetingId: string) {
      if (!(await meetingIn(store.db, networkId, meetingId))) return [];
      const d = t.deliveries;
      const rows = await store.db
        .select()
        .from(d)
        .where(and(eq(d.meetingId, meetingId), eq(d.kind, INVITATION_KIND)))
        .orderBy(asc(d.createdAt), asc(d.id));
      return rows.map((row) => {
        const p = row.payload as InvitationPayload;
        return {
          id: row.id,
          personId: row.recipientPersonId,
          email: row.email,
          state: row.state,
          reason: row.reason,
          change: p.change,
          sequence: p.sequence,
        };
      });
    },

    /**
     * A person sends one invitation again: a failed one now, an unknown one (it may have
     * arrived) as the same message. False when it is neither (any more), or not this meeting's.
     */
    async sendInvitationAgain(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      deliveryId: string,
    ): Promise<boolean> {
      const again = await store.transaction(async (tx) => {
        const delivery = (await meetingIn(tx, networkId, meetingId))
          ? (await tx.select().from(t.deliveries).where(eq(t.deliveries.id, deliveryId)))[0]
          : undefined;
        if (!delivery || delivery.meetingId !== meetingId || delivery.kind !== INVITATION_KIND) return null;
        const released =
          delivery.state === "failed"
            ? await outbox.retry(tx, deliveryId)
            : delivery.state === "unknown"
              ? await outbox.resend(tx, deliveryId)
              : null;
        if (!released) return null;
        await audit.append(tx, actor, {
          action: "meeting.invitation_sent_again",
          networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { deliveryId, was: delivery.state },
        });
        return released;
      });
      if (!again) return false;
      sendInvitations([again]);
      return true;
    },

    /** Changes the time, place, call link or title; refuses a start in the past and changes nothing then. */
    async reschedule(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      change: MeetingChange,
      invitations: { origin: string },
    ): Promise<MeetingChangeResult> {
      const result = await store.transaction(async (tx): Promise<MeetingChangeResult & { rows?: DeliveryRow[] }> => {
        const meeting = await meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        if (meeting.status !== "scheduled") return { ok: false, reason: "not_scheduled" };
        if (startsInThePast(change.startsAt)) return { ok: false, reason: "past" };
        const before = { title: meeting.title, at: meeting.startsAt.getTime(), p: meeting.place, c: meeting.callLink };
        const after = { title: change.title, at: change.startsAt.getTime(), p: change.place, c: change.callLink };
        if (JSON.stringify(before) === JSON.stringify(after)) return { ok: false, reason: "unchanged" };
        if (!(await raiseSequence(tx, meeting.id, change))) return { ok: false, reason: "not_scheduled" };
        const rows = await enqueueInvitations(t, tx, outbox, {
          meetingId,
          change: "moved",
          origin: invitations.origin,
        });
        await audit.append(tx, actor, {
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
        });
        return { ok: true, invitations: rows.length, rows };
      });
      if (!result.ok) return result;
      sendInvitations(result.rows ?? []);
      return { ok: true, invitations: result.invitations };
    },

    /** Cancels a meeting that has not started: every invited person's calendar entry is withdrawn. */
    async cancel(
      actor: AuditActor,
      networkId: string,
      meetingId: string,
      invitations: { origin: string },
    ): Promise<MeetingChangeResult> {
      const result = await store.transaction(async (tx): Promise<MeetingChangeResult & { rows?: DeliveryRow[] }> => {
        const meeting = await meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        if (meeting.status !== "scheduled") return { ok: false, reason: "not_scheduled" };
        if (!(await raiseSequence(tx, meeting.id, { status: "cancelled" })))
          return { ok: false, reason: "not_scheduled" };
        const rows = await enqueueInvitations(t, tx, outbox, {
          meetingId,
          change: "cancelled",
          origin: invitations.origin,
        });
        await audit.append(tx, actor, {
          action: "meeting.cancelled",
          networkId,
          subjectType: "meeting",
          subjectId: meeting.id,
          details: {},
        });
        return { ok: true, invitations: rows.length, rows };
      });
      if (!result.ok) return result;
      sendInvitations(result.rows ?? []);
      return { ok: true, invitations: result.invitations };
    },
  };
}
