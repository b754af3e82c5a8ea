// The real-time protocol, shared by server and browser. It imports nothing from Node.
import { z } from "zod";

/** Checked on connect: a client of another version is refused and told to reload. */
export const PROTOCOL_VERSION = 1;

/** Sent by the client in the socket.io handshake (`auth`). */
export const handshakeSchema = z.object({ protocolVersion: z.number().int() });
export type Handshake = z.infer<typeof handshakeSchema>;

/** Why a connection was refused; carried in the connect_error's `data.code`. */
export const CONNECT_ERRORS = ["unauthenticated", "protocol_mismatch"] as const;
export type ConnectErrorCode = (typeof CONNECT_ERRORS)[number];
export const connectErrorDataSchema = z.object({ code: z.enum(CONNECT_ERRORS), message: z.string() });

export const ERROR_CODES = ["invalid_payload", "forbidden", "unauthenticated", "internal"] as const;
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

export interface ClientToServerEvents {
  "presence:join": (payload: PresenceJoin, ack: (result: Ack<PresenceChanged>) => void) => void;
}

export interface ServerToClientEvents {
  "presence:changed": (event: PresenceChanged) => void;
  "signal:registered": (event: SignalRegistered) => void;
}

export const COMMANDS = {
  "presence:join": presenceJoinSchema,
} as const;

export const EVENTS = {
  "presence:changed": presenceChangedSchema,
  "signal:registered": signalRegisteredSchema,
} as const;
