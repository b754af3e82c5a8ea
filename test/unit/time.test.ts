import { describe, expect, it } from "vitest";
import { dayAfter, days, hours } from "../../app/contract/time.ts";

describe("time constants", () => {
  it("counts days and hours in milliseconds", () => {
    expect(days(1)).toBe(86_400_000);
    expect(days(7)).toBe(604_800_000);
    expect(hours(2)).toBe(7_200_000);
  });

  it("names the calendar day n days on, across a month's end", () => {
    const monday = new Date("2026-11-30T10:00:00Z");
    expect(dayAfter(7, monday)).toBe("2026-12-07");
    expect(dayAfter(0, monday)).toBe("2026-11-30");
    expect(dayAfter(-30, monday)).toBe("2026-10-31");
  });
});
