// The real-time protocol, shared by server and browser. It imports nothing from Node.
import { z } from "zod";
import type { ItemDetailView, MeetingCommandName, MeetingEvent, MeetingSnapshot, ResyncResult } from "./meetingProtocol.ts";

/** Checked on connect: a client of another version is refused and told to reload. */
export const PROTOCOL_VERSION = 1;

/** Sent by the client in the socket.io handshake (`auth`). */
export const handshakeSchema = z.object({ protocolVersion: z.number().int() });
export type Handshake = z.infer<typeof handshakeSchema>;

/** Why a connection was refused; carried in the connect_error's `data.code`. */
export const CONNECT_ERRORS = ["unauthenticated", "protocol_mismatch"] as const;
export type ConnectErrorCode = (typeof CONNECT_ERRORS)[number];
export const connectErrorDataSchema = z.object({ code: z.enum(CONNECT_ERRORS), message: z.string() });

export const ERROR_CODES = ["invalid_payload", "forbidden", "unauthenticated", "internal", "not_found", "conflict", "refused", "confidentiality_required"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

// ---- commands (client → server), `entity:verb` ----

export const presenceJoinSchema = z.object({ networkId: z.string().min(1).max(100) });
export type PresenceJoin = z.infer<typeof presenceJoinSchema>;

// ---- events (server → client), past tense ----

export const onlinePersonSchema = z.object({ personId: z.string(), name: z.string() });
export const presenceChangedSchema = z.object({
  networkId: z.string(),
  online: z.array(onlinePersonSchema),
});
export type PresenceChanged = z.infer<typeof presenceChangedSchema>;

/**
 * A new signal is in a network's shared inbox. Sent only to its chairs and
 * coordinators, and never with content: the code and the new count are enough to
 * announce it; the inbox page shows the rest to those who may see it.
 */
export const signalRegisteredSchema = z.object({
  networkId: z.string(),
  code: z.string(),
  inboxCount: z.number().int().nonnegative(),
});
export type SignalRegistered = z.infer<typeof signalRegisteredSchema>;

/** What a command's ack carries: the sequence number of its event and the event's data. */
export type CommandResult = { seq: number; data: Record<string, unknown> };

type MeetingCommandHandlers = { [N in MeetingCommandName]: (payload: unknown, ack: (result: Ack<CommandResult>) => void) => void };

export interface ClientToServerEvents extends MeetingCommandHandlers {
  "presence:join": (payload: PresenceJoin, ack: (result: Ack<PresenceChanged>) => void) => void;
  /** Joins a meeting's room: the answer is the snapshot this person may see. */
  "meeting:join": (payload: unknown, ack: (result: Ack<MeetingSnapshot>) => void) => void;
  /** After a reconnect: the events after `afterSeq`, or a snapshot when that is simpler. */
  "meeting:resync": (payload: unknown, ack: (result: Ack<ResyncResult>) => void) => void;
  /** The case behind an item, as far as this person may see it (never the identity). */
  "item:detail": (payload: unknown, ack: (result: Ack<ItemDetailView>) => void) => void;
}

export interface ServerToClientEvents {
  "presence:changed": (event: PresenceChanged) => void;
  "signal:registered": (event: SignalRegistered) => void;
  "meeting:event": (event: MeetingEvent) => void;
}

export const COMMANDS = {
  "presence:join": presenceJoinSchema,
} as const;

export const EVENTS = {
  "presence:changed": presenceChangedSchema,
  "signal:registered": signalRegisteredSchema,
} as const;
