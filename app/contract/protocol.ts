// The real-time protocol, shared by server and browser. It imports nothing from Node.
// socket.io's two event maps are typed from it; the meeting room's commands and events
// come from meetingProtocol.ts.
import { z } from "zod";
import type { ERROR_CODES, RefusalParams, RefusalReason } from "./refusals.ts";
import type { MinutesDeliveriesChanged } from "./deliveryProtocol.ts";
import type { SessionEndReason } from "./sessionStatus.ts";
import type {
  WrittenAnswerCommand,
  WrittenConcludeCommand,
  WrittenEvent,
  WrittenJoin,
  WrittenJoined,
} from "./writtenProcedure.ts";
import type {
  EventOf,
  ItemDetailRequest,
  ItemDetailView,
  MeetingCommandName,
  MeetingCommandWire,
  MeetingEvent,
  MeetingEventData,
  MeetingJoin,
  MeetingResync,
  MeetingSnapshot,
  Reseated,
  ResyncResult,
} from "./meetingProtocol.ts";

/** Checked on connect: a client of another version is refused and told to reload. */
export const PROTOCOL_VERSION = 1;

/** Sent by the client in the socket.io handshake (`auth`). */
export const handshakeSchema = z.object({ protocolVersion: z.number().int() });

/** Why a connection was refused; carried in the connect_error's `data.code`. */
export const CONNECT_ERRORS = ["unauthenticated", "protocol_mismatch"] as const;
export type ConnectErrorCode = (typeof CONNECT_ERRORS)[number];

export type ErrorCode = (typeof ERROR_CODES)[number];
/** Refusals that say nothing about the command itself: it is kept and sent again. */
export const RETRYABLE_ERRORS: readonly ErrorCode[] = ["busy", "storage_unavailable", "internal", "rate_limited"];

/**
 * Why something was refused: `code` is the kind of failure (retry or not), `reason` the
 * code of the sentence a page shows in its reader's language, `params` what fills it.
 * `requestId` names an `internal` failure in the server's log, for a person to quote.
 */
export interface Refused {
  code: ErrorCode;
  reason: RefusalReason;
  params?: RefusalParams;
  requestId?: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: Refused };

/** A refusal whose sentence says no more than its code. */
export const refused = (code: ErrorCode, reason: RefusalReason = code, params?: RefusalParams): Refused =>
  params ? { code, reason, params } : { code, reason };

// ---- commands (client → server), `entity:verb` ----

export const presenceJoinSchema = z.object({ networkId: z.string().min(1).max(100) });
export type PresenceJoin = z.infer<typeof presenceJoinSchema>;

// ---- collaborative notes: Yjs documents over the same socket ----

/** The largest Yjs update the server accepts in one message. */
export const NOTE_UPDATE_MAX_BYTES = 512 * 1024;
/** Awareness (cursors, names) is small; anything bigger is not a cursor. */
export const NOTE_AWARENESS_MAX_BYTES = 16 * 1024;

/** `prefix:id`, e.g. `agenda-item:3f2…` or `network-scratch:<networkId>`. */
export const noteDocSchema = z
  .string()
  .max(200)
  .regex(/^[a-z][a-z0-9-]{0,39}:[A-Za-z0-9_-]{1,150}$/, "A notes document is named prefix:id.");

/**
 * Binary payloads: socket.io delivers a Buffer in Node and an ArrayBuffer in the
 * browser; both become a Uint8Array. Too big is told apart from malformed.
 */
export const bytesSchema = (max: number) =>
  z
    .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
    .transform((v) => (v instanceof ArrayBuffer ? new Uint8Array(v) : v))
    .refine((v) => v.byteLength <= max, { message: `too_large: at most ${max} bytes` });

export const notesJoinSchema = z.object({ doc: noteDocSchema, stateVector: bytesSchema(64 * 1024) });
export const notesUpdateSchema = z.object({ doc: noteDocSchema, update: bytesSchema(NOTE_UPDATE_MAX_BYTES) });
export const notesLeaveSchema = z.object({ doc: noteDocSchema });
/** Both directions: a y-protocols awareness update for one document. */
export const notesAwarenessSchema = z.object({ doc: noteDocSchema, update: bytesSchema(NOTE_AWARENESS_MAX_BYTES) });
/** On the wire: Uint8Array or Buffer when sent, ArrayBuffer when received in a browser. */
export type Bytes = Uint8Array | ArrayBuffer;
export interface NotesJoin {
  doc: string;
  stateVector: Bytes;
}
export interface NotesUpdate {
  doc: string;
  update: Bytes;
}
export interface NotesAwareness {
  doc: string;
  update: Bytes;
}

