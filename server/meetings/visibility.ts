import type { Viewer } from "../auth/policy.ts";
import { can, canOnCase } from "../auth/policy.ts";

/** What the meeting knows of one person, to decide what their screen may show. */
export interface SeatFacts {
  networkId: string;
  isParticipant: boolean;
  accepted: boolean;
  /** Items a guest is invited to. */
  guestItemIds: readonly string[];
}

export type SeeLevel = "full" | "guest" | "display" | "lobby";

/** How much of the meeting a screen sees. Nothing of a case before the confidentiality statement is accepted. */
export function seeLevel(viewer: Viewer, seat: SeatFacts, display: boolean): SeeLevel | null {
  const role = viewer.memberships[seat.networkId]?.role;
  if (!role || !can(viewer, "meetings:view", seat.networkId)) return null;
  if (display) return can(viewer, "meetings:display", seat.networkId) ? "display" : null;
  const runs = can(viewer, "meetings:run", seat.networkId);
  if (!seat.isParticipant && !runs) return null;
  if (!seat.accepted) return "lobby";
  if (role === "guest") return "guest";
  return "full";
}

/** Whether a level shows an item's case (code and shared summary). */
export function seesItem(level: SeeLevel, guestItemIds: readonly string[], itemId: string): boolean {
  if (level === "full") return true;
  if (level === "guest") return guestItemIds.includes(itemId);
  return false;
}

export interface NotesItemFacts {
  networkId: string;
  itemId: string;
  /** Agencies involved in the item's case; empty for an item without a case. */
  involvedAgencyIds: readonly string[];
  hasCase: boolean;
  /** Notes marked restricted: only the chair, the coordinator and involved agencies. */
  restricted: boolean;
  guestPersonIds: readonly string[];
  /** Whether this person has accepted the confidentiality statement of the meeting. */
  accepted: boolean;
  /** A display (shared screen) connection: never notes. */
  display?: boolean;
}

/**
 * Need to know for an item's collaborative notes: the chair and the coordinator write;
 * members of involved agencies read and write; other members read unless the notes are
 * restricted; a guest only their own items; a display never; nobody before accepting
 * the confidentiality statement.
 */
export function canAccessNotes(viewer: Viewer | null, item: NotesItemFacts, mode: "read" | "write"): boolean {
  if (!viewer || item.display || !item.accepted) return false;
  const membership = viewer.memberships[item.networkId];
  if (!membership) return false;
  if (membership.role === "chair" || membership.role === "coordinator") return true;
  if (membership.role === "guest") return item.guestPersonIds.includes(viewer.personId);
  if (membership.role !== "member") return false;
  const scope = { networkId: item.networkId, involvedAgencyIds: item.involvedAgencyIds };
  const involved = !item.hasCase || canOnCase(viewer, "case:view", scope);
  if (involved) return true;
  return mode === "read" && !item.restricted;
}
