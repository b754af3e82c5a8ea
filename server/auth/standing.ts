import { EventEmitter } from "node:events";

/**
 * What changed about who may see what: a person's membership (role, agency, accountable
 * officer, removal, an item they are a guest of) or the agencies involved in a case.
 */
export type StandingChange =
  { kind: "person"; networkId: string; personId: string } | { kind: "case"; networkId: string; caseId: string };

/**
 * The one way a change of standing is announced: it tells the live parts (meeting room,
 * notes) to re-seat the sockets it touches (a person's, or a whole network's for a case). It is sent after the change
 * commits: better-sqlite3 transactions are synchronous, so a microtask runs after the
 * surrounding transaction, whichever service opened it. With several nodes, this is the
 * function to send over Redis.
 */
export function createStanding() {
  const emitter = new EventEmitter<{ changed: [StandingChange] }>();

  return {
    changed(change: StandingChange): void {
      queueMicrotask(() => emitter.emit("changed", change));
    },
    onChanged(listener: (change: StandingChange) => void): () => void {
      emitter.on("changed", listener);
      return () => emitter.off("changed", listener);
    },
  };
}

export type Standing = ReturnType<typeof createStanding>;
