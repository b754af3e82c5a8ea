import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../app/contract/vocabulary.ts";
import {
  ACTIONS,
  CASE_ACTIONS,
  can,
  canAssignRole,
  canChangeMembership,
  canConfirmGrant,
  canCreateNetwork,
  canOnCase,
  mayBeAccountableOfficer,
  needsSecondConfirmation,
  type Action,
  type CaseAction,
  type Viewer,
} from "../../server/auth/policy.ts";

const HOME = "network-home";
const OTHER = "network-other";

// The expected matrix, written out in full so that a change to the policy shows here.
const EXPECTED: Record<Role, Record<Action, boolean>> = {
  admin: {
    "network:view": true,
    "members:view": true,
    "agencies:view": true,
    "agencies:manage": true,
    "invitations:manage": true,
    "members:changeRole": true,
    "members:remove": true,
    "audit:read": true,
    "presence:join": true,
    "signals:register": false,
    "signals:inbox": false,
    "cases:list": false,
    "intake:manage": true,
    "settings:manage": true,
    "report:view": true,
    "meetings:view": false,
    "meetings:schedule": false,
    "meetings:run": false,
    "meetings:capture": false,
    "meetings:correct": false,
    "meetings:display": false,
    "minutes:review": false,
    "minutes:word": false,
    "minutes:approve": false,
    "minutes:distribute": false,
    "decisions:inWriting": false,
    "decisions:answerInWriting": false,
    "updates:post": false,
    "access:ask": false,
  },
  coordinator: {
    "network:view": true,
    "members:view": true,
    "agencies:view": true,
    "agencies:manage": true,
    "invitations:manage": true,
    "members:changeRole": true,
    "members:remove": true,
    "audit:read": false,
    "presence:join": true,
    "signals:register": true,
    "signals:inbox": true,
    "cases:list": true,
    "intake:manage": true,
    "settings:manage": true,
    "report:view": true,
    "meetings:view": true,
    "meetings:schedule": true,
    "meetings:run": true,
    "meetings:capture": true,
    "meetings:correct": true,
    "meetings:display": true,
    "minutes:review": true,
    "minutes:word": true,
    "minutes:approve": false,
    "minutes:distribute": true,
    "decisions:inWriting": false,
    "decisions:answerInWriting": true,
    "updates:post": true,
    "access:ask": true,
  },
  chair: {
    "network:view": true,
    "members:view": true,
    "agencies:view": true,
    "agencies:manage": false,
    "invitations:manage": false,
    "members:changeRole": false,
    "members:remove": false,
    "audit:read": false,
    "presence:join": true,
    "signals:register": true,
    "signals:inbox": true,
    "cases:list": true,
    "intake:manage": false,
    "settings:manage": false,
    "report:view": true,
    "meetings:view": true,
    "meetings:schedule": false,
    "meetings:run": true,
    "meetings:capture": true,
    "meetings:correct": false,
    "meetings:display": true,
    "minutes:review": true,
    "minutes:word": false,
    "minutes:approve": true,
    "minutes:distribute": false,
    "decisions:inWriting": true,
    "decisions:answerInWriting": true,
    "updates:post": false,
    "access:ask": false,
  },
  member: {
    "network:view": true,
    "members:view": true,
    "agencies:view": true,
    "agencies:manage": false,
    "invitations:manage": false,
    "members:changeRole": false,
    "members:remove": false,
    "audit:read": false,
    "presence:join": true,
    "signals:register": true,
    "signals:inbox": false,
    "cases:list": true,
    "intake:manage": false,
    "settings:manage": false,
    "report:view": true,
    "meetings:view": true,
    "meetings:schedule": false,
    "meetings:run": false,
    "meetings:capture": false,
    "meetings:correct": false,
    "meetings:display": false,
    "minutes:review": false,
    "minutes:word": false,
    "minutes:approve": false,
    "minutes:distribute": false,
    "decisions:inWriting": false,
    "decisions:answerInWriting": true,
    "updates:post": true,
    "access:ask": false,
  },
  guest: {
    "network:view": false,
    "members:view": false,
    "agencies:view": false,
    "agencies:manage": false,
    "invitations:manage": false,
    "members:changeRole": false,
    "members:remove": false,
    "audit:read": false,
    "presence:join": true,
    "signals:register": false,
    "signals:inbox": false,
    "cases:list": false,
    "intake:manage": false,
    "settings:manage": false,
    "report:view": false,
    "meetings:view": true,
    "meetings:schedule": false,
    "meetings:run": false,
    "meetings:capture": false,
    "meetings:correct": false,
    "meetings:display": false,
    "minutes:review": false,
    "minutes:word": false,
    "minutes:approve": false,
    "minutes:distribute": false,
    "decisions:inWriting": false,
    "decisions:answerInWriting": false,
    "updates:post": false,
    "access:ask": false,
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
    for (const action of ACTIONS)
      expect(can({ personId: "x", isInstanceAdmin: true, memberships: {} }, action, HOME)).toBe(false);
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
  all("member of an involved agency", person("member", INVOLVED), [
    "case:view",
    "case:viewIdentity",
    "case:assess",
    "plan:edit",
    "closure:giveView",
    "monitoring:record",
    "consent:record",
  ]);
  all("member of an uninvolved agency", person("member", "agency-x"), []);
  all("guest of an involved agency", person("guest", INVOLVED), []);
  all("admin of an uninvolved agency", person("admin", "agency-x"), []);
  all(
    "member of another network",
    {
      personId: "o",
      isInstanceAdmin: true,
      memberships: { [OTHER]: { role: "chair", agencyId: INVOLVED, isAccountableOfficer: true } },
    },
    [],
  );

  for (const [label, viewer, action, allowed] of CASES) {
    it(`${label} ${allowed ? "may" : "may not"} ${action}`, () => {
      expect(canOnCase(viewer, action, scope)).toBe(allowed);
      // A proposed closure widens nothing for anyone but the accountable officer.
      expect(canOnCase(viewer, action, { ...scope, openClosureProposal: true })).toBe(allowed);
    });
  }

  // Decision 0005: the accountable officer sees the cases they are asked to sign off, only while they are asked.
  const officer = person("member", "agency-x", true);
  for (const action of CASE_ACTIONS) {
    // Signing off is the officer's task at any time; the closure service refuses it without an open proposal.
    const whileProposed = action === "case:view" || action === "closure:signOff";
    const otherwise = action === "closure:signOff";
    it(`the accountable officer (member, uninvolved) ${whileProposed ? "may" : "may not"} ${action} while a closure is proposed, and ${otherwise ? "may" : "may not"} otherwise`, () => {
      expect(canOnCase(officer, action, { ...scope, openClosureProposal: true })).toBe(whileProposed);
      expect(canOnCase(officer, action, { ...scope, openClosureProposal: false })).toBe(otherwise);
      expect(canOnCase(officer, action, scope)).toBe(otherwise);
    });
  }

  it("refuses everything on a case to someone not signed in", () => {
    for (const action of CASE_ACTIONS) expect(canOnCase(null, action, scope)).toBe(false);
  });
});

