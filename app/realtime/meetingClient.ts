import type { Socket } from "socket.io-client";
import {
  meetingCommandSchema,
  meetingEventSchema,
  reseatedSchema,
  type MeetingCommandInputs,
  type MeetingCommandName,
  type MeetingCommandWire,
  type AgendaItemView,
  type MeetingEvent,
  type MeetingSnapshot,
  type ResyncResult,
} from "../contract/meetingProtocol.ts";
import { RETRYABLE_ERRORS, type Ack, type CommandResult, type Refused } from "../contract/protocol.ts";
import { catchUp, caughtUp } from "./meetingSequence.ts";

/** A command sent and not yet acknowledged: its name and the payload the screen gave it. */
export type PendingCommand<N extends MeetingCommandName = MeetingCommandName> = {
  [K in N]: { opId: string; name: K; payload: MeetingCommandInputs[K] };
}[N];

export interface MeetingClientState {
  snapshot: MeetingSnapshot | null;
  /** Commands sent but not yet acknowledged: shown as pending, replayed on return. */
  pending: PendingCommand[];
  status: "connecting" | "online" | "offline";
  /**
   * The last refusal, to show beside the form that caused it. `retrying`: the server could
   * not take it for now (storage busy or unavailable, or its own fault); the command is
   * still pending and is sent again by itself.
   */
  lastError: (Refused & { name: MeetingCommandName | "meeting:join"; retrying: boolean }) | null;
}

/** The first wait before sending again what the server could not take; it doubles, up to the last. */
const RETRY_MS = { first: 1_000, last: 15_000 };

type AnySocket = Pick<Socket, "on" | "off" | "emit" | "connected">;

const newOpId = () =>
  globalThis.crypto?.randomUUID
    ? globalThis.crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * The client side of the meeting protocol, free of React so it runs in tests too. On
 * every (re)connect it joins, stands on the snapshot it gets, applies the live events
 * newer than it, and sends again each command not yet acknowledged, with its original
 * operation id, so the server applies it once. Every live event must follow the last one
 * applied (`prevSeq`); at a gap the screen resyncs from its number.
 */
export class MeetingClient {
  state: MeetingClientState = { snapshot: null, pending: [], status: "connecting", lastError: null };
  private listeners = new Set<(s: MeetingClientState) => void>();
  private inflight = new Set<string>();
  private waiting = new Map<string, ((ack: Ack<CommandResult>) => void)[]>();
  /** Live events not yet applied: held while a join or resync is on its way, or after a gap. */
  private held: MeetingEvent[] = [];
  private syncing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  /** Numbers each join and resync, so only the answer to the latest one is used. */
  private attempt = 0;

  constructor(
    private readonly socket: AnySocket,
    private readonly meetingId: string,
    private readonly options: {
      display?: boolean;
      storage?: Pick<Storage, "getItem" | "setItem"> | null;
      retryMs?: { first: number; last: number };
    } = {},
  ) {
    const saved = options.storage?.getItem(this.storageKey);
    if (saved) this.state.pending = restorePending(saved, meetingId);
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on("connect_error", this.onDisconnect);
    socket.on("meeting:event", this.onEvent);
    socket.on("meeting:reseated", this.onReseated);
    if (socket.connected) this.onConnect();
  }

  private get storageKey() {
    return `casetable:pending:${this.meetingId}`;
  }

