import { and, asc, eq } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";
import type { MeetingAnswer } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";

/** One invited person and what they answered (null: no answer yet). */
export interface InviteeAnswer {
  personId: string;
  name: string;
  agencyName: string;
  answer: MeetingAnswer | null;
  delegateName: string | null;
  answeredAt: Date | null;
}

export type AnswerResult =
  | { ok: true }
  | { ok: false; reason: "not_found" | "not_invited" | "cancelled" | "ended" | "delegate_without_apologies" };

/**
 * Answers to meeting invitations: "I will attend", "I send apologies", "I send a delegate".
 * A person answers only for themselves (the caller passes the signed-in person), only to a
 * meeting of a network they are a member of and are invited to, and only before it ends.
 * Written once for SQLite and PostgreSQL (decision 0040).
 */
export function createMeetingAnswers(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t } = store;

  const meetingIn = async (q: Query, networkId: string, meetingId: string) => {
    const [meeting] = await q
      .select({ id: t.meetings.id, status: t.meetings.status })
      .from(t.meetings)
      .where(and(eq(t.meetings.id, meetingId), eq(t.meetings.networkId, networkId)));
    return meeting;
  };

  /** Invited people who are still members of the network, with their answers. */
  async function responsesFor(networkId: string, meetingId: string): Promise<InviteeAnswer[]> {
    if (!(await meetingIn(store.db, networkId, meetingId))) return [];
    return store.db
      .select({
        personId: t.persons.id,
        name: t.persons.name,
        agencyName: t.agencies.name,
        answer: t.meetingAnswers.answer,
        delegateName: t.meetingAnswers.delegateName,
        answeredAt: t.meetingAnswers.answeredAt,
      })
      .from(t.meetingParticipants)
      .innerJoin(t.persons, eq(t.persons.id, t.meetingParticipants.personId))
      .innerJoin(
        t.memberships,
        and(eq(t.memberships.personId, t.meetingParticipants.personId), eq(t.memberships.networkId, networkId)),
      )
      .innerJoin(t.agencies, eq(t.agencies.id, t.memberships.agencyId))
      .leftJoin(
        t.meetingAnswers,
        and(eq(t.meetingAnswers.meetingId, meetingId), eq(t.meetingAnswers.personId, t.meetingParticipants.personId)),
      )
      .where(eq(t.meetingParticipants.meetingId, meetingId))
      .orderBy(asc(t.agencies.name), asc(t.persons.name));
  }

  return {
    responsesFor,

    /** The person's own invitation and answer, or null when they are not invited (or not a member). */
    async answerOf(networkId: string, meetingId: string, personId: string): Promise<InviteeAnswer | null> {
      return (await responsesFor(networkId, meetingId)).find((r) => r.personId === personId) ?? null;
    },

    /** Records the signed-in person's answer; a new answer replaces their last. */
    async answer(
      actor: AuditActor & { personId: string },
      networkId: string,
      meetingId: string,
      input: { answer: MeetingAnswer; delegateName: string | null },
    ): Promise<AnswerResult> {
      if (input.delegateName && input.answer !== "apologies")
        return { ok: false, reason: "delegate_without_apologies" };
      return store.transaction(async (tx): Promise<AnswerResult> => {
        const meeting = await meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        const [invited] = await tx
          .select({ personId: t.meetingParticipants.personId })
          .from(t.meetingParticipants)
          .innerJoin(
            t.memberships,
            and(eq(t.memberships.personId, t.meetingParticipants.personId), eq(t.memberships.networkId, networkId)),
          )
          .where(
            and(eq(t.meetingParticipants.meetingId, meetingId), eq(t.meetingParticipants.personId, actor.personId)),
          );
        if (!invited) return { ok: false, reason: "not_invited" };
        if (meeting.status === "cancelled") return { ok: false, reason: "cancelled" };
        if (meeting.status === "ended") return { ok: false, reason: "ended" };
        const values = { answer: input.answer, delegateName: input.delegateName, answeredAt: new Date() };
        await tx
          .insert(t.meetingAnswers)
          .values({ meetingId, personId: actor.personId, ...values })
          .onConflictDoUpdate({ target: [t.meetingAnswers.meetingId, t.meetingAnswers.personId], set: values });
        await audit.append(tx, actor, {
          action: "meeting.answered",
          networkId,
          subjectType: "meeting",
          subjectId: meetingId,
          details: { answer: input.answer, delegate: input.delegateName !== null },
        });
        return { ok: true };
      });
    },
  };
}
