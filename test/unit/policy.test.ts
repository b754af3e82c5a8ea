import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../app/contract/vocabulary.ts";
import { ACTIONS, CASE_ACTIONS, can, canAssignRole, canCreateNetwork, canOnCase, type Action, type CaseAction, type Viewer } from "../../server/auth/policy.ts";

const HOME = "network-home";
const OTHER = "network-other";

// The expected matrix, written out in full so that a change to the policy shows here.
const EXPECTED: Record<Role, Record<Action, boolean>> = {
  admin: {
    "network:view": true, "members:view": true, "agencies:view": true, "agencies:manage": true,
    "invitations:manage": true, "members:changeRole": true, "members:remove": true, "audit:read": true, "presence:join": true,
    "signals:register": false, "signals:inbox": false, "cases:list": false, "intake:manage": true, "settings:manage": true, "report:view": true,
    "meetings:view": false, "meetings:schedule": false, "meetings:run": false, "meetings:capture": false, "meetings:correct": false, "meetings:display": false,
    "minutes:review": false, "minutes:approve": false, "minutes:distribute": false,
  },
  coordinator: {
    "network:view": true, "members:view": true, "agencies:view": true, "agencies:manage": true,
    "invitations:manage": true, "members:changeRole": true, "members:remove": true, "audit:read": false, "presence:join": true,
    "signals:register": true, "signals:inbox": true, "cases:list": true, "intake:manage": true, "settings:manage": true, "report:view": true,
    "meetings:view": true, "meetings:schedule": true, "meetings:run": true, "meetings:capture": true, "meetings:correct": true, "meetings:display": true,
    "minutes:review": true, "minutes:approve": false, "minutes:distribute": true,
  },
  chair: {
    "network:view": true, "members:view": true, "agencies:view": true, "agencies:manage": false,
    "invitations:manage": false, "members:changeRole": false, "members:remove": false, "audit:read": false, "presence:join": true,
    "signals:register": true, "signals:inbox": true, "cases:list": true, "intake:manage": false, "settings:manage": false, "report:view": true,
    "meetings:view": true, "meetings:schedule": false, "meetings:run": true, "meetings:capture": true, "meetings:correct": false, "meetings:display": true,
    "minutes:review": true, "minutes:approve": true, "minutes:distribute": false,
  },
  member: {
    "network:view": true, "members:view": true, "agencies:view": true, "agencies:manage": false,
    "invitations:manage": false, "members:changeRole": false, "members:remove": false, "audit:read": false, "presence:join": true,
    "signals:register": true, "signals:inbox": false, "cases:list": true, "intake:manage": false, "settings:manage": false, "report:view": true,
    "meetings:view": true, "meetings:schedule": false, "meetings:run": false, "meetings:capture": false, "meetings:correct": false, "meetings:display": false,
    "minutes:review": false, "minutes:approve": false, "minutes:distribute": false,
  },
  guest: {
    "network:view": false, "members:view": false, "agencies:view": false, "agencies:manage": false,
    "invitations:manage": false, "members:changeRole": false, "members:remove": false, "audit:read": false, "presence:join": true,
    "signals:register": false, "signals:inbox": false, "cases:list": false, "intake:manage": false, "settings:manage": false, "report:view": false,
    "meetings:view": true, "meetings:schedule": false, "meetings:run": false, "meetings:capture": false, "meetings:correct": false, "meetings:display": false,
    "minutes:review": false, "minutes:approve": false, "minutes:distribute": false,
  },
};

const viewerWith = (role: Role, isInstanceAdmin = false): Viewer => ({
  personId: `p-${role}`,
  isInstanceAdmin,
  memberships: { [HOME]: { role, agencyId: "agency-home", isAccountableOfficer: false } },
});

