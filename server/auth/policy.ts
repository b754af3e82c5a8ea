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
  ],
  chair: ["network:view", "members:view", "agencies:view", "presence:join"],
  member: ["network:view", "members:view", "agencies:view", "presence:join"],
  // A guest is invited for one case item; they see nothing of the network itself.
  guest: ["presence:join"],
};

/** What the policy needs to know of the person asking. */
export interface Viewer {
  personId: string;
  isInstanceAdmin: boolean;
  /** networkId → role in that network */
  roles: Readonly<Record<string, Role>>;
}

export function can(viewer: Viewer | null, action: Action, networkId: string): boolean {
  if (!viewer) return false;
  const role = viewer.roles[networkId];
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
  const own = viewer?.roles[networkId];
  if (!viewer || !own) return false;
  if (!can(viewer, "invitations:manage", networkId) && !can(viewer, "members:changeRole", networkId)) return false;
  if (own === "admin") return true;
  return to !== "admin" && from !== "admin";
}

export const policy = { can, canCreateNetwork, canAssignRole };
export type Policy = typeof policy;
