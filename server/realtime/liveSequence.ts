import { eq } from "drizzle-orm";
import type { Store } from "../../db/store.ts";
import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";

/**
 * Lets a screen tell a missed event from one it was never meant to see. A sub-room is not
 * sent the events it may not see, so its sequence numbers have gaps; each live event is
 * stamped with `prevSeq`, the last sequence number that sub-room was sent. A screen that
 * holds less than `prevSeq` has missed something and resyncs.
 *
 * The memory is this process's: after a restart the first event to each sub-room says
 * `seq - 1`, which may make a screen resync once for nothing, never miss one.
 */
export function createLiveSequence() {
  const lastSent = new Map<string, number>();
  return {
    stamp(room: string, event: MeetingEvent): MeetingEvent {
      const prevSeq = lastSent.get(room) ?? event.seq - 1;
      lastSent.set(room, event.seq);
      return { ...event, prevSeq };
    },
    /** An ended meeting sends nothing more: its sub-rooms are forgotten. */
    forget(meetingId: string) {
      for (const room of lastSent.keys()) if (room.startsWith(`meeting:${meetingId}:`)) lastSent.delete(room);
    },
  };
}

/** The meeting log's head: the sequence number a screen is current to after a resync. */
export async function headOf(store: Store, meetingId: string): Promise<number> {
  const { meetings } = store.t;
  const [head] = await store.db.select({ seq: meetings.lastSeq }).from(meetings).where(eq(meetings.id, meetingId));
  return head?.seq ?? 0;
}
