import type { Role } from "../../db/schema/people.ts";

/**
 * Everything a person can be allowed to do. Anything not granted below is refused:
 * a new action is denied to everyone until it is given a row here.
 */
export const ACTIONS = [
  "network:view",
  "members:view",
  "agencies:view",
  "agencies:manage",
  "invitations:manage",
  "members:changeRole",
  "members:remove",
  "audit:read",
  "presence:join",
  "signals:register",
  "signals:inbox",
  "cases:list",
  "intake:manage",
  "settings:manage",
  "report:view",
  "meetings:view",
  "meetings:schedule",
  "meetings:run",
  "meetings:capture",
  "meetings:correct",
  "meetings:display",
  "minutes:review",
  "minutes:word",
  "minutes:approve",
  "minutes:distribute",
  "decisions:inWriting",
  "decisions:answerInWriting",
  "updates:post",
  "access:ask",
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  admin: [
    "network:view",
    "members:view",
    "agencies:view",
    "agencies:manage",
    "invitations:manage",
    "members:changeRole",
    "members:remove",
    "audit:read",
    "presence:join",
    "intake:manage",
    "settings:manage",
    "report:view",
  ],
  coordinator: [
    "network:view",
    "members:view",
    "agencies:view",
    "agencies:manage",
    "invitations:manage",
    "members:changeRole",
    "members:remove",
    "presence:join",
    "signals:register",
    "signals:inbox",
    "cases:list",
    "intake:manage",
    "settings:manage",
    "report:view",
    "meetings:view",
    "meetings:schedule",
    "meetings:run",
    "meetings:capture",
    "meetings:correct",
    "meetings:display",
    "minutes:review",
    "minutes:word",
    "minutes:distribute",
    "decisions:answerInWriting",
    // Ahead of a meeting, for the coordinator's own agency where it is involved.
    "updates:post",
    // A data subject's request (export, restriction, erasure), confirmed by the accountable officer.
    "access:ask",
  ],
  // The chair drives the meeting and records decisions; the coordinator also plans it and corrects the record.
  chair: [
    "network:view",
    "members:view",
    "agencies:view",
    "presence:join",
    "signals:register",
    "signals:inbox",
    "cases:list",
    "report:view",
    "meetings:view",
    "meetings:run",
    "meetings:capture",
    "meetings:display",
    "minutes:review",
    "minutes:approve",
    // Between the meetings the chair, who is responsible for decisions, may put one in writing.
    "decisions:inWriting",
    "decisions:answerInWriting",
  ],
  // Members list only the cases their agency is involved in (see canOnCase).
  member: [
    "network:view",
    "members:view",
    "agencies:view",
    "presence:join",
    "signals:register",
    "cases:list",
    "report:view",
    "meetings:view",
    // For their agency, when it is involved: a view on a decision in writing, or "we report back".
    "decisions:answerInWriting",
    // Their agency's update ahead of a meeting, on the items their agency is involved in.
    "updates:post",
  ],
  // A guest is invited for one case item; they see nothing of the network itself, and
  // only the meetings (and items) they are invited to.
  guest: ["presence:join", "meetings:view"],
};

/** A person's place in one network. */
export interface MembershipFacts {
  role: Role;
  agencyId: string;
  isAccountableOfficer: boolean;
}

/** What the policy needs to know of the person asking. */
export interface Viewer {
  personId: string;
  isInstanceAdmin: boolean;
  /** networkId → their membership there */
  memberships: Readonly<Record<string, MembershipFacts>>;
}

