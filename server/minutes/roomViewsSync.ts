import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  actionReviews,
  agencies,
  agendaItemGuests,
  agendaItems,
  cases,
  meetingAnswers,
  meetingParticipants,
  memberships,
  persons,
  tasks,
} from "../../db/schema/index.ts";
import type { ParticipantView } from "../../app/contract/meetingProtocol.ts";
import { OPEN_TASK_STATUSES } from "../cases/caseFile.ts";

// The room's views (server/meetings/meetingViews.ts) are on the async Store (issue 17); the
// minutes read the two they print synchronously here, the same queries, until the minutes
// move to the Store too and call the room's views. Then this file goes.

/** The last meeting's actions still open when this one began, with their review here (as the room lists them). */
export function reviewedActionsSync(db: Db, meeting: { id: string; previousMeetingId: string | null }) {
  if (!meeting.previousMeetingId) return [];
  return db
    .select({
      t: tasks,
      code: cases.code,
      agencyName: agencies.name,
      ownerName: persons.name,
      review: actionReviews.outcome,
    })
    .from(tasks)
    .innerJoin(cases, eq(cases.id, tasks.caseId))
    .leftJoin(agencies, eq(agencies.id, tasks.ownerAgencyId))
    .leftJoin(persons, eq(persons.id, tasks.ownerPersonId))
    .leftJoin(actionReviews, and(eq(actionReviews.taskId, tasks.id), eq(actionReviews.meetingId, meeting.id)))
    .where(
      and(
        eq(tasks.meetingId, meeting.previousMeetingId),
        or(inArray(tasks.status, [...OPEN_TASK_STATUSES]), isNotNull(actionReviews.outcome)),
      ),
    )
    .orderBy(asc(cases.code), asc(tasks.createdAt))
    .all()
    .map(({ t, code, agencyName, ownerName, review }) => ({
      caseId: t.caseId,
      caseCode: code,
      what: t.what,
      ownerAgencyName: agencyName,
      ownerPersonName: ownerName,
      dueOn: t.dueOn,
      review: review ?? null,
    }));
}

/** The meeting's invited people as the room lists them (its participant views). */
export function participantsSync(db: Db, meeting: { id: string; networkId: string }): ParticipantView[] {
  const guests = db
    .select({ itemId: agendaItemGuests.itemId, personId: agendaItemGuests.personId })
    .from(agendaItemGuests)
    .innerJoin(agendaItems, eq(agendaItems.id, agendaItemGuests.itemId))
    .where(eq(agendaItems.meetingId, meeting.id))
    .all();
  return db
    .select({
      p: meetingParticipants,
      name: persons.name,
      agencyId: agencies.id,
      agencyName: agencies.name,
      role: memberships.role,
      answer: meetingAnswers.answer,
      delegateName: meetingAnswers.delegateName,
    })
    .from(meetingParticipants)
    .innerJoin(persons, eq(persons.id, meetingParticipants.personId))
    .innerJoin(
      memberships,
      and(eq(memberships.personId, meetingParticipants.personId), eq(memberships.networkId, meeting.networkId)),
    )
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .leftJoin(
      meetingAnswers,
      and(
        eq(meetingAnswers.meetingId, meetingParticipants.meetingId),
        eq(meetingAnswers.personId, meetingParticipants.personId),
      ),
    )
    .where(eq(meetingParticipants.meetingId, meeting.id))
    .orderBy(asc(persons.name))
    .all()
    .map(({ p, name, agencyId, agencyName, role, answer, delegateName }) => ({
      personId: p.personId,
      name,
      agencyId,
      agencyName,
      mandate: p.mandate,
      role,
      attendance: p.attendance,
      joinedAt: p.joinedAt?.getTime() ?? null,
      leftAt: p.leftAt?.getTime() ?? null,
      corrected: p.attendanceSetBy !== null,
      answer,
      delegateName,
      accepted: p.confidentialityAcceptedAt !== null,
      guestOf: guests.filter((g) => g.personId === p.personId).map((g) => g.itemId),
    }));
}
