import type { Role } from "../../db/schema/people.ts";
import { can, type Viewer } from "../auth/policy.ts";
import type {
  AgendaItemView,
  HandView,
  ItemAccess,
  MeetingEvent,
  MeetingEventOf,
  MeetingEventType,
  MeetingSnapshot,
  ParticipantView,
  RoundView,
} from "../../app/contract/meetingProtocol.ts";

// The one view of a meeting's record: from a person's standing (read from the database
// when it is asked for) to what they may see of each item. The room's snapshot, every
// event, item:detail, resync, notes, the display and the per-recipient minutes all ask
// here, so the room never shows more than that person's copy of the minutes.

/** A person's place in one meeting, as the database says now. */
export interface MeetingStanding {
  personId: string;
  networkId: string;
  role: Role;
  agencyId: string;
  isAccountableOfficer: boolean;
  /** Invited to the meeting (or a guest of one of its items). */
  participant: boolean;
  /** Has accepted the network's confidentiality statement for this meeting. */
  accepted: boolean;
  /** Items they are a guest of. */
  guestItemIds: readonly string[];
}

/**
 * The facts a view depends on, and nothing else: two people of the same audience see
 * the same record, so each event is cut once per audience.
 * - runner: chair and coordinator, who run the register: every item in full;
 * - member: their agency's cases (and items they are a guest of) in full, other cases by
 *   code and shared summary only;
 * - guest: their own items; other cases not at all;
 * - display: the shared screen, case codes only;
 * - lobby: before the confidentiality statement is accepted, nothing of a case.
 */
export type Audience =
  | { kind: "runner" }
  | { kind: "member"; personId: string; agencyId: string; guestItemIds: readonly string[] }
  | { kind: "guest"; personId: string; guestItemIds: readonly string[] }
  | { kind: "display" }
  | { kind: "lobby" };

/** What the view needs to know of one agenda item. */
export interface ItemFacts {
  id: string;
  caseId: string | null;
  /** Agencies involved in the item's case (for the minutes: when the meeting was held). */
  involvedAgencyIds: readonly string[];
  /** The case is restricted on the person's request (decision 0038): nobody sees it in a meeting or a copy. */
  restricted?: boolean;
}

const viewerOf = (s: MeetingStanding): Viewer => ({
  personId: s.personId,
  isInstanceAdmin: false,
  memberships: { [s.networkId]: { role: s.role, agencyId: s.agencyId, isAccountableOfficer: s.isAccountableOfficer } },
});

/** Who this standing sees the meeting as, or null when they may not be in it at all. */
export function audienceOf(standing: MeetingStanding | null, display: boolean): Audience | null {
  if (!standing) return null;
  const viewer = viewerOf(standing);
  if (!can(viewer, "meetings:view", standing.networkId)) return null;
  if (display) return can(viewer, "meetings:display", standing.networkId) ? { kind: "display" } : null;
  const runs = can(viewer, "meetings:run", standing.networkId);
  if (!standing.participant && !runs) return null;
  if (!standing.accepted) return { kind: "lobby" };
  if (runs) return { kind: "runner" };
  if (standing.role === "guest")
    return { kind: "guest", personId: standing.personId, guestItemIds: standing.guestItemIds };
  return {
    kind: "member",
    personId: standing.personId,
    agencyId: standing.agencyId,
    guestItemIds: standing.guestItemIds,
  };
}

/** The name of an audience: equal names, equal views. */
export function audienceKey(a: Audience): string {
  switch (a.kind) {
    case "runner":
    case "display":
    case "lobby":
      return a.kind;
    case "member":
      return a.guestItemIds.length === 0 ? `agency:${a.agencyId}` : `person:${a.personId}`;
    case "guest":
      return `person:${a.personId}`;
  }
}

/** The level of a snapshot, as the client shows it. */
export function levelOf(a: Audience): MeetingSnapshot["level"] {
  return a.kind === "runner" || a.kind === "member" ? "full" : a.kind;
}

