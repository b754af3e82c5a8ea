import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import {
  NOTE_UPDATE_MAX_BYTES,
  notesAwarenessSchema,
  notesJoinedSchema,
  notesUpdatedSchema,
  RETRYABLE_ERRORS,
  type ErrorCode,
  type Refused,
  type NoteMode,
} from "../contract/protocol.ts";
import type { ClientSocket } from "./socket.ts";

export type NoteSyncStatus =
  /** Not yet joined: (re)connecting or waiting for the first sync. */
  | "connecting"
  /** Joined; every local change is stored on the server. */
  | "saved"
  /** Joined; changes are on their way. */
  | "saving"
  /** No connection; `pending` says whether local changes wait to be sent. */
  | "offline"
  /** The server refused to open these notes for this person. */
  | "refused"
  /** The server could not take a change for now (storage busy or unavailable, its own fault): kept, sent again. */
  | "retrying"
  /** The server refused a change (too large, not well-formed): not saved until it is taken. */
  | "failed";

export interface NoteDocState {
  status: NoteSyncStatus;
  mode: NoteMode | null;
  /**
   * May be typed in now: the server granted writing, and still does or has not been asked
   * again since the connection dropped. Offline edits are kept and sent on the next join.
   */
  writable: boolean;
  pending: boolean;
  error: Refused | null;
  /** Why the last change was not taken, while `retrying` or `failed`. */
  code: ErrorCode | null;
}

/** An empty Yjs update is two zero bytes: nothing to send. */
const isEmptyUpdate = (u: Uint8Array) => u.length <= 2 && u.every((b) => b === 0);

/**
 * Binds one Y.Doc and its awareness to the shared socket. Joins (and re-joins after each
 * reconnect) with its state vector, applies what the server sends, and sends local
 * changes one batch at a time. Nothing unsent is lost by a disconnect: on re-join the
 * server's state vector says exactly what it lacks, and that is sent. Yjs ignores what it
 * already has, so sending twice is harmless.
 */
export class NoteDocProvider {
  readonly ydoc: Y.Doc;
  readonly awareness: Awareness;
  private mode: NoteMode | null = null;
  /** What the server last granted: offline, the notes stay as they were (written on, if writable). */
  private granted: NoteMode | null = null;
  private queue: Uint8Array[] = [];
  private inflight: Uint8Array[] | null = null;
  /** Bumped on every (re)join and disconnect: answers to older requests are ignored. */
  private generation = 0;
  private refused: Refused | null = null;
  /** The last change the server did not take; cleared only when the server has it. */
  private failed: Refused | null = null;
  private destroyed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private snapshot: NoteDocState;

  constructor(
    private readonly socket: ClientSocket,
    readonly doc: string,
    private readonly options: { ydoc?: Y.Doc; ackTimeoutMs?: number; retryMs?: number } = {},
  ) {
    this.ydoc = options.ydoc ?? new Y.Doc();
    this.awareness = new Awareness(this.ydoc);
    this.snapshot = this.computeState();
    this.ydoc.on("update", this.onLocalUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    socket.on("connect", this.join);
    socket.on("disconnect", this.onDisconnect);
    socket.on("notes:updated", this.onRemoteUpdate);
    socket.on("notes:awareness", this.onRemoteAwareness);
    if (socket.connected) this.join();
  }

  get state(): NoteDocState {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Resolves when every local change so far is acknowledged by the server. */
  whenSaved(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.snapshot.status === "saved") {
          this.listeners.delete(check);
          resolve();
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.ydoc.off("update", this.onLocalUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.socket.off("connect", this.join);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("notes:updated", this.onRemoteUpdate);
    this.socket.off("notes:awareness", this.onRemoteAwareness);
    // The server drops this socket's cursor when it leaves.
    if (this.socket.connected) this.socket.emit("notes:leave", { doc: this.doc });
    this.awareness.destroy();
    this.listeners.clear();
  }

  private get ackTimeout() {
    return this.options.ackTimeoutMs ?? 10_000;
  }

  private join = () => {
    if (this.destroyed) return;
    const generation = ++this.generation;
    this.mode = null;
    this.requeueInflight();
    this.changed();
    this.socket
      .timeout(this.ackTimeout)
      .emit("notes:join", { doc: this.doc, stateVector: Y.encodeStateVector(this.ydoc) }, (err, ack) => {
        if (generation !== this.generation || this.destroyed) return;
        if (err) return this.retryLater(this.join);
        if (!ack.ok && RETRYABLE_ERRORS.includes(ack.error.code)) return this.retryLater(this.join);
        if (!ack.ok) {
          this.refused = ack.error;
          return this.changed();
        }
        const joined = notesJoinedSchema.safeParse(ack.data);
        if (!joined.success) return this.retryLater(this.join);
        const { mode, update, stateVector, awareness } = joined.data;
        this.refused = null;
        // What the server still lacks is sent again below; its answer tells whether it is taken now.
        this.failed = null;
        Y.applyUpdate(this.ydoc, update, this);
        applyAwarenessUpdate(this.awareness, awareness, this);
        this.mode = mode;
        this.granted = mode;
        // What the server lacks — edits made offline, or sent but never acknowledged.
        const missing = Y.encodeStateAsUpdate(this.ydoc, stateVector);
        this.queue = mode === "write" && !isEmptyUpdate(missing) ? [missing] : [];
        if (this.awareness.getLocalState()) this.sendAwareness([this.ydoc.clientID]);
        this.flush();
        this.changed();
      });
  };

  private onDisconnect = () => {
    this.generation++;
    this.mode = null;
    this.requeueInflight();
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.ydoc.clientID);
    removeAwarenessStates(this.awareness, others, this);
    this.changed();
  };

  private onLocalUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (this.mode === "read" || (this.mode === null && this.granted === "read")) return;
    this.queue.push(update);
    this.flush();
    this.changed();
  };

  private onRemoteUpdate = (event: unknown) => {
    const parsed = notesUpdatedSchema.safeParse(event);
    if (!parsed.success || parsed.data.doc !== this.doc) return;
    Y.applyUpdate(this.ydoc, parsed.data.update, this);
  };

  private onRemoteAwareness = (event: unknown) => {
    const parsed = notesAwarenessSchema.safeParse(event);
    if (!parsed.success || parsed.data.doc !== this.doc) return;
    applyAwarenessUpdate(this.awareness, parsed.data.update, this);
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === this) return;
    const own = [...added, ...updated, ...removed].filter((id) => id === this.ydoc.clientID);
    if (own.length) this.sendAwareness(own);
  };

