import { describe, expect, it } from "vitest";
import { guestStage } from "../../app/components/guest/guestStage.ts";
import type { AgendaItemView, MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";

const item = (n: number, status: AgendaItemView["status"] = "pending"): AgendaItemView => ({
  id: `i${n}`,
  position: n,
  section: "checkins",
  reason: "check_in_due",
  kind: "check_in",
  title: "",
  caseCode: n === 4 ? "C-2026-0003" : null,
  summary: null,
  plannedMinutes: 10,
  status,
  hidden: n !== 4,
  access: n === 4 ? "full" : "nothing",
});
const meeting = (status: "scheduled" | "running" | "ended", current: number | null, done: number[] = []) =>
  ({
    meeting: { status, currentItemId: current === null ? null : `i${current}` },
    agenda: [0, 1, 2, 3, 4, 5].map((n) => item(n, done.includes(n) ? "done" : "pending")),
  }) as unknown as MeetingSnapshot;

describe("where a guest stands", () => {
  it("before the start: every item before theirs", () => {
    expect(guestStage(meeting("scheduled", null), ["i4"])).toMatchObject({
      kind: "waiting",
      ordinal: 5,
      before: 4,
      started: false,
    });
  });
  it("counts from the item on now, not the items the chair went past", () => {
    expect(guestStage(meeting("running", 2, [1]), ["i4"])).toMatchObject({ kind: "waiting", ordinal: 3, before: 2 });
    expect(guestStage(meeting("running", 3, [1, 2]), ["i4"])).toMatchObject({ before: 1 });
    // The chair jumped past it: it is next.
    expect(guestStage(meeting("running", 5), ["i4"])).toMatchObject({ kind: "waiting", before: 0 });
  });
  it("their item on now, then done (also when the meeting ended first)", () => {
    expect(guestStage(meeting("running", 4), ["i4"])).toMatchObject({ kind: "now", item: { id: "i4" } });
    expect(guestStage(meeting("running", 5, [4]), ["i4"])).toEqual({ kind: "done" });
    expect(guestStage(meeting("running", 4, [4]), ["i4"])).toEqual({ kind: "done" });
    expect(guestStage(meeting("ended", null), ["i4"])).toEqual({ kind: "done" });
  });
});