/**
 * How much of one item an audience sees. An item without a case (opening, other
 * business) is for everyone at the table.
 */
export function itemAccess(a: Audience, item: ItemFacts): ItemAccess {
  if (item.caseId === null) return "full";
  if (item.restricted) return "nothing";
  switch (a.kind) {
    case "runner":
      return "full";
    case "member":
      return item.involvedAgencyIds.includes(a.agencyId) || a.guestItemIds.includes(item.id) ? "full" : "summary";
    case "guest":
      return a.guestItemIds.includes(item.id) ? "full" : "nothing";
    case "display":
      return "code";
    case "lobby":
      return "nothing";
  }
}

/**
 * The key under which a case that has no item of its own in this meeting is viewed, e.g.
 * the case of an action reviewed in the opening block: seen as an item about that case.
 */
export const caseKey = (caseId: string) => `case:${caseId}`;

/**
 * The view of a whole record: item id → access (an unknown item is `nothing`), and the
 * room's people as this audience sees them.
 */
export interface RecordView {
  (itemId: string | null): ItemAccess;
  /** The attendance list as this audience sees it. */
  people: (participants: ParticipantView[]) => ParticipantView[];
  /** The raised hands as this audience sees them. */
  hands: (hands: HandView[]) => HandView[];
}

/**
 * Whose seat at the table an audience is told of (decision 0042). Those at the table as
 * members or running it see everyone invited, with their answers; a guest, who comes for
 * one item and sees nothing of the network, only themselves; the shared display and the
 * lobby (a screen before the confidentiality statement, a guest's as well as a member's)
 * nobody: the display shows no attendance, and the statement comes before the table.
 */
function seesSeatOf(a: Audience, personId: string): boolean {
  switch (a.kind) {
    case "runner":
    case "member":
      return true;
    case "guest":
      return personId === a.personId;
    case "display":
    case "lobby":
      return false;
  }
}

export function recordView(a: Audience, items: readonly ItemFacts[]): RecordView {
  const access = new Map(items.map((i) => [i.id, itemAccess(a, i)]));
  const view = (itemId: string | null): ItemAccess => (itemId === null ? "full" : (access.get(itemId) ?? "nothing"));
  return Object.assign(view, {
    people: (participants: ParticipantView[]) => participants.filter((p) => seesSeatOf(a, p.personId)),
    hands: (hands: HandView[]) => hands.filter((h) => seesSeatOf(a, h.personId)),
  });
}

/** Reasons only those who see the case in full may read; others see the item as a check-in. */
const sharedReason = (item: AgendaItemView) => (item.reason === "consent_withdrawn" ? "check_in_due" : item.reason);

/** The agenda line as this access shows it. */
export function cutItem(item: AgendaItemView, access: ItemAccess): AgendaItemView {
  switch (access) {
    case "full":
      return { ...item, access };
    case "summary":
      return { ...item, reason: sharedReason(item), access };
    case "code":
      return { ...item, reason: sharedReason(item), summary: null, access };
    case "nothing":
      return { ...item, reason: sharedReason(item), title: "", caseCode: null, summary: null, hidden: true, access };
  }
}

type View = RecordView;

/**
 * A round of views as this access shows it: those at the table (in full or by summary)
 * hear which agency speaks; the shared display only how far the round is; others nothing.
 */
export function cutRound(round: RoundView | null, access: ItemAccess): RoundView | null | undefined {
  if (round === null) return access === "nothing" ? undefined : null;
  switch (access) {
    case "full":
    case "summary":
      return round;
    case "code":
      return { ...round, agencies: [] };
    case "nothing":
      return undefined;
  }
}

/**
 * The snapshot as this view shows it: decisions, tasks, proposals and reviewed actions
 * only of cases seen in full; the round as `cutRound` says.
 */
