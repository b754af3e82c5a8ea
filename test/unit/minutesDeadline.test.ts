import { describe, expect, it } from "vitest";
import { addWorkingDays, dayIn, minutesState } from "../../app/contract/minutesDeadline.ts";

describe("the minutes' deadline", () => {
  it("counts working days: a Friday meeting's minutes are due on Wednesday, a Monday's on Thursday", () => {
    expect(addWorkingDays("2026-11-27", 3)).toBe("2026-12-02"); // Friday → Wednesday
    expect(addWorkingDays("2026-11-30", 3)).toBe("2026-12-03"); // Monday → Thursday
    expect(addWorkingDays("2026-11-28", 1)).toBe("2026-11-30"); // Saturday → Monday
  });

  it("reads the day in the network's time zone", () => {
    expect(dayIn(new Date("2026-11-30T23:30:00Z"), "Europe/Brussels")).toBe("2026-12-01");
    expect(dayIn(new Date("2026-11-30T23:30:00Z"), "UTC")).toBe("2026-11-30");
  });

  it("says where the minutes stand: due, awaiting approval, overdue, to be sent, sent", () => {
    const base = { endedAt: new Date("2026-11-30T15:00:00Z"), timeZone: "Europe/Brussels", dueDays: 3 };
    const before = new Date("2026-12-03T20:00:00Z");
    const after = new Date("2026-12-04T08:00:00Z");
    expect(minutesState({ ...base, latest: null, drafted: false, now: before })).toEqual({
      state: "due",
      dueOn: "2026-12-03",
    });
    expect(minutesState({ ...base, latest: null, drafted: true, now: before })?.state).toBe("awaiting_approval");
    expect(minutesState({ ...base, latest: null, drafted: true, now: after })?.state).toBe("approval_overdue");
    expect(minutesState({ ...base, latest: "approved", drafted: true, now: before })?.state).toBe(
      "awaiting_distribution",
    );
    expect(minutesState({ ...base, latest: "approved", drafted: true, now: after })?.state).toBe(
      "distribution_overdue",
    );
    expect(minutesState({ ...base, latest: "distributed", drafted: true, now: after })).toBeNull();
  });
});
