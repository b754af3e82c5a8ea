import * as Y from "yjs";
import type { z } from "zod";
import { MalformedAwareness } from "../notes/awarenessRelay.ts";
import { InvalidNoteUpdate } from "../notes/noteStore.ts";
import type { Services } from "../services.ts";
import {
  notesAwarenessSchema,
  notesJoinSchema,
  notesLeaveSchema,
  notesUpdateSchema,
  refused,
  type Ack,
  type ErrorCode,
  type NoteMode,
  type NotesJoined,
} from "../../app/contract/protocol.ts";
import type { RefusalParams, RefusalReason } from "../../app/contract/refusals.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";
import { onOtherNodes } from "./nodeBus.ts";

const room = (doc: string) => `notes:${doc}`;

/** The most a notes document may hold; a change beyond it is refused (`too_large`). */
export const NOTES_DOC_MAX_BYTES = 2 * 1024 * 1024;

/** Access is asked again on join and, while editing, at most this long after the last time. */
export const NOTES_RECHECK_MS = 15_000;

const failure = (code: ErrorCode, reason: RefusalReason = code, params?: RefusalParams) => ({
  ok: false as const,
  error: refused(code, reason, params),
});

function payloadError(error: z.ZodError) {
  const tooLarge = error.issues.some((i) => i.message.startsWith("too_large"));
  return tooLarge
    ? failure("too_large", "notes_change_too_large")
    : failure("invalid_payload", "notes_change_malformed");
}

/**
 * Collaborative notes over the shared socket: `notes:join` (sync), `notes:update`
 * (a writer's change: validated, stored, acked, then passed on), `notes:leave`, and
 * `notes:awareness` (cursors, relayed only). Room `notes:<doc>`.
 */
