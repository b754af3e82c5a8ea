import type { StandingChange } from "../auth/standing.ts";
import type { SignalRegisteredNotice } from "../cases/signals.ts";
import type { SessionEndReason } from "../../app/contract/sessionStatus.ts";
import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";
import type { CasetableServer } from "./socketServer.ts";

/**
 * What happens on one node that every node must act on for its own sockets (decision
 * 0045). The services announce these in-process; with several nodes the announcement is
 * also sent to the others over the socket.io adapter (Redis).
 */
export interface NodeNotices {
  /** A meeting event's cuts and the audience rooms they go to (meetingRoom.ts). */
  "meeting:cuts": (cuts: { room: string; cut: MeetingEvent }[]) => void;
  "standing:changed": (change: StandingChange) => void;
  /** A person accepted a meeting's confidentiality statement: their screens leave its lobby. */
  "confidentiality:accepted": (personId: string, meetingId: string) => void;
  "session:revoked": (personId: string, sessionIds: string[], reason: SessionEndReason) => void;
  "signal:registered": (notice: SignalRegisteredNotice) => void;
  "deliveries:changed": (meetingId: string) => void;
  "meeting:ended": (meetingId: string) => void;
  /** A socket's cursors in a notes document, as relayed (awarenessRelay.ts), so every node's snapshot has them. */
  "notes:cursors": (doc: string, owner: string, name: string, update: Uint8Array) => void;
  "notes:cursorsGone": (doc: string, owner: string) => void;
}

type Args<E extends keyof NodeNotices> = Parameters<NodeNotices[E]>;

/**
 * Makes `act` (what this node does for its own sockets) run on every node: it returns the
 * function to call where the change happens, which acts here and tells the other nodes,
 * each of which then acts for its sockets. Alone (no Redis) it only acts here.
 */
export function onEveryNode<E extends keyof NodeNotices>(
  io: CasetableServer,
  severalNodes: boolean,
  event: E,
  act: NodeNotices[E],
): (...args: Args<E>) => void {
  const others = onOtherNodes(io, severalNodes, event, act);
  return (...args) => {
    (act as (...a: Args<E>) => void)(...args);
    others(...args);
  };
}

/** The same for what this node has already done itself: only the other nodes act. */
export function onOtherNodes<E extends keyof NodeNotices>(
  io: CasetableServer,
  severalNodes: boolean,
  event: E,
  act: NodeNotices[E],
): (...args: Args<E>) => void {
  if (!severalNodes) return () => {};
  // Heard from another node: act for this node only, and pass nothing on.
  io.on(event, act as never);
  // TypeScript does not follow a generic event name into serverSideEmit's arguments; NodeNotices makes them agree.
  const tellOthers = io.serverSideEmit.bind(io) as (event: E, ...args: Args<E>) => boolean;
  return (...args) => void tellOthers(event, ...args);
}