describe("policy: roles that cannot be self-granted", () => {
  const as = (personId: string, role: Role): Viewer => ({
    personId,
    isInstanceAdmin: false,
    memberships: { [HOME]: { role, agencyId: "a", isAccountableOfficer: false } },
  });

  it("nobody changes their own membership, whatever their role", () => {
    for (const role of ROLES)
      for (const to of ROLES)
        expect(canChangeMembership(as("me", role), HOME, { personId: "me", role }, to)).toBe(false);
  });

  it("an admin or coordinator changes someone else's, within what they may assign", () => {
    expect(canChangeMembership(as("me", "admin"), HOME, { personId: "you", role: "member" }, "admin")).toBe(true);
    expect(canChangeMembership(as("me", "coordinator"), HOME, { personId: "you", role: "member" }, "chair")).toBe(true);
    expect(canChangeMembership(as("me", "coordinator"), HOME, { personId: "you", role: "member" }, "admin")).toBe(
      false,
    );
    expect(canChangeMembership(as("me", "chair"), HOME, { personId: "you", role: "member" }, "member")).toBe(false);
  });

  it("a grant is confirmed by a second admin or coordinator: not the one who asked, not the one who receives it", () => {
    const grant = { requestedBy: "asker", personId: "receiver", fromRole: "member" as Role, toRole: "chair" as Role };
    expect(canConfirmGrant(as("asker", "admin"), HOME, grant)).toBe(false);
    expect(canConfirmGrant(as("receiver", "coordinator"), HOME, grant)).toBe(false);
    expect(canConfirmGrant(as("third", "coordinator"), HOME, grant)).toBe(true);
    expect(canConfirmGrant(as("third", "admin"), HOME, grant)).toBe(true);
    expect(canConfirmGrant(as("third", "chair"), HOME, grant)).toBe(false);
    expect(canConfirmGrant(as("third", "coordinator"), HOME, { ...grant, toRole: "admin" })).toBe(false);
    expect(canConfirmGrant(as("third", "admin"), OTHER, grant)).toBe(false);
  });

  it("what needs a second confirmation: admin, chair or coordinator newly given, or the accountable officer's task", () => {
    const was = (role: Role, isAccountableOfficer = false) => ({ role, isAccountableOfficer });
    for (const to of ROLES)
      expect(needsSecondConfirmation(was("member"), was(to))).toBe(["admin", "chair", "coordinator"].includes(to));
    expect(needsSecondConfirmation(was("chair"), was("chair", true))).toBe(true);
    expect(needsSecondConfirmation(was("chair", true), was("chair", true))).toBe(false);
    expect(needsSecondConfirmation(was("chair", true), was("member"))).toBe(false);
    expect(needsSecondConfirmation(was("coordinator"), was("coordinator"))).toBe(false);
  });

  it("the chair may be accountable officer; another role only when the network made it eligible; admin and guest never", () => {
    for (const role of ROLES) expect(mayBeAccountableOfficer(role, [])).toBe(role === "chair");
    expect(mayBeAccountableOfficer("member", ["member"])).toBe(true);
    expect(mayBeAccountableOfficer("coordinator", ["member"])).toBe(false);
    expect(mayBeAccountableOfficer("admin", ["admin"])).toBe(false);
    expect(mayBeAccountableOfficer("guest", ["guest"])).toBe(false);
  });
});