describe("policy: roles × actions", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const expected = EXPECTED[role][action];
      it(`${role} ${expected ? "may" : "may not"} ${action} in their own network`, () => {
        expect(can(viewerWith(role), action, HOME)).toBe(expected);
      });
      it(`${role} may not ${action} in a network they do not belong to`, () => {
        expect(can(viewerWith(role), action, OTHER)).toBe(false);
      });
    }
  }

  it("refuses everything to someone not signed in", () => {
    for (const action of ACTIONS) expect(can(null, action, HOME)).toBe(false);
  });

  it("refuses an action it does not know (deny by default)", () => {
    expect(can(viewerWith("admin"), "cases:delete-everything" as Action, HOME)).toBe(false);
  });

  it("an instance administrator has no rights in a network they do not belong to", () => {
    for (const action of ACTIONS) expect(can({ personId: "x", isInstanceAdmin: true, memberships: {} }, action, HOME)).toBe(false);
  });

  it("only instance administrators create networks", () => {
    expect(canCreateNetwork(viewerWith("admin", true))).toBe(true);
    for (const role of ROLES) expect(canCreateNetwork(viewerWith(role))).toBe(false);
    expect(canCreateNetwork(null)).toBe(false);
  });
});

describe("policy: who may hand out which role", () => {
  it("an admin may assign any role, including admin", () => {
    for (const to of ROLES) expect(canAssignRole(viewerWith("admin"), HOME, "member", to)).toBe(true);
    expect(canAssignRole(viewerWith("admin"), HOME, "admin", "member")).toBe(true);
  });

  it("a coordinator may assign every role but admin, and may not change an admin", () => {
    for (const to of ROLES) expect(canAssignRole(viewerWith("coordinator"), HOME, "member", to)).toBe(to !== "admin");
    expect(canAssignRole(viewerWith("coordinator"), HOME, "admin", "member")).toBe(false);
  });

  it("chairs, members and guests may not assign roles; nobody may in another network", () => {
    for (const role of ["chair", "member", "guest"] as const) {
      for (const to of ROLES) expect(canAssignRole(viewerWith(role), HOME, null, to)).toBe(false);
    }
    expect(canAssignRole(viewerWith("admin"), OTHER, null, "member")).toBe(false);
  });
});

describe("policy: need to know on a case", () => {
  const INVOLVED = "agency-involved";
  const scope = { networkId: HOME, involvedAgencyIds: [INVOLVED] };
  const person = (role: Role, agencyId: string, isAccountableOfficer = false): Viewer => ({
    personId: `p-${role}-${agencyId}`,
    isInstanceAdmin: false,
    memberships: { [HOME]: { role, agencyId, isAccountableOfficer } },
  });
  // [who, action, allowed]
  const CASES: [string, Viewer, CaseAction, boolean][] = [];
  const all = (label: string, viewer: Viewer, allowed: readonly CaseAction[]) => {
    for (const action of CASE_ACTIONS) CASES.push([label, viewer, action, allowed.includes(action)]);
  };
  const RUNNER: CaseAction[] = CASE_ACTIONS.filter((a) => a !== "closure:signOff" && a !== "closure:giveView");
  all("chair of an uninvolved agency", person("chair", "agency-x"), RUNNER);
  all("coordinator of an uninvolved agency", person("coordinator", "agency-x"), RUNNER);
  all("coordinator of an involved agency", person("coordinator", INVOLVED), [...RUNNER, "closure:giveView"]);
  all("member of an involved agency", person("member", INVOLVED), ["case:view", "case:viewIdentity", "case:assess", "plan:edit", "closure:giveView", "monitoring:record"]);
  all("member of an uninvolved agency", person("member", "agency-x"), []);
  all("guest of an involved agency", person("guest", INVOLVED), []);
  all("admin of an uninvolved agency", person("admin", "agency-x"), []);
  all("accountable officer (member, uninvolved)", person("member", "agency-x", true), ["closure:signOff", "case:view"]);
  all("member of another network", { personId: "o", isInstanceAdmin: true, memberships: { [OTHER]: { role: "chair", agencyId: INVOLVED, isAccountableOfficer: true } } }, []);

  for (const [label, viewer, action, allowed] of CASES) {
    it(`${label} ${allowed ? "may" : "may not"} ${action}`, () => {
      expect(canOnCase(viewer, action, scope)).toBe(allowed);
    });
  }

  it("refuses everything on a case to someone not signed in", () => {
    for (const action of CASE_ACTIONS) expect(canOnCase(null, action, scope)).toBe(false);
  });
});
