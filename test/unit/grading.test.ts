import { describe, expect, it } from "vitest";
import { GRADING_SCALES } from "../../app/contract/vocabulary.ts";
import en from "../../app/locales/en.ts";
import { analysisSchema } from "../../app/forms/signals.ts";
import {
  checkGrade,
  dimensionKey,
  gradeCode,
  gradesOf,
  meaningKey,
  usesHandling,
  type GradeDimension,
} from "../../app/contract/grading.ts";
import { fromLocalInput, toLocalInput } from "../../app/contract/localTime.ts";

function meaning(key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
}

describe("the grading scales", () => {
  it("Admiralty grades the source A–F and the information 1–6, with no handling code", () => {
    expect(gradesOf("admiralty", "source")).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(gradesOf("admiralty", "information")).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(usesHandling("admiralty")).toBe(false);
  });

  it("UK 3x5x2 grades the source A–C, the intelligence 1–5 and the handling P/C", () => {
    expect(gradesOf("uk3x5x2", "source")).toEqual(["A", "B", "C"]);
    expect(gradesOf("uk3x5x2", "information")).toEqual(["1", "2", "3", "4", "5"]);
    expect(gradesOf("uk3x5x2", "handling")).toEqual(["P", "C"]);
  });

  it("every grade of every scale has its meaning in the locale, worded as practitioners know it", () => {
    for (const scale of GRADING_SCALES) {
      for (const d of ["source", "information", "handling"] as GradeDimension[]) {
        for (const g of gradesOf(scale, d))
          expect(typeof meaning(meaningKey(scale, d, g)), `${scale} ${d} ${g}`).toBe("string");
      }
    }
    expect(meaning(meaningKey("admiralty", "source", "A"))).toBe("Completely reliable");
    expect(meaning(meaningKey("admiralty", "source", "F"))).toBe("Reliability cannot be judged");
    expect(meaning(meaningKey("admiralty", "information", "1"))).toBe("Confirmed by other sources");
    expect(meaning(meaningKey("admiralty", "information", "5"))).toBe("Improbable");
    expect(meaning(meaningKey("uk3x5x2", "source", "B"))).toBe("Untested");
    expect(meaning(meaningKey("uk3x5x2", "information", "2"))).toBe("Known indirectly but corroborated");
    expect(meaning(meaningKey("uk3x5x2", "information", "5"))).toBe("Suspected to be false");
    expect(meaning(meaningKey("uk3x5x2", "handling", "C"))).toBe("Shared only with conditions");
    expect(meaning(dimensionKey("admiralty", "information"))).toBe("Information");
    expect(meaning(dimensionKey("uk3x5x2", "information"))).toBe("Intelligence");
  });

  it("accepts a grade on the scale and writes it the usual short way", () => {
    expect(checkGrade("admiralty", { source: "B", information: "2", handling: null })).toEqual({ ok: true });
    expect(checkGrade("uk3x5x2", { source: "A", information: "1", handling: "P" })).toEqual({ ok: true });
    expect(gradeCode({ source: "B", information: "2", handling: null })).toBe("B2");
    expect(gradeCode({ source: "A", information: "1", handling: "P" })).toBe("A1P");
  });

  it("refuses a grade outside the scale, naming the dimension", () => {
    expect(checkGrade("uk3x5x2", { source: "D", information: "1", handling: "P" })).toMatchObject({
      ok: false,
      field: "source",
      reason: "outside_scale",
    });
    expect(checkGrade("uk3x5x2", { source: "A", information: "6", handling: "P" })).toMatchObject({
      ok: false,
      field: "information",
      reason: "outside_scale",
    });
    expect(checkGrade("uk3x5x2", { source: "A", information: "1", handling: null })).toMatchObject({
      ok: false,
      field: "handling",
      reason: "required",
    });
    expect(checkGrade("uk3x5x2", { source: "A", information: "1", handling: "X" })).toMatchObject({
      ok: false,
      field: "handling",
      reason: "outside_scale",
    });
    expect(checkGrade("admiralty", { source: "G", information: "1", handling: null })).toMatchObject({
      ok: false,
      field: "source",
    });
    expect(checkGrade("admiralty", { source: "a", information: "1", handling: null })).toMatchObject({
      ok: false,
      field: "source",
    });
    expect(checkGrade("admiralty", { source: "A", information: "7", handling: null })).toMatchObject({
      ok: false,
      field: "information",
    });
    expect(checkGrade("admiralty", { source: "A", information: "1", handling: "P" })).toMatchObject({
      ok: false,
      field: "handling",
      reason: "not_on_scale",
    });
  });

  it("the form schema follows the network's scale", () => {
    const base = { signalId: "s", gradingRationale: "Known school contact." };
    expect(analysisSchema("admiralty").safeParse({ ...base, sourceGrade: "E", informationGrade: "6" }).success).toBe(
      true,
    );
    expect(
      analysisSchema("uk3x5x2").safeParse({ ...base, sourceGrade: "E", informationGrade: "1", handling: "P" }).success,
    ).toBe(false);
    expect(
      analysisSchema("uk3x5x2").safeParse({ ...base, sourceGrade: "C", informationGrade: "5", handling: "C" }).success,
    ).toBe(true);
    expect(analysisSchema("uk3x5x2").safeParse({ ...base, sourceGrade: "C", informationGrade: "5" }).success).toBe(
      false,
    );
    expect(
      analysisSchema("admiralty").safeParse({ ...base, sourceGrade: "A", informationGrade: "1", handling: "P" })
        .success,
    ).toBe(false);
  });
});

describe("moments typed in the network's time zone", () => {
  it("are stored as the right UTC moment, in winter and in summer", () => {
    expect(fromLocalInput("2026-01-15T09:30", "Europe/Brussels")!.toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(fromLocalInput("2026-07-15T09:30", "Europe/Brussels")!.toISOString()).toBe("2026-07-15T07:30:00.000Z");
    expect(fromLocalInput("2026-07-15T09:30:00", "America/New_York")!.toISOString()).toBe("2026-07-15T13:30:00.000Z");
  });

  it("round-trip through the form's value", () => {
    const at = new Date("2026-10-25T00:59:00Z");
    expect(toLocalInput(at, "Europe/Brussels")).toBe("2026-10-25T02:59");
    const back = fromLocalInput(toLocalInput(new Date("2026-03-01T12:00:00Z"), "Asia/Kolkata"), "Asia/Kolkata");
    expect(back!.toISOString()).toBe("2026-03-01T12:00:00.000Z");
  });

  it("refuse what is not a moment", () => {
    for (const bad of ["", "2026-02-30T10:00", "2026-01-01 10:00", "2026-01-01T24:00", "2026-01-01T10:60", "yesterday"])
      expect(fromLocalInput(bad, "Europe/Brussels"), bad).toBeNull();
  });
});
