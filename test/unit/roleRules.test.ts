import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../app/contract/vocabulary.ts";
import { can, canOnCase, caseListScope, isGuest, seesAllCases, type Viewer } from "../../server/auth/policy.ts";

const HOME = "network-home";
const OWN_AGENCY = "agency-own";
const viewerAs = (role: Role): Viewer => ({
  personId: `p-${role}`,
  isInstanceAdmin: false,
  memberships: { [HOME]: { role, agencyId: OWN_AGENCY, isAccountableOfficer: false } },
});

describe("role rules", () => {
  it("only the chair and the coordinator see every case; only a guest is a guest", () => {
    expect(ROLES.filter((r) => seesAllCases(viewerAs(r), HOME)).sort()).toEqual(["chair", "coordinator"]);
    expect(ROLES.filter((r) => isGuest(viewerAs(r), HOME))).toEqual(["guest"]);
    expect(seesAllCases(null, HOME)).toBe(false);
    expect(isGuest(viewerAs("guest"), "another-network")).toBe(false);
    expect(seesAllCases(viewerAs("chair"), "another-network")).toBe(false);
  });

  it("a case list holds exactly the cases the person may open", () => {
    const cases = [
      { involvedAgencyIds: [OWN_AGENCY] },
      { involvedAgencyIds: ["agency-other"] },
      { involvedAgencyIds: [] },
      { involvedAgencyIds: ["agency-other", OWN_AGENCY] },
    ];
    for (const role of ROLES) {
      const viewer = viewerAs(role);
      if (!can(viewer, "cases:list", HOME)) continue;
      const { onlyAgencyId } = caseListScope(viewer, HOME);
      for (const c of cases) {
        const listed = onlyAgencyId === undefined || c.involvedAgencyIds.includes(onlyAgencyId);
        expect({ role, c, listed }).toEqual({
          role,
          c,
          listed: canOnCase(viewer, "case:view", { networkId: HOME, ...c }),
        });
      }
    }
  });
});
