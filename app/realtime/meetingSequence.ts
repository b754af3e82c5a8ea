import type { MeetingEvent, MeetingSnapshot } from "../contract/meetingProtocol.ts";

type Apply = (snapshot: MeetingSnapshot, event: MeetingEvent) => MeetingSnapshot;

/** The sequence number a screen must hold to apply this live event without a gap. */
const previousOf = (e: MeetingEvent) => e.prevSeq ?? e.seq - 1;

/**
 * Applies the live events held while a snapshot or a resync was on its way, and those
 * that arrive after: the ones the snapshot already has are dropped, the newer ones are
 * applied in order while each follows the last one applied. At the first that does not,
 * the screen has missed something: it and the rest wait for a resync.
 */
export function catchUp(
  snapshot: MeetingSnapshot,
  held: readonly MeetingEvent[],
  apply: Apply,
): { snapshot: MeetingSnapshot; waiting: MeetingEvent[]; gap: boolean } {
  const ordered = [...held].sort((a, b) => a.seq - b.seq);
  let s = snapshot;
  for (const [i, e] of ordered.entries()) {
    if (e.seq <= s.seq) continue;
    if (previousOf(e) > s.seq) return { snapshot: s, waiting: ordered.slice(i), gap: true };
    s = { ...apply(s, e), seq: e.seq };
  }
  return { snapshot: s, waiting: [], gap: false };
}

/**
 * A resync by events: they are every event after the screen's number that it may see,
 * in order, so all of them apply; then the screen is current to the log's head.
 */
export function caughtUp(
  snapshot: MeetingSnapshot,
  events: readonly MeetingEvent[],
  head: number,
  apply: Apply,
): MeetingSnapshot {
  let s = snapshot;
  for (const e of events) if (e.seq > s.seq) s = { ...apply(s, e), seq: e.seq };
  return { ...s, seq: Math.max(s.seq, head) };
}
