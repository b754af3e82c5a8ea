import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  domainKeysOf,
  loadAssessmentTemplates,
  parseAssessmentTemplate,
} from "../../server/cases/assessmentTemplates.ts";

const valid = () => ({
  id: "mine",
  name: "A screening",
  judgementMeaning: "Level of concern.",
  groups: [{ key: "risk", title: "Risk", domains: [{ key: "beliefs", title: "Beliefs", prompt: "What they say." }] }],
});

describe("assessment templates", () => {
  it("the shipped default has the eight life domains of the risk/threat and resilience screening", () => {
    const templates = loadAssessmentTemplates();
    const t = templates.get("default")!;
    expect(t.groups.map((g) => g.key)).toEqual(["risk", "resilience"]);
    expect(domainKeysOf(t)).toEqual([
      "beliefs_rhetoric",
      "readiness_violence",
      "social_influence",
      "psychological_vulnerability",
      "family",
      "networks_leisure",
      "education_work",
      "individual_resilience",
    ]);
  });

  it("refuses a template with a scoring rule, a duplicate domain or a bad key, naming the file and field", () => {
    expect(() => parseAssessmentTemplate({ ...valid(), scoring: { cutOff: 12 } }, "x.json")).toThrow(
      /x\.json[\s\S]*scoring|Unrecognized key/,
    );
    const twice = valid();
    twice.groups.push({ key: "again", title: "Again", domains: [{ key: "beliefs", title: "B", prompt: "p" }] });
    expect(() => parseAssessmentTemplate(twice, "twice.json")).toThrow(
      /groups\.1\.domains\.0\.key: domain key "beliefs" is used twice/,
    );
    const badKey = valid();
    badKey.groups[0].domains[0].key = "Beliefs And";
    expect(() => parseAssessmentTemplate(badKey, "k.json")).toThrow(/groups\.0\.domains\.0\.key/);
    expect(() => parseAssessmentTemplate({ ...valid(), groups: [] }, "empty.json")).toThrow(/groups/);
  });

  it("a folder without a default, with broken JSON, or with an id not matching its file name does not load", () => {
    const dir = mkdtempSync(join(tmpdir(), "templates-"));
    writeFileSync(join(dir, "mine.json"), JSON.stringify(valid()));
    expect(() => loadAssessmentTemplates(dir)).toThrow(/No default assessment template/);
    writeFileSync(join(dir, "default.json"), "{ not json");
    expect(() => loadAssessmentTemplates(dir)).toThrow(/default\.json is not valid JSON/);
    writeFileSync(join(dir, "default.json"), JSON.stringify(valid()));
    expect(() => loadAssessmentTemplates(dir)).toThrow(/must have the id "default"/);
    writeFileSync(join(dir, "default.json"), JSON.stringify({ ...valid(), id: "default" }));
    expect([...loadAssessmentTemplates(dir).keys()]).toEqual(["default", "mine"]);
  });
});
