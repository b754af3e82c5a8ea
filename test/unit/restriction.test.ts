import { describe, expect, it } from "vitest";
import { CASE_ACTIONS, canOnCase, canSettleAccessRequest, type Viewer } from "../../server/auth/policy.ts";
import { itemAccess, type Audience } from "../../server/meetings/recordView.ts";

// A restricted case (decision 0038): kept, seen by the coordinator and the accountable
// officer only, changed by nobody, and shown to no audience of a meeting or a copy.

const NET = "net";
const viewer = (role: "chair" | "coordinator" | "member", isAccountableOfficer = false, personId = role): Viewer => ({
  personId,
  isInstanceAdmin: false,
  memberships: { [NET]: { role, agencyId: "police", isAccountableOfficer } },
});
const scope = { networkId: NET, involvedAgencyIds: ["police"], restricted: true };

describe("a restricted case", () => {
  it("is seen only by the coordinator and the accountable officer, and changed by nobody", () => {
    expect(canOnCase(viewer("coordinator"), "case:view", scope)).toBe(true);
    expect(canOnCase(viewer("coordinator"), "case:viewIdentity", scope)).toBe(true);
    expect(canOnCase(viewer("chair", true), "case:view", scope)).toBe(true);
    expect(canOnCase(viewer("chair", true), "case:viewIdentity", scope)).toBe(false);
    expect(canOnCase(viewer("chair"), "case:view", scope)).toBe(false);
    expect(canOnCase(viewer("member"), "case:view", scope)).toBe(false);
    for (const who of [viewer("coordinator"), viewer("chair", true), viewer("member")])
      for (const action of CASE_ACTIONS.filter((a) => a !== "case:view" && a !== "case:viewIdentity"))
        expect(canOnCase(who, action, scope), `${who.personId} ${action}`).toBe(false);
  });

  it("is nothing to every audience of a meeting, the runners included", () => {
    const audiences: Audience[] = [
      { kind: "runner" },
      { kind: "member", personId: "p", agencyId: "police", guestItemIds: ["item"] },
      { kind: "guest", personId: "g", guestItemIds: ["item"] },
      { kind: "display" },
    ];
    for (const a of audiences) {
      expect(itemAccess(a, { id: "item", caseId: "case", involvedAgencyIds: ["police"], restricted: true })).toBe(
        "nothing",
      );
      expect(itemAccess(a, { id: "item", caseId: "case", involvedAgencyIds: ["police"] })).not.toBe("nothing");
    }
  });
});

describe("confirming a person's request", () => {
  const request = { networkId: NET, requestedBy: "coordinator" };
  it("takes another person holding the accountable officer's task in the same network", () => {
    expect(canSettleAccessRequest(viewer("chair", true), NET, request)).toBe(true);
    expect(canSettleAccessRequest(viewer("chair"), NET, request)).toBe(false);
    expect(canSettleAccessRequest(viewer("coordinator", true), NET, request)).toBe(false);
    expect(canSettleAccessRequest(viewer("chair", true), "other", request)).toBe(false);
  });
});
