import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  agencies,
  meetingAnswers,
  meetingParticipants,
  meetings,
  memberships,
  persons,
} from "../../db/schema/index.ts";
import type { MeetingAnswer } from "../../app/contract/vocabulary.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

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
 */
export function createMeetingAnswers(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  const meetingIn = (tx: Pick<Db, "select">, networkId: string, meetingId: string) =>
    tx
      .select({ id: meetings.id, status: meetings.status })
      .from(meetings)
      .where(and(eq(meetings.id, meetingId), eq(meetings.networkId, networkId)))
      .get();

  /** Invited people who are still members of the network, with their answers. */
  function responsesFor(networkId: string, meetingId: string): InviteeAnswer[] {
    if (!meetingIn(db, networkId, meetingId)) return [];
    return db
      .select({
        personId: persons.id,
        name: persons.name,
        agencyName: agencies.name,
        answer: meetingAnswers.answer,
        delegateName: meetingAnswers.delegateName,
        answeredAt: meetingAnswers.answeredAt,
      })
      .from(meetingParticipants)
      .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
      .innerJoin(
        memberships,
        and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, networkId)),
      )
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .leftJoin(
        meetingAnswers,
        and(eq(meetingAnswers.meetingId, meetingId), eq(meetingAnswers.personId, meetingParticipants.personId)),
      )
      .where(eq(meetingParticipants.meetingId, meetingId))
      .orderBy(asc(agencies.name), asc(persons.name))
      .all();
  }

  return {
    responsesFor,

    /** The person's own invitation and answer, or null when they are not invited (or not a member). */
    answerOf(networkId: string, meetingId: string, personId: string): InviteeAnswer | null {
      return responsesFor(networkId, meetingId).find((r) => r.personId === personId) ?? null;
    },

    /** Records the signed-in person's answer; a new answer replaces their last. */
    answer(
      actor: AuditActor & { personId: string },
      networkId: string,
      meetingId: string,
      input: { answer: MeetingAnswer; delegateName: string | null },
    ): AnswerResult {
      if (input.delegateName && input.answer !== "apologies")
        return { ok: false, reason: "delegate_without_apologies" };
      return db.transaction((tx): AnswerResult => {
        const meeting = meetingIn(tx, networkId, meetingId);
        if (!meeting) return { ok: false, reason: "not_found" };
        const invited = tx
          .select({ personId: meetingParticipants.personId })
          .from(meetingParticipants)
          .innerJoin(
            memberships,
            and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, networkId)),
          )
          .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, actor.personId)))
          .get();
        if (!invited) return { ok: false, reason: "not_invited" };
        if (meeting.status === "cancelled") return { ok: false, reason: "cancelled" };
        if (meeting.status === "ended") return { ok: false, reason: "ended" };
        const values = { answer: input.answer, delegateName: input.delegateName, answeredAt: new Date() };
        tx.insert(meetingAnswers)
          .values({ meetingId, personId: actor.personId, ...values })
          .onConflictDoUpdate({ target: [meetingAnswers.meetingId, meetingAnswers.personId], set: values })
          .run();
        audit.append(
          actor,
          {
            action: "meeting.answered",
            networkId,
            subjectType: "meeting",
            subjectId: meetingId,
            details: { answer: input.answer, delegate: input.delegateName !== null },
          },
          tx,
        );
        return { ok: true };
      });
    },
  };
}
