import { describe, expect, it } from "vitest";
import { describeDetails } from "../../app/auditDetails.ts";

describe("audit details, as an admin reads them", () => {
  const names = new Map([["agency-1", "Riverside Police"]]);

  it("names agencies instead of showing their ids", () => {
    expect(describeDetails('{"email":"a@b.example","agencyId":"agency-1"}', names)).toEqual([
      "email: a@b.example",
      "agency: Riverside Police",
    ]);
  });

  it("shows only what changed between before and after", () => {
    const json = JSON.stringify({
      before: { role: "member", mandate: "decides" },
      after: { role: "chair", mandate: "decides" },
    });
    expect(describeDetails(json, names)).toEqual(["role: member → chair"]);
  });

  it("shows nothing for empty details and the raw text for text that is not JSON", () => {
    expect(describeDetails("{}", names)).toEqual([]);
    expect(describeDetails("not json", names)).toEqual(["not json"]);
  });
});
