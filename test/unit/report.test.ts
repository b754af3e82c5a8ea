import { describe, expect, it } from "vitest";
import { median, quarterOf } from "../../server/cases/report.ts";

describe("evaluation figures", () => {
  it("names the quarter of a day or a moment", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf(new Date("2026-12-31T23:00:00Z"))).toBe("2026-Q4");
  });

  it("takes the median, not the mean, so one long case does not skew it", () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([1, 2, 100])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
