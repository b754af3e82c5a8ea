import type { AgendaItemView, MeetingSnapshot } from "../../contract/meetingProtocol.ts";

/**
 * Where a guest stands in the meeting: their item is on now, they wait for it (with how
 * many items come before it), or all their items are done. Only their own items and the
 * count of the others are used: the others' rows are never shown to them.
 */
export type GuestStage =
  | { kind: "now"; item: AgendaItemView }
  | { kind: "waiting"; item: AgendaItemView; ordinal: number; before: number; started: boolean }
  | { kind: "done" };

export function guestStage(s: MeetingSnapshot, guestOf: readonly string[]): GuestStage {
  const mine = (i: AgendaItemView) => guestOf.includes(i.id);
  const agenda = [...s.agenda].sort((a, b) => a.position - b.position);
  const current = s.meeting.status === "running" ? agenda.find((i) => i.id === s.meeting.currentItemId) : undefined;
  // Their item is on until it is done (the chair may mark it done before moving on).
  if (current && mine(current) && current.status === "pending") return { kind: "now", item: current };
  const next = s.meeting.status === "ended" ? undefined : agenda.find((i) => mine(i) && i.status === "pending");
  if (!next) return { kind: "done" };
  // Before it: the items still to be dealt with from the one on now (or the start) up to it.
  const from = current?.position ?? -Infinity;
  const before = agenda.filter(
    (i) => i.position >= from && i.position < next.position && (i.status === "pending" || i.id === current?.id),
  ).length;
  return { kind: "waiting", item: next, ordinal: before + 1, before, started: s.meeting.status === "running" };
}
