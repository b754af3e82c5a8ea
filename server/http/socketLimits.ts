import { refused, type Refused } from "../../app/contract/protocol.ts";

/**
 * How much one screen and one person may send over the live connection in ten seconds.
 * A person's budget covers all their screens; a screen's, that one. Notes changes are
 * counted in kilobytes, everything else in messages. Generous for a person typing or
 * chairing fast; a script flooding the server is refused after a few seconds' worth.
 */
export const SOCKET_LIMITS = {
  windowMs: 10_000,
  /** Meeting commands, joins and look-ups: messages (LIVE_COMMAND_LIMIT sets the screen's). */
  command: { perSocket: 50, perPerson: 100 },
  /** Notes changes: kilobytes. */
  notes: { perSocket: 2048, perPerson: 4096 },
  /** Cursors and names in notes (relayed, never stored): messages. */
  cursor: { perSocket: 200, perPerson: 400 },
} as const;

/** Raised by socket.io itself, not sent by the client. */
const SOCKET_OWN_EVENTS = new Set(["disconnect", "disconnecting", "error"]);
export const sentByClient = (event: string) => !SOCKET_OWN_EVENTS.has(event);

type Kind = "command" | "notes" | "cursor";

const kindOf = (event: string): Kind =>
  event === "notes:update" ? "notes" : event === "notes:awareness" ? "cursor" : "command";

/** Kilobytes of the binary `update` a notes change carries (at least one). */
function costOf(kind: Kind, payload: unknown): number {
  if (kind !== "notes") return 1;
  const update = (payload as { update?: unknown } | null)?.update;
  const bytes = update instanceof Uint8Array || update instanceof ArrayBuffer ? update.byteLength : 0;
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** A fixed window per key. Synchronous on purpose: a socket's messages keep their order. */
class Windows {
  private readonly used = new Map<string, { start: number; spent: number }>();
  take(key: string, cost: number, budget: number, now: number): boolean {
    let w = this.used.get(key);
    if (!w || now - w.start >= SOCKET_LIMITS.windowMs) this.used.set(key, (w = { start: now, spent: 0 }));
    if (w.spent + cost > budget) return false;
    w.spent += cost;
    return true;
  }
  forget(key: string) {
    this.used.delete(key);
  }
}

export function createSocketLimits(commandsPerScreen: number = SOCKET_LIMITS.command.perSocket, now = Date.now) {
  const windows = new Windows();
  const budgets = {
    ...SOCKET_LIMITS,
    command: { perSocket: commandsPerScreen, perPerson: 2 * commandsPerScreen },
  };
  return {
    /** Null when the message may go through; otherwise the refusal to answer with. */
    admit(socketId: string, personId: string, event: string, payload: unknown): Refused | null {
      const kind = kindOf(event);
      const cost = costOf(kind, payload);
      const budget = budgets[kind];
      const t = now();
      // The person's budget is only spent when the screen's allows it.
      const admitted =
        windows.take(`s:${socketId}:${kind}`, cost, budget.perSocket, t) &&
        windows.take(`p:${personId}:${kind}`, cost, budget.perPerson, t);
      if (admitted) return null;
      return refused("rate_limited", kind === "notes" ? "notes_rate_limited" : "rate_limited");
    },
    /** A closed screen's counts go with it. */
    forgetSocket(socketId: string) {
      for (const kind of ["command", "notes", "cursor"] as const) windows.forget(`s:${socketId}:${kind}`);
    },
  };
}
