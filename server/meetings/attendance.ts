import { and, eq } from "drizzle-orm";
import type { Query, Tables } from "../../db/store.ts";
import type { Attendance } from "../../app/contract/vocabulary.ts";

type Seat = Tables["meetingParticipants"]["$inferSelect"];

// Attendance follows presence: a screen that joins the running meeting says how its
// person attends (on screen, or in the room), its last socket leaving records the time,
// and the chair only corrects. Presence before the start is not attendance: an agenda
// opened the day before says nothing about who came.

async function seatOf(t: Tables, tx: Query, meetingId: string, personId: string): Promise<Seat | undefined> {
  const [seat] = await tx
    .select()
    .from(t.meetingParticipants)
    .where(and(eq(t.meetingParticipants.meetingId, meetingId), eq(t.meetingParticipants.personId, personId)));
  return seat;
}

async function update(t: Tables, tx: Query, meetingId: string, personId: string, values: Partial<Seat>) {
  await tx
    .update(t.meetingParticipants)
    .set(values)
    .where(and(eq(t.meetingParticipants.meetingId, meetingId), eq(t.meetingParticipants.personId, personId)));
}

/**
 * Sets how a person attends. Present (`in_room`, `on_screen`) while the meeting runs starts
 * their presence (the first time) and clears a leaving; apologies clears both. `setBy` is
 * the chair when they correct someone else, null when the person says it themselves.
 */
export async function setAttendance(
  t: Tables,
  tx: Query,
  meeting: { id: string; status: string },
  personId: string,
  attendance: Attendance,
  setBy: string | null,
  now: Date,
): Promise<boolean> {
  const seat = await seatOf(t, tx, meeting.id, personId);
  if (!seat) return false;
  const present = attendance !== "apologies";
  await update(t, tx, meeting.id, personId, {
    attendance,
    attendanceSetBy: setBy,
    joinedAt: present ? (seat.joinedAt ?? (meeting.status === "running" ? now : null)) : null,
    leftAt: null,
  });
  return true;
}

/** Records that a present person left the running meeting; false when they were not there. */
export async function recordLeaving(
  t: Tables,
  tx: Query,
  meetingId: string,
  personId: string,
  now: Date,
): Promise<boolean> {
  const seat = await seatOf(t, tx, meetingId, personId);
  if (!seat?.joinedAt || seat.leftAt) return false;
  await update(t, tx, meetingId, personId, { leftAt: now });
  return true;
}

/** At the start, those already marked present (in the room, or on a screen they have open) are there from now. */
export async function startPresence(t: Tables, tx: Query, meetingId: string, now: Date) {
  for (const seat of await tx
    .select()
    .from(t.meetingParticipants)
    .where(eq(t.meetingParticipants.meetingId, meetingId)))
    if ((seat.attendance === "in_room" || seat.attendance === "on_screen") && !seat.joinedAt)
      await update(t, tx, meetingId, seat.personId, { joinedAt: now, leftAt: null });
}