/** Whether a role carries a right anywhere (for queries that pick people by role). */
export function roleMay(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** The roles that carry a right, e.g. who is mailed when a decision in writing opens. */
export function rolesWith(action: Action): Role[] {
  return (Object.keys(GRANTS) as Role[]).filter((role) => roleMay(role, action));
}

export function roleIn(viewer: Viewer | null, networkId: string): Role | undefined {
  return viewer?.memberships[networkId]?.role;
}

/** The chair and the coordinator run the register: they see every case of their network. */
const runsTheRegister = (role: Role | undefined) => role === "chair" || role === "coordinator";

/** Need to know: whether the person sees every case of the network, in lists as on case pages. */
export function seesAllCases(viewer: Viewer | null, networkId: string): boolean {
  return runsTheRegister(roleIn(viewer, networkId));
}

/** A guest is invited for single meeting items; they see nothing of the network itself. */
export function isGuest(viewer: Viewer | null, networkId: string): boolean {
  return roleIn(viewer, networkId) === "guest";
}

/**
 * The cut of a case list, the same as `canOnCase`'s "case:view": every case for those who
 * see all, otherwise those the person's agency is involved in.
 */
export function caseListScope(
  viewer: Viewer,
  networkId: string,
): { onlyAgencyId: string | undefined; withRestricted: boolean } {
  return {
    onlyAgencyId: seesAllCases(viewer, networkId) ? undefined : viewer.memberships[networkId]?.agencyId,
    // A restricted case is listed only for those canOnCase lets see it: the coordinator and the accountable officer.
    withRestricted: handlesAccessRequests(viewer, networkId),
  };
}

export function can(viewer: Viewer | null, action: Action, networkId: string): boolean {
  const role = roleIn(viewer, networkId);
  if (!role) return false;
  return GRANTS[role].includes(action);
}

/** Creating a new network (tenant) is for the instance's administrators. */
export function canCreateNetwork(viewer: Viewer | null): boolean {
  return viewer?.isInstanceAdmin === true;
}

/**
 * A coordinator may invite and re-role people but may not make admins or change an
 * admin: only an admin hands out admin rights.
 */
export function canAssignRole(viewer: Viewer | null, networkId: string, from: Role | null, to: Role): boolean {
  const own = roleIn(viewer, networkId);
  if (!viewer || !own) return false;
  if (!can(viewer, "invitations:manage", networkId) && !can(viewer, "members:changeRole", networkId)) return false;
  if (own === "admin") return true;
  return to !== "admin" && from !== "admin";
}

/** Roles and the task that give power over people or cases: granting them takes a second person. */
const POWERFUL_ROLES: readonly Role[] = ["admin", "chair", "coordinator"];

/**
 * Whether a membership change gives more power (a powerful role it did not have, or the
 * accountable officer's task) and so waits for a second admin or coordinator to confirm.
 */
export function needsSecondConfirmation(
  before: Pick<MembershipFacts, "role" | "isAccountableOfficer">,
  after: Pick<MembershipFacts, "role" | "isAccountableOfficer">,
): boolean {
  return (
    (after.role !== before.role && POWERFUL_ROLES.includes(after.role)) ||
    (after.isAccountableOfficer && !before.isAccountableOfficer)
  );
}

/** The chair may hold the accountable officer's task, and any role the network made eligible (never admin or guest). */
export function mayBeAccountableOfficer(role: Role, eligibleRoles: readonly Role[]): boolean {
  return role === "chair" || (role !== "admin" && role !== "guest" && eligibleRoles.includes(role));
}

/**
 * Changing someone's membership: nobody changes their own role or task, and only
 * within what `canAssignRole` allows.
 */
export function canChangeMembership(
  viewer: Viewer | null,
  networkId: string,
  target: { personId: string; role: Role },
  to: Role,
): boolean {
  return (
    !!viewer &&
    viewer.personId !== target.personId &&
    can(viewer, "members:changeRole", networkId) &&
    canAssignRole(viewer, networkId, target.role, to)
  );
}

/**
 * Confirming a pending grant: an admin or coordinator who neither asked for it nor
 * receives it, and who could have made the change themselves.
 */
export function canConfirmGrant(
  viewer: Viewer | null,
  networkId: string,
  grant: { requestedBy: string; personId: string; fromRole: Role; toRole: Role },
): boolean {
  return (
    !!viewer &&
    viewer.personId !== grant.requestedBy &&
    canChangeMembership(viewer, networkId, { personId: grant.personId, role: grant.fromRole }, grant.toRole)
  );
}

/** What may be done to one case. */
export const CASE_ACTIONS = [
  "case:view",
  "case:viewIdentity",
  "case:editIdentity",
  "case:analyse",
  "case:assess",
  "case:decide",
  "case:manageAgencies",
  "plan:edit",
  "closure:propose",
  "closure:giveView",
  "closure:signOff",
  "monitoring:record",
  "consent:record",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The facts of a case that decide who may touch it. */
export interface CaseScope {
  networkId: string;
  involvedAgencyIds: readonly string[];
  /** A closure proposal is open; absent means none (the accountable officer sees nothing). */
  openClosureProposal?: boolean;
  /** Restricted on the person's request (decision 0038): kept, seen by the coordinator and the accountable officer only, not used. */
  restricted?: boolean;
}

/** The chair and the coordinator run the register; they may do all but sign off a closure. */
const CASE_RUNNERS: readonly CaseAction[] = CASE_ACTIONS.filter(
  (a) => a !== "closure:signOff" && a !== "closure:giveView",
);
/** People of an agency involved in the case: need to know, and a voice on its closure. */
const INVOLVED_MEMBER: readonly CaseAction[] = [
  "case:view",
  "case:viewIdentity",
  "case:assess",
  "plan:edit",
  "closure:giveView",
  "monitoring:record",
  // The agency working with the person often obtains consent, or hears it withdrawn.
  "consent:record",
];

/**
 * Need to know: the chair and coordinator see every case of their network; a member
 * sees a case only while their agency is involved in it; a guest or an admin sees none
 * through the register. The accountable officer signs off closures; each involved
 * agency gives its view.
 */
export function canOnCase(viewer: Viewer | null, action: CaseAction, scope: CaseScope): boolean {
  const membership = viewer?.memberships[scope.networkId];
  if (!membership) return false;
  const involved = scope.involvedAgencyIds.includes(membership.agencyId);
  if (scope.restricted) return mayHandleRestricted(membership, action);
  // Signing off needs an open proposal, which the closure service itself requires.
  if (action === "closure:signOff") return membership.isAccountableOfficer;
  // The accountable officer must see what they are asked to sign off, and only while they are asked.
  if (action === "case:view" && membership.isAccountableOfficer && scope.openClosureProposal === true) return true;
  if (action === "closure:giveView") return involved && membership.role !== "guest";
  if (runsTheRegister(membership.role)) return CASE_RUNNERS.includes(action);
  if (membership.role === "member" && involved) return INVOLVED_MEMBER.includes(action);
  return false;
}

/**
 * A restricted case is not processed: nobody changes it, and only those who answer the
 * person's requests see it: the coordinator (also its identity, to answer them) and the
 * accountable officer.
 */
function mayHandleRestricted(membership: MembershipFacts, action: CaseAction): boolean {
  if (action === "case:view") return membership.role === "coordinator" || membership.isAccountableOfficer;
  if (action === "case:viewIdentity") return membership.role === "coordinator";
  return false;
}

/** Whether a person answers a data subject's requests in this network: the coordinator asks, the accountable officer confirms. */
export function handlesAccessRequests(viewer: Viewer | null, networkId: string): boolean {
  const membership = viewer?.memberships[networkId];
  return !!membership && (membership.role === "coordinator" || membership.isAccountableOfficer);
}

/**
 * Four eyes on a data subject's request: the coordinator asks ("access:ask"); another
 * person, holding the accountable officer's task in the same network, confirms or declines.
 */
export function canSettleAccessRequest(
  viewer: Viewer | null,
  networkId: string,
  request: { networkId: string; requestedBy: string },
): boolean {
  return (
    !!viewer &&
    request.networkId === networkId &&
    viewer.personId !== request.requestedBy &&
    viewer.memberships[networkId]?.isAccountableOfficer === true
  );
}

export const policy = {
  can,
  canCreateNetwork,
  canAssignRole,
  canChangeMembership,
  canConfirmGrant,
  canOnCase,
  seesAllCases,
  isGuest,
  caseListScope,
  handlesAccessRequests,
  canSettleAccessRequest,
};
