import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { meetingParticipants } from "../../db/schema/index.ts";
import type { Attendance } from "../../app/contract/vocabulary.ts";

type Tx = Pick<Db, "select" | "update">;
type Seat = typeof meetingParticipants.$inferSelect;

// Attendance follows presence: a screen that joins the running meeting says how its
// person attends (on screen, or in the room), its last socket leaving records the time,
// and the chair only corrects. Presence before the start is not attendance: an agenda
// opened the day before says nothing about who came.

function seatOf(tx: Tx, meetingId: string, personId: string): Seat | undefined {
  return tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, personId)))
    .get();
}

function update(tx: Tx, meetingId: string, personId: string, values: Partial<Seat>) {
  tx.update(meetingParticipants)
    .set(values)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.personId, personId)))
    .run();
}

/**
 * Sets how a person attends. Present (`in_room`, `on_screen`) while the meeting runs starts
 * their presence (the first time) and clears a leaving; apologies clears both. `setBy` is
 * the chair when they correct someone else, null when the person says it themselves.
 */
export function setAttendance(
  tx: Tx,
  meeting: { id: string; status: string },
  personId: string,
  attendance: Attendance,
  setBy: string | null,
  now: Date,
): boolean {
  const seat = seatOf(tx, meeting.id, personId);
  if (!seat) return false;
  const present = attendance !== "apologies";
  update(tx, meeting.id, personId, {
    attendance,
    attendanceSetBy: setBy,
    joinedAt: present ? (seat.joinedAt ?? (meeting.status === "running" ? now : null)) : null,
    leftAt: null,
  });
  return true;
}

/** Records that a present person left the running meeting; false when they were not there. */
export function recordLeaving(tx: Tx, meetingId: string, personId: string, now: Date): boolean {
  const seat = seatOf(tx, meetingId, personId);
  if (!seat?.joinedAt || seat.leftAt) return false;
  update(tx, meetingId, personId, { leftAt: now });
  return true;
}

/** At the start, those already marked present (in the room, or on a screen they have open) are there from now. */
export function startPresence(tx: Tx, meetingId: string, now: Date) {
  for (const seat of tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).all())
    if ((seat.attendance === "in_room" || seat.attendance === "on_screen") && !seat.joinedAt)
      update(tx, meetingId, seat.personId, { joinedAt: now, leftAt: null });
}
