import { describe, expect, it } from "vitest";
import { median, monthEnds, quantile, quarterOf, quartersBetween } from "../../server/evaluation/periods.ts";
import { stageHistory, stageOn } from "../../server/evaluation/stageHistory.ts";
import type { CaseStage } from "../../app/contract/vocabulary.ts";

describe("evaluation periods", () => {
  it("names quarters", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-04-01")).toBe("2026-Q2");
    expect(quarterOf(new Date("2026-12-31T23:00:00Z"))).toBe("2026-Q4");
  });

  it("lists every quarter a twelve-month period touches", () => {
    expect(quartersBetween(new Date("2025-11-30T10:00:00Z"), new Date("2026-11-30T10:00:00Z"))).toEqual([
      "2025-Q4",
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
  });

  it("ends each month at its last millisecond, and the current one now", () => {
    const now = new Date("2026-03-15T12:00:00Z");
    const months = monthEnds(now, 3);
    expect(months.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(months[1].end.toISOString()).toBe("2026-02-28T23:59:59.999Z");
    expect(months[2].end).toBe(now);
  });

  it("takes the median, not the mean, so one long case does not skew it", () => {
    expect(median([])).toBeNull();
    expect(median([3])).toBe(3);
    expect(median([1, 2, 100])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("gives the quartiles between the closest ranks", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5], 0.75)).toBe(4);
    expect(quantile([10, 20], 0.25)).toBe(12.5);
  });
});

describe("a case's stages, rebuilt from its decisions", () => {
  const at = (day: string) => new Date(`${day}T10:00:00Z`);
  const opened = (stage: CaseStage, updatedAt = "2026-06-01") => ({
    createdAt: at("2026-01-01"),
    stage,
    updatedAt: at(updatedAt),
  });
  const stays = stageHistory(opened("assessment"), [
    { kind: "routing", outcome: "take_into_maw", decidedAt: at("2026-01-10") },
    { kind: "check_in", outcome: "continue", decidedAt: at("2026-01-20") },
    { kind: "stage", outcome: "active", decidedAt: at("2026-02-01") },
    { kind: "closure", outcome: "kept_open", decidedAt: at("2026-03-01") },
    { kind: "closure", outcome: "closed", decidedAt: at("2026-04-01") },
    { kind: "reopening", outcome: "reopened", decidedAt: at("2026-05-01") },
  ]);

  it("opens at the signal stage and moves only on decisions that move it", () => {
    expect(stays.map((s) => s.stage)).toEqual(["signal", "assessment", "active", "closed", "assessment"]);
    expect(stays[2]).toEqual({ stage: "active", from: at("2026-02-01"), until: at("2026-04-01") });
    expect(stays[4].until).toBeNull();
  });

  it("knows the stage on any day", () => {
    expect(stageOn(stays, at("2025-12-31"))).toBeNull();
    expect(stageOn(stays, at("2026-01-05"))).toBe("signal");
    expect(stageOn(stays, at("2026-04-15"))).toBe("closed");
  });

  it("keeps a case at the signal stage while more information is gathered", () => {
    const gathering = stageHistory(opened("closed"), [
      { kind: "routing", outcome: "gather_information", decidedAt: at("2026-01-05") },
      { kind: "routing", outcome: "no_further_action", decidedAt: at("2026-01-25") },
    ]);
    expect(gathering.map((s) => [s.stage, s.until?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["signal", "2026-01-25"],
      ["closed", null],
    ]);
  });

  it("trusts the register for a case put at its stage without a decision", () => {
    const imported = stageHistory(opened("active", "2026-02-01"), []);
    expect(imported.map((s) => s.stage)).toEqual(["signal", "active"]);
    expect(imported[1].from).toEqual(at("2026-02-01"));
  });
});
