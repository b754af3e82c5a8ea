import { describe, expect, it } from "vitest";
import { compareAssessments, type DomainAnswer } from "../../app/contract/assessmentChanges.ts";

const domain = (key: string, over: Partial<DomainAnswer> = {}): DomainAnswer => ({
  key,
  riskFactors: "",
  protectiveFactors: "",
  known: "",
  unknown: "",
  judgement: "unknown",
  reasoning: "No information yet.",
  ...over,
});

describe("the change per domain between two assessments", () => {
  it("marks every domain of a first assessment as first", () => {
    expect(compareAssessments(null, [domain("family")])).toEqual([
      { key: "family", status: "first", judgement: null, texts: [] },
    ]);
  });

  it("says which way the group's concern moved, and which texts changed", () => {
    const before = [
      domain("beliefs", { judgement: "medium", riskFactors: "Shares videos." }),
      domain("family", { judgement: "low" }),
    ];
    const after = [
      domain("beliefs", { judgement: "low", riskFactors: "Stopped sharing videos." }),
      domain("family", { judgement: "low" }),
    ];
    const [beliefs, family] = compareAssessments(before, after);
    expect(beliefs).toEqual({
      key: "beliefs",
      status: "changed",
      judgement: { from: "medium", to: "low", direction: "less_concern" },
      texts: [{ field: "riskFactors", from: "Shares videos.", to: "Stopped sharing videos." }],
    });
    expect(family).toEqual({ key: "family", status: "same", judgement: null, texts: [] });
  });

  it("does not call a move to or from 'unknown' better or worse", () => {
    const [c] = compareAssessments([domain("x", { judgement: "high" })], [domain("x", { judgement: "unknown" })]);
    expect(c.judgement).toEqual({ from: "high", to: "unknown", direction: "unclear" });
    const [d] = compareAssessments([domain("x", { judgement: "none" })], [domain("x", { judgement: "high" })]);
    expect(d.judgement?.direction).toBe("more_concern");
  });

  it("ignores whitespace only edits, and reports domains added or dropped (e.g. another template)", () => {
    const changes = compareAssessments(
      [domain("a", { known: "Lives at home." }), domain("old")],
      [domain("a", { known: " Lives at home.\n" }), domain("new")],
    );
    expect(changes.map((c) => [c.key, c.status])).toEqual([
      ["a", "same"],
      ["new", "added"],
      ["old", "dropped"],
    ]);
  });
});