export const NOTE_MODES = ["read", "write"] as const;
export type NoteMode = (typeof NOTE_MODES)[number];

/** The answer to `notes:join`: what the client lacks, what the server has, and who is there. */
export const notesJoinedSchema = z.object({
  doc: z.string(),
  mode: z.enum(NOTE_MODES),
  /** The server's state minus the client's state vector. */
  update: bytesSchema(Number.MAX_SAFE_INTEGER),
  /** So the client can send what the server lacks (edits made offline). */
  stateVector: bytesSchema(Number.MAX_SAFE_INTEGER),
  /** Current awareness of the others, or empty. */
  awareness: bytesSchema(Number.MAX_SAFE_INTEGER),
});
export interface NotesJoined {
  doc: string;
  mode: NoteMode;
  update: Bytes;
  stateVector: Bytes;
  awareness: Bytes;
}
export const notesUpdatedSchema = z.object({ doc: z.string(), update: bytesSchema(Number.MAX_SAFE_INTEGER) });
export interface NotesUpdated {
  doc: string;
  update: Bytes;
}

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
export type CommandResult<N extends MeetingCommandName = MeetingCommandName> = N extends MeetingCommandName
  ? { seq: number; data: MeetingEventData[EventOf<N>] }
  : never;

/** One socket.io event per meeting command, typed from the command union. */
type MeetingCommandHandlers = {
  [N in MeetingCommandName]: (payload: MeetingCommandWire[N], ack: (result: Ack<CommandResult<N>>) => void) => void;
};

export interface ClientToServerEvents extends MeetingCommandHandlers {
  "presence:join": (payload: PresenceJoin, ack: (result: Ack<PresenceChanged>) => void) => void;
  "notes:join": (payload: NotesJoin, ack: (result: Ack<NotesJoined>) => void) => void;
  "notes:update": (payload: NotesUpdate, ack: (result: Ack<{ doc: string }>) => void) => void;
  "notes:leave": (payload: { doc: string }, ack?: (result: Ack<{ doc: string }>) => void) => void;
  /** Fire and forget: cursors are relayed, never stored. */
  "notes:awareness": (payload: NotesAwareness) => void;
  /** Joins a meeting's room: the answer is the snapshot this person may see. */
  "meeting:join": (payload: MeetingJoin, ack: (result: Ack<MeetingSnapshot>) => void) => void;
  /** After a reconnect: the events after `afterSeq`, or a snapshot when that is simpler. */
  "meeting:resync": (payload: MeetingResync, ack: (result: Ack<ResyncResult>) => void) => void;
  /** The case behind an item, as far as this person may see it (never the identity). */
  "item:detail": (payload: ItemDetailRequest, ack: (result: Ack<ItemDetailView>) => void) => void;
  /** Follows a network's decisions in writing: the answer is the procedures this person may see. */
  "written:join": (payload: WrittenJoin, ack: (result: Ack<WrittenJoined>) => void) => void;
  "written:answer": (payload: WrittenAnswerCommand, ack: (result: Ack<{ procedureId: string }>) => void) => void;
  "written:conclude": (
    payload: WrittenConcludeCommand,
    ack: (result: Ack<{ procedureId: string; decisionId: string | null }>) => void,
  ) => void;
}

export interface ServerToClientEvents {
  "presence:changed": (event: PresenceChanged) => void;
  "signal:registered": (event: SignalRegistered) => void;
  "notes:updated": (event: NotesUpdated) => void;
  "notes:awareness": (event: NotesAwareness) => void;
  "meeting:event": (event: MeetingEvent) => void;
  /**
   * The person's standing changed (role, agency, an item they are a guest of, the
   * agencies of a case): the record as they may now see it, or null and why when they
   * may no longer follow the meeting. Events after it are cut for the new standing.
   */
  "meeting:reseated": (event: Reseated) => void;
  "minutes:deliveries": (event: MinutesDeliveriesChanged) => void;
  /** A decision in writing changed, as this person may see it (server/written/writtenView.ts). */
  "written:event": (event: WrittenEvent & { networkId: string }) => void;
  /** The server is shutting down (a restart, usually); requests in flight get `graceMs` to finish. */
  "server:restarting": (event: { graceMs: number }) => void;
  /** This connection's session has ended, and why; the connection is cut right after. */
  "session:ended": (event: { reason: SessionEndReason }) => void;
}