  subscribe(listener: (s: MeetingClientState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose() {
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("connect_error", this.onDisconnect);
    this.socket.off("meeting:event", this.onEvent);
    this.socket.off("meeting:reseated", this.onReseated);
    clearTimeout(this.retryTimer);
  }

  private set(patch: Partial<MeetingClientState>) {
    this.state = { ...this.state, ...patch };
    if (patch.pending) this.options.storage?.setItem(this.storageKey, JSON.stringify(patch.pending));
    for (const l of this.listeners) l(this.state);
  }

  /** Sends a command; it stays pending until acknowledged, through any disconnection. */
  send<N extends MeetingCommandName>(name: N, payload: MeetingCommandInputs[N]): Promise<Ack<CommandResult<N>>> {
    // TypeScript does not follow a generic name into the union of commands; the mapped type says they agree.
    const command = { opId: newOpId(), name, payload } as PendingCommand<N> as PendingCommand;
    this.set({ pending: [...this.state.pending, command], lastError: null });
    const answered = new Promise<Ack<CommandResult<N>>>((resolve) =>
      this.waiting.set(command.opId, [resolve as (ack: Ack<CommandResult>) => void]),
    );
    this.transmit(command);
    return answered;
  }

  private transmit(command: PendingCommand): void {
    if (!this.socket.connected || this.inflight.has(command.opId)) return;
    this.inflight.add(command.opId);
    this.socket.emit(
      command.name,
      {
        ...command.payload,
        meetingId: this.meetingId,
        opId: command.opId,
      } satisfies MeetingCommandWire[typeof command.name],
      (ack: Ack<CommandResult>) => {
        this.inflight.delete(command.opId);
        if (!ack.ok && RETRYABLE_ERRORS.includes(ack.error.code)) {
          // Not taken, for now: it stays pending, with the same operation id, and goes again.
          this.set({ lastError: { name: command.name, ...ack.error, retrying: true } });
          return this.retryLater(() => this.state.pending.forEach((p) => this.transmit(p)));
        }
        this.retries = 0;
        this.set({
          pending: this.state.pending.filter((p) => p.opId !== command.opId),
          lastError: ack.ok
            ? this.state.lastError?.retrying
              ? null
              : this.state.lastError
            : { name: command.name, ...ack.error, retrying: false },
        });
        for (const resolve of this.waiting.get(command.opId) ?? []) resolve(ack);
        this.waiting.delete(command.opId);
      },
    );
  }

  /** Waits longer after each failure in a row; a reconnect sends everything pending anyway. */
  private retryLater(action: () => void) {
    const { first, last } = this.options.retryMs ?? RETRY_MS;
    const wait = Math.min(first * 2 ** this.retries++, last);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.socket.connected) action();
    }, wait);
  }

  private onConnect = () => {
    this.inflight.clear();
    // Whatever came on the last connection was sent before the snapshot this join brings.
    this.held = [];
    this.join();
  };

  /**
   * Asks for a fresh snapshot. Live events that arrive meanwhile are held and applied
   * after it when newer; an answer to an older join or resync is ignored.
   */
  private join() {
    const attempt = ++this.attempt;
    this.syncing = true;
    this.socket.emit(
      "meeting:join",
      { meetingId: this.meetingId, display: this.options.display ?? false },
      (joined: Ack<MeetingSnapshot>) => {
        if (attempt !== this.attempt) return;
        if (!joined.ok) {
          const retrying = RETRYABLE_ERRORS.includes(joined.error.code);
          this.set({ status: "offline", lastError: { name: "meeting:join", ...joined.error, retrying } });
          return retrying ? this.retryLater(() => this.join()) : undefined;
        }
        this.retries = 0;
        if (this.state.lastError?.name === "meeting:join") this.set({ lastError: null });
        this.settle(joined.data);
        for (const p of this.state.pending) this.transmit(p);
      },
    );
  }

  /** A gap: asks for what this screen missed after the last event it applied, holding live events meanwhile. */
  private resync() {
    const attempt = ++this.attempt;
    this.syncing = true;
    this.socket.emit(
      "meeting:resync",
      { meetingId: this.meetingId, afterSeq: this.state.snapshot!.seq },
      (caught: Ack<ResyncResult>) => {
        if (attempt !== this.attempt) return;
        if (!caught.ok) return this.join();
        this.settle(
          caught.data.kind === "snapshot"
            ? caught.data.snapshot
            : caughtUp(this.state.snapshot!, caught.data.events, caught.data.seq, applyEvent),
        );
      },
    );
  }

  /** Stands on a snapshot, applies the held events that follow it, and resyncs at a gap. */
  private settle(snapshot: MeetingSnapshot) {
    const { snapshot: next, waiting, gap } = catchUp(snapshot, this.held, applyEvent);
    this.held = waiting;
    this.syncing = false;
    this.set({ snapshot: next, status: "online" });
    if (gap) this.resync();
  }

  private onDisconnect = () => this.set({ status: "offline" });

  private onEvent = (raw: unknown) => {
    const parsed = meetingEventSchema.safeParse(raw);
    if (!parsed.success || parsed.data.meetingId !== this.meetingId) return;
    this.held.push(parsed.data);
    if (!this.syncing && this.state.snapshot) this.settle(this.state.snapshot);
  };

  /**
   * The person's standing changed: the record as they may see it now replaces what they
   * had, and an answer still on its way (cut for the old standing) is not used.
   */
  private onReseated = (raw: unknown) => {
    const parsed = reseatedSchema.safeParse(raw);
    if (!parsed.success || parsed.data.meetingId !== this.meetingId) return;
    this.attempt++;
    this.held = [];
    if (!parsed.data.snapshot) {
      this.syncing = false;
      return this.set({
        snapshot: null,
        status: "offline",
        lastError: {
          name: "meeting:join",
          code: "not_found",
          reason: parsed.data.reason ?? "no_longer_follow",
          retrying: false,
        },
      });
    }
    this.settle(parsed.data.snapshot);
    for (const p of this.state.pending) this.transmit(p);
  };

  /** Asks for a fresh snapshot, e.g. after accepting the confidentiality statement. */
  refresh() {
    if (this.socket.connected) this.join();
  }
}

