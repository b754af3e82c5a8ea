import { describe, expect, it } from "vitest";
import { CASE_STAGES, ROUTINGS } from "../../app/contract/vocabulary.ts";
import { isMinorOn } from "../../server/cases/caseRegister.ts";
import { fadeOutDates } from "../../server/cases/closureTemplate.ts";
import { allowedMoves, checkMove, routingTarget } from "../../server/cases/lifecycle.ts";

describe("the life of a case", () => {
  it("allows exactly the moves of the lifecycle", () => {
    const allowed = Object.fromEntries(CASE_STAGES.map((s) => [s, [...allowedMoves(s)]]));
    expect(allowed).toEqual({
      signal: ["assessment", "closed"],
      assessment: ["active", "closed"],
      active: ["monitoring", "closed"],
      monitoring: ["active", "closed"],
      closed: ["assessment"],
    });
  });

  it("refuses a move that does not exist, saying why", () => {
    expect(checkMove("signal", "active")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkMove("closed", "active")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkMove("active", "active")).toEqual({ ok: false, reason: "same_stage" });
  });

  it("closes a running case only through a closure with sign-off", () => {
    expect(checkMove("active", "closed")).toEqual({ ok: false, reason: "closure_needs_sign_off" });
    expect(checkMove("monitoring", "closed")).toEqual({ ok: false, reason: "closure_needs_sign_off" });
    expect(checkMove("active", "closed", { viaClosure: true })).toEqual({ ok: true });
  });

  it("closes a signal only by its routing decision", () => {
    expect(checkMove("signal", "closed")).toEqual({ ok: false, reason: "not_allowed" });
    expect(checkMove("signal", "closed", { viaRouting: true })).toEqual({ ok: true });
  });

  it("makes a case active only when it has an action plan", () => {
    expect(checkMove("assessment", "active")).toEqual({ ok: false, reason: "active_needs_plan" });
    expect(checkMove("assessment", "active", { hasPlan: true })).toEqual({ ok: true });
  });

  it("routes a signal where the decision says", () => {
    const targets = Object.fromEntries(ROUTINGS.map((r) => [r, routingTarget(r)]));
    expect(targets).toEqual({
      take_into_maw: { stage: "assessment", outcome: null },
      gather_information: { stage: "signal", outcome: null },
      regular_care: { stage: "closed", outcome: "regular_care" },
      security_referral: { stage: "closed", outcome: "security_referral" },
      no_further_action: { stage: "closed", outcome: "no_further_action" },
    });
  });
});

describe("minors", () => {
  it("is a minor until the eighteenth birthday", () => {
    expect(isMinorOn("2008-11-23", "2026-11-22")).toBe(true);
    expect(isMinorOn("2008-11-22", "2026-11-22")).toBe(false);
    expect(isMinorOn("1990-01-01", "2026-11-22")).toBe(false);
    expect(isMinorOn(null, "2026-11-22")).toBe(false);
  });
});

describe("fade-out monitoring", () => {
  it("schedules a check every three months for a year", () => {
    expect(fadeOutDates("2026-11-22", { everyMonths: 3, forMonths: 12 })).toEqual([
      "2027-02-22",
      "2027-05-22",
      "2027-08-22",
      "2027-11-22",
    ]);
  });

  it("keeps a check on the last day of a shorter month", () => {
    expect(fadeOutDates("2026-11-30", { everyMonths: 3, forMonths: 6 })).toEqual(["2027-02-28", "2027-05-30"]);
  });
});