export function createNotesHandlers(io: CasetableServer, services: Services, severalNodes: boolean) {
  const { notes, sessions } = services;
  // Cursors are relayed to the room on every node by the adapter; each node also keeps the
  // others' sockets' cursors, so that someone opening the document on it sees them all.
  const cursorsElsewhere = onOtherNodes(io, severalNodes, "notes:cursors", (doc, owner, name, update) => {
    try {
      notes.awareness.receive(doc, owner, name, new Uint8Array(update));
    } catch (error) {
      services.log.error({ err: error }, "notes:awareness from another node failed");
    }
  });
  const cursorsGoneElsewhere = onOtherNodes(io, severalNodes, "notes:cursorsGone", (doc, owner) =>
    notes.awareness.drop(doc, owner),
  );
  const joined = new WeakMap<CasetableSocket, Map<string, { mode: NoteMode; checkedAt: number }>>();
  const docsOf = (socket: CasetableSocket) => {
    let docs = joined.get(socket);
    if (!docs) joined.set(socket, (docs = new Map()));
    return docs;
  };

  const withinSize = async (doc: string, adding: number) =>
    (await notes.store.size(doc)) + adding <= NOTES_DOC_MAX_BYTES;

  /** A failure is answered by the socket's containment (handle.ts): busy, storage_unavailable or internal. */
  function reply<T>(ack: unknown, work: () => Promise<Ack<T>>): Promise<void> {
    const send = typeof ack === "function" ? (ack as (r: Ack<T>) => void) : () => {};
    return work().then(send);
  }

  /** Roles may have changed since the socket connected: ask with fresh facts. */
  async function refresh(socket: CasetableSocket) {
    const fresh = await sessions.lookupById(socket.data.person.sessionId);
    if (!fresh) {
      socket.disconnect(true);
      return null;
    }
    socket.data.person = fresh;
    return fresh;
  }

  function leave(socket: CasetableSocket, doc: string) {
    docsOf(socket).delete(doc);
    void socket.leave(room(doc));
    const gone = notes.awareness.drop(doc, socket.id);
    if (gone) {
      socket.to(room(doc)).emit("notes:awareness", { doc, update: gone });
      cursorsGoneElsewhere(doc, socket.id);
    }
  }

  async function join(socket: CasetableSocket, payload: unknown): Promise<Ack<NotesJoined>> {
    const parsed = notesJoinSchema.safeParse(payload);
    if (!parsed.success) return payloadError(parsed.error);
    const { doc, stateVector } = parsed.data;
    const person = await refresh(socket);
    if (!person) return failure("unauthenticated", "session_ended");
    const mode = await notes.access.modeFor(person, doc);
    if (!mode) {
      leave(socket, doc);
      return failure("forbidden", "notes_forbidden");
    }
    const ydoc = await notes.store.get(doc);
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(ydoc, stateVector);
    } catch {
      return failure("invalid_payload", "notes_change_malformed");
    }
    docsOf(socket).set(doc, { mode, checkedAt: Date.now() });
    await socket.join(room(doc));
    return {
      ok: true,
      data: { doc, mode, update, stateVector: Y.encodeStateVector(ydoc), awareness: notes.awareness.snapshot(doc) },
    };
  }

  /** The mode the socket holds for the document now, re-asked when the last answer is old. */
  async function currentMode(socket: CasetableSocket, doc: string): Promise<NoteMode | null> {
    const held = docsOf(socket).get(doc);
    if (!held) return null;
    if (Date.now() - held.checkedAt < NOTES_RECHECK_MS) return held.mode;
    const person = await refresh(socket);
    const mode = person ? await notes.access.modeFor(person, doc) : null;
    if (!mode) {
      leave(socket, doc);
      return null;
    }
    docsOf(socket).set(doc, { mode, checkedAt: Date.now() });
    return mode;
  }

  async function update(socket: CasetableSocket, payload: unknown): Promise<Ack<{ doc: string }>> {
    const parsed = notesUpdateSchema.safeParse(payload);
    if (!parsed.success) return payloadError(parsed.error);
    const { doc, update } = parsed.data;
    const mode = await currentMode(socket, doc);
    if (!socket.connected) return failure("unauthenticated", "session_ended");
    if (mode !== "write") {
      return failure("forbidden", mode === "read" ? "notes_read_only" : "notes_open_first");
    }
    if (!(await withinSize(doc, update.byteLength)))
      return failure("too_large", "notes_full", { megabytes: NOTES_DOC_MAX_BYTES / 1024 / 1024 });
    const { personId } = socket.data.person;
    try {
      await notes.edit({ personId, ip: socket.handshake.address ?? null }, doc, update);
    } catch (error) {
      if (error instanceof InvalidNoteUpdate) return failure("invalid_payload", "notes_update_invalid");
      throw error;
    }
    socket.to(room(doc)).emit("notes:updated", { doc, update });
    return { ok: true, data: { doc } };
  }

  function awareness(socket: CasetableSocket, payload: unknown) {
    const parsed = notesAwarenessSchema.safeParse(payload);
    if (!parsed.success) return;
    const { doc, update } = parsed.data;
    if (!docsOf(socket).has(doc)) return;
    try {
      const relayed = notes.awareness.receive(doc, socket.id, socket.data.person.name, update);
      if (relayed) {
        socket.to(room(doc)).emit("notes:awareness", { doc, update: relayed });
        cursorsElsewhere(doc, socket.id, socket.data.person.name, relayed);
      }
    } catch (error) {
      if (!(error instanceof MalformedAwareness)) services.log.error({ err: error }, "notes:awareness failed");
    }
  }

  /**
   * Asks again, now, for every document the matching sockets hold: after a change of
   * standing or the end of a meeting. A socket that lost a document leaves it (and hears
   * no more of it); one that may only read now is refused its next change.
   */
  async function recheck(matches: (socket: CasetableSocket) => boolean = () => true) {
    const due: CasetableSocket[] = [];
    for (const socket of io.sockets.sockets.values()) {
      const docs = joined.get(socket);
      if (!docs?.size || !socket.data.person || !matches(socket)) continue;
      // Until the answer comes, any change is asked for again.
      for (const held of docs.values()) held.checkedAt = 0;
      due.push(socket);
    }
    for (const socket of due) {
      for (const doc of [...docsOf(socket).keys()]) await currentMode(socket, doc);
    }
  }

  return {
    recheck,
    register(socket: CasetableSocket) {
      socket.on("notes:join", (payload, ack) => reply(ack, () => join(socket, payload)));
      socket.on("notes:update", (payload, ack) => reply(ack, () => update(socket, payload)));
      socket.on("notes:leave", (payload, ack) =>
        reply(ack, async () => {
          const parsed = notesLeaveSchema.safeParse(payload);
          if (!parsed.success) return payloadError(parsed.error);
          leave(socket, parsed.data.doc);
          return { ok: true, data: { doc: parsed.data.doc } };
        }),
      );
      socket.on("notes:awareness", (payload) => awareness(socket, payload));
      socket.on("disconnecting", () => {
        for (const doc of docsOf(socket).keys()) leave(socket, doc);
      });
    },
  };
}