  private sendAwareness(clients: number[]) {
    if (this.mode === null || !this.socket.connected) return;
    this.socket.emit("notes:awareness", { doc: this.doc, update: encodeAwarenessUpdate(this.awareness, clients) });
  }

  /** Sends the queued changes as one update, unless a send is under way. */
  private flush() {
    if (this.destroyed || !this.socket.connected || this.mode !== "write" || this.inflight || this.queue.length === 0)
      return;
    let batch = this.queue;
    let update = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
    if (update.byteLength > NOTE_UPDATE_MAX_BYTES && batch.length > 1) {
      // Several changes together are too big: send them one at a time.
      batch = [batch[0]];
      update = batch[0];
    }
    this.queue = this.queue.slice(batch.length);
    this.inflight = batch;
    const generation = this.generation;
    this.socket.timeout(this.ackTimeout).emit("notes:update", { doc: this.doc, update }, (err, ack) => {
      if (generation !== this.generation || this.destroyed) return;
      this.inflight = null;
      if (err) {
        this.queue.unshift(...batch);
        return this.retryLater(() => this.flush());
      }
      if (!ack.ok) {
        this.failed = ack.error;
        if (ack.error.code === "forbidden") {
          // Access changed: join again to learn what is allowed now.
          this.queue.unshift(...batch);
          return this.join();
        }
        if (RETRYABLE_ERRORS.includes(ack.error.code)) {
          // Not taken for now: kept, in order, and sent again.
          this.queue.unshift(...batch);
          return this.retryLater(() => this.flush());
        }
        // Refused as it is (too large, not well-formed): the server lacks it until the next
        // join sends what the server lacks again, so this never shows as saved.
      } else if (this.failed && RETRYABLE_ERRORS.includes(this.failed.code)) {
        this.failed = null;
      }
      this.flush();
      this.changed();
    });
  }

  private requeueInflight() {
    if (this.inflight) this.queue.unshift(...this.inflight);
    this.inflight = null;
  }

  private retryLater(action: () => void) {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.destroyed && this.socket.connected) action();
    }, this.options.retryMs ?? 2_000);
    this.changed();
  }

  private computeState(): NoteDocState {
    const pending = this.queue.length > 0 || this.inflight !== null;
    const base = {
      mode: this.mode,
      writable: this.mode === "write" || (this.mode === null && this.granted === "write" && !this.refused),
      pending,
      error: this.failed ?? this.refused,
      code: this.failed?.code ?? null,
    };
    if (this.refused && this.mode === null) return { ...base, status: "refused" };
    if (!this.socket.connected) return { ...base, status: "offline" };
    if (this.mode === null) return { ...base, status: "connecting" };
    if (this.failed) return { ...base, status: RETRYABLE_ERRORS.includes(this.failed.code) ? "retrying" : "failed" };
    // "saved" only when the server has acknowledged every change.
    return { ...base, status: pending ? "saving" : "saved" };
  }

  private changed() {
    const next = this.computeState();
    const prev = this.snapshot;
    if (
      prev.status === next.status &&
      prev.mode === next.mode &&
      prev.writable === next.writable &&
      prev.pending === next.pending &&
      prev.error === next.error &&
      prev.code === next.code
    )
      return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}