/**
 * The queue saved before a reload: each command is checked against the protocol again,
 * so a damaged or outdated entry is dropped rather than sent.
 */
function restorePending(saved: string, meetingId: string): PendingCommand[] {
  let entries: unknown;
  try {
    entries = JSON.parse(saved);
  } catch {
    return [];
  }
  if (!Array.isArray(entries)) return [];
  return entries.filter((entry: { opId?: unknown; name?: unknown; payload?: unknown } | null) => {
    if (typeof entry?.opId !== "string" || typeof entry.payload !== "object") return false;
    const payload = { ...entry.payload, meetingId, opId: entry.opId };
    return meetingCommandSchema.safeParse({ name: entry.name, payload }).success;
  }) as PendingCommand[];
}

const upsert = <T extends { id: string }>(list: T[], item: T | null) =>
  item ? (list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item]) : list;

/** A cut item never overwrites what this screen already knew of it. */
function agendaLine(known: AgendaItemView | undefined, line: AgendaItemView): AgendaItemView {
  return line.hidden && known && !known.hidden
    ? {
        ...known,
        position: line.position,
        plannedMinutes: line.plannedMinutes,
        status: line.status,
        section: line.section,
      }
    : line;
}

/**
 * Applies one event to a snapshot; events carry whole things, so this replaces them.
 * Exhaustive over the event union: a new event type does not compile until it is applied here.
 */
export function applyEvent(s: MeetingSnapshot, e: MeetingEvent): MeetingSnapshot {
  const next: MeetingSnapshot = { ...s, seq: Math.max(s.seq, e.seq) };
  switch (e.type) {
    case "confidentiality:accepted":
      return { ...next, participants: e.data.participants };
    case "attendance:changed":
      return { ...next, participants: e.data.participants, hands: e.data.hands ?? next.hands };
    case "meeting:started": {
      // Starting marks those already in the room present: the list comes with it.
      const { participants, ...meeting } = e.data;
      return { ...next, participants, meeting: { ...next.meeting, ...meeting } };
    }
    case "meeting:ended":
    case "item:opened":
    case "timer:started":
    case "timer:paused":
      return { ...next, meeting: { ...next.meeting, ...e.data } };
    case "item:completed": {
      const line = e.data.item;
      return {
        ...next,
        agenda: next.agenda.map((i) =>
          i.id === line.id ? (line.hidden && !i.hidden ? { ...i, status: line.status } : line) : i,
        ),
      };
    }
    case "agenda:changed":
      return {
        ...next,
        agenda: e.data.agenda.map((line) =>
          agendaLine(
            s.agenda.find((k) => k.id === line.id),
            line,
          ),
        ),
      };
    case "signal:graded":
      // The grade shows in the item's detail, which the screen fetches again on every event.
      return next;
    case "decision:recorded":
    case "record:corrected":
      return { ...next, decisions: upsert(next.decisions, e.data.decision) };
    case "view:given":
      // A view on a closure shows in the item's detail (the closure), fetched again.
      return e.data.on === "decision" ? { ...next, decisions: upsert(next.decisions, e.data.decision) } : next;
    case "task:added":
      return {
        ...next,
        tasks: upsert(next.tasks, e.data.task),
        proposals: upsert(next.proposals, e.data.proposal),
      };
    case "task:proposed":
      return { ...next, proposals: upsert(next.proposals, e.data.proposal) };
    case "action:reviewed": {
      const action = e.data.action;
      return { ...next, actions: next.actions.map((a) => (a.taskId === action.taskId ? action : a)) };
    }
    case "update:confirmed": {
      // The update itself shows in the item's detail, fetched again; the actions it settled here.
      const settled = new Map(e.data.actions.map((a) => [a.taskId, a]));
      return { ...next, actions: next.actions.map((a) => settled.get(a.taskId) ?? a) };
    }
    case "round:changed":
      return { ...next, round: e.data.round };
    case "hands:changed":
      return { ...next, hands: e.data.hands };
    default:
      return noApplyDecided(e);
  }
}

function noApplyDecided(e: never): never {
  throw new Error(`No way to apply meeting event ${(e as { type: string }).type}`);
}
