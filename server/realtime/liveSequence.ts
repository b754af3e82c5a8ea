import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { Query, Tables } from "../../db/store.ts";
import { cutEvent, type RecordView } from "../meetings/recordView.ts";
import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";

/** How far back the log is read for an event's `prevSeq`. */
export const LOOK_BACK = 32;
/**
 * How many of them are read first: almost every audience sent an event may see the one
 * just before it (docs/performance.md, "Live room"), and the whole window costs a read of
 * 32 payloads on the way of every event.
 */
const NEAREST = 4;

/** The log's last events before an event, newest first: prepared once (db/prepareOnce.ts). */
const earlierQuery = preparedQueries((t, db) =>
  db
    .select({
      seq: t.meetingEvents.seq,
      type: t.meetingEvents.type,
      itemId: t.meetingEvents.itemId,
      payload: t.meetingEvents.payload,
      at: t.meetingEvents.at,
    })
    .from(t.meetingEvents)
    .where(
      and(
        eq(t.meetingEvents.meetingId, sql.placeholder("meetingId")),
        lt(t.meetingEvents.seq, sql.placeholder("seq")),
        gte(t.meetingEvents.seq, sql.placeholder("from")),
      ),
    )
    .orderBy(desc(t.meetingEvents.seq))
    .limit(sql.placeholder("limit"))
    .prepare("live_earlier_events"),
);

/**
 * The log's last events before `seq`, newest first: the nearest NEAREST at first, all
 * LOOK_BACK once `widened`. An event's payload is parsed when an audience first looks at
 * it, so one parse usually serves every audience.
 */
export interface EarlierEvents {
  readonly count: number;
  /** Whether these are all the window holds (LOOK_BACK events, or fewer where the log begins). */
  readonly whole: boolean;
  /** The `i`th event back from `seq` (0 is the newest). */
  at(i: number): MeetingEvent;
  /** The whole window, read once, however many audiences ask. */
  widened(): Promise<EarlierEvents>;
}

export async function earlierEvents(
  t: Tables,
  q: Query,
  meetingId: string,
  seq: number,
  limit = NEAREST,
): Promise<EarlierEvents> {
  const rows = await earlierQuery(t, q).execute({ meetingId, seq, from: seq - LOOK_BACK, limit });
  const parsed: MeetingEvent[] = [];
  const whole = limit >= LOOK_BACK || rows.length < limit;
  let wider: Promise<EarlierEvents> | null = null;
  const self: EarlierEvents = {
    count: rows.length,
    whole,
    at(i) {
      const row = rows[i];
      // The log is written only by the engine, from its command's typed event (engine.ts).
      parsed[i] ??= {
        meetingId,
        seq: row.seq,
        type: row.type,
        itemId: row.itemId,
        at: row.at.getTime(),
        data: JSON.parse(row.payload) as unknown,
      } as MeetingEvent;
      return parsed[i];
    },
    widened: () => (whole ? Promise.resolve(self) : (wider ??= earlierEvents(t, q, meetingId, seq, LOOK_BACK))),
  };
  return self;
}

/**
 * Lets a screen tell a missed event from one it was never meant to see. An audience room
 * is not sent the events it may not see, so its sequence numbers have gaps; each live
 * event is stamped with `prevSeq`, the last earlier event of the meeting's log that this
 * audience may see. A screen that holds less than `prevSeq` has missed something and
 * resyncs.
 *
 * Read from the stored log, not from what this process sent: with several nodes, each
 * sends some of a meeting's events (decision 0045). `earlier` is the log's last events
 * before `seq` (at most LOOK_BACK, newest first); the window is widened when none of the
 * nearest may be seen. When none of the whole window may be seen, the number just before
 * it is said: at most a needless resync, never a missed event.
 */
export async function previousSeen(earlier: EarlierEvents, seq: number, view: RecordView): Promise<number> {
  for (let i = 0; i < earlier.count; i++) {
    const e = earlier.at(i);
    if (cutEvent(e, view)) return e.seq;
  }
  if (!earlier.whole) return previousSeen(await earlier.widened(), seq, view);
  return Math.max(0, seq - LOOK_BACK - 1);
}