export function cutSnapshot(s: MeetingSnapshot, a: Audience, view: View): MeetingSnapshot {
  const full = (itemId: string) => view(itemId) === "full";
  return {
    ...s,
    level: levelOf(a),
    agenda: s.agenda.map((i) => cutItem(i, view(i.id))),
    decisions: s.decisions.filter((d) => full(d.itemId)),
    tasks: s.tasks.filter((t) => full(t.itemId)),
    proposals: s.proposals.filter((p) => full(p.itemId)),
    actions: s.actions.filter((x) => full(caseKey(x.caseId))),
    participants: view.people(s.participants),
    hands: view.hands(s.hands),
    round: s.round ? (cutRound(s.round, view(s.round.itemId)) ?? null) : null,
  };
}

/** One event type's cut: the event as this view shows it, or null when this audience is not sent it. */
type Cut<E, V> = (e: E, view: V) => E | null;
/**
 * A cut for every event type of a protocol, keyed by type: the audience cut is total over
 * the event union, so a new event type that nobody decided a cut for does not compile
 * (test/types/protocolTypes.typecheck.ts proves it).
 */
export type EventCuts<E extends { type: string }, V = RecordView> = {
  [T in E["type"]]: Cut<Extract<E, { type: T }>, V>;
};

/** The room's frame (where the meeting is, the clock): no case content, for everyone. */
const frame = <E>(e: E) => e;
/** Who is at the table: the frame, with the people this audience is told of (`seesSeatOf`). */
const seats = <E extends { data: { participants: ParticipantView[]; hands?: HandView[] } }>(e: E, view: View): E => ({
  ...e,
  data: {
    ...e.data,
    participants: view.people(e.data.participants),
    ...(e.data.hands && { hands: view.hands(e.data.hands) }),
  },
});
/** The record of a case: only to those who see its item in full. */
const itemRecord = <E extends { itemId: string | null }>(e: E, view: View) =>
  e.itemId !== null && view(e.itemId) === "full" ? e : null;

/** Each event type's cut, decided once. */
export const EVENT_CUTS: EventCuts<MeetingEvent> = {
  "confidentiality:accepted": seats,
  "attendance:changed": seats,
  "meeting:started": seats,
  "meeting:ended": frame,
  "item:opened": frame,
  "timer:started": frame,
  "timer:paused": frame,
  // Agenda lines: each as the view shows it.
  "item:completed": (e, view) => ({ ...e, data: { item: cutItem(e.data.item, view(e.data.item.id)) } }),
  "agenda:changed": (e, view) => ({ ...e, data: { agenda: e.data.agenda.map((i) => cutItem(i, view(i.id))) } }),
  "signal:graded": itemRecord,
  "decision:recorded": itemRecord,
  "view:given": itemRecord,
  "task:added": itemRecord,
  "task:proposed": itemRecord,
  "record:corrected": itemRecord,
  // An action of the last meeting: to those who see its case in full.
  "action:reviewed": (e, view) => (view(caseKey(e.data.action.caseId)) === "full" ? e : null),
  "update:confirmed": itemRecord,
  // The round: by the access to its item (a round that ended names nothing).
  "round:changed": (e, view) => {
    const round = e.itemId === null ? e.data.round : cutRound(e.data.round, view(e.itemId));
    return round === undefined ? null : { ...e, data: { round } };
  },
  // Who asks to speak: no case content, but people, told as their seats are.
  "hands:changed": (e, view) => ({ ...e, data: { hands: view.hands(e.data.hands) } }),
};

/** One event as this view shows it, or null when it is not sent. */
export function cutEvent(e: MeetingEvent, view: View): MeetingEvent | null {
  return cutOf(e.type, e, view);
}
const cutOf = <T extends MeetingEventType>(type: T, e: MeetingEventOf<T>, view: View) => EVENT_CUTS[type](e, view);

/**
 * Notes of an item: for those at the table who see it in full (never the display, never
 * before the statement is accepted); written while the meeting runs, frozen once it ended.
 */
export function notesModeOf(
  a: Audience,
  access: ItemAccess,
  status: MeetingSnapshot["meeting"]["status"],
): "read" | "write" | null {
  if (a.kind === "display" || a.kind === "lobby" || access !== "full") return null;
  return status === "ended" ? "read" : "write";
}
