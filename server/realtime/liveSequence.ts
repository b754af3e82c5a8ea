import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { meetings } from "../../db/schema/index.ts";
import { cutEvent, type RecordView } from "../meetings/recordView.ts";
import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";

/** How far back the log is read for an event's `prevSeq`. */
export const LOOK_BACK = 32;

/**
 * Lets a screen tell a missed event from one it was never meant to see. An audience room
 * is not sent the events it may not see, so its sequence numbers have gaps; each live
 * event is stamped with `prevSeq`, the last earlier event of the meeting's log that this
 * audience may see. A screen that holds less than `prevSeq` has missed something and
 * resyncs.
 *
 * Read from the stored log, not from what this process sent: with several nodes, each
 * sends some of a meeting's events (decision 0045). `earlier` is the log's last events
 * before `seq` (at most LOOK_BACK, oldest first). When none of them may be seen, the
 * number just before them is said: at most a needless resync, never a missed event.
 */
export function previousSeen(earlier: readonly MeetingEvent[], seq: number, view: RecordView): number {
  for (let i = earlier.length - 1; i >= 0; i--) if (cutEvent(earlier[i], view)) return earlier[i].seq;
  return Math.max(0, seq - LOOK_BACK - 1);
}

/** The meeting log's head: the sequence number a screen is current to after a resync. */
export function headOf(db: Pick<Db, "select">, meetingId: string): number {
  return db.select({ seq: meetings.lastSeq }).from(meetings).where(eq(meetings.id, meetingId)).get()?.seq ?? 0;
}
