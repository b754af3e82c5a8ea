import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createAwarenessRelay,
  decodeAwareness,
  encodeAwareness,
  MalformedAwareness,
} from "../../server/notes/awarenessRelay.ts";
import { NOTE_UPDATE_MAX_BYTES, notesUpdateSchema } from "../../app/contract/protocol.ts";

describe("notes protocol", () => {
  it("the protocol tells an oversized update from a malformed one", () => {
    const big = notesUpdateSchema.safeParse({ doc: "test:x", update: new Uint8Array(NOTE_UPDATE_MAX_BYTES + 1) });
    expect(big.success).toBe(false);
    expect(big.error!.issues[0].message).toMatch(/^too_large/);
    expect(notesUpdateSchema.safeParse({ doc: "test:x", update: new Uint8Array(NOTE_UPDATE_MAX_BYTES) }).success).toBe(
      true,
    );
    expect(notesUpdateSchema.safeParse({ doc: "no-colon", update: new Uint8Array(2) }).success).toBe(false);
    expect(notesUpdateSchema.safeParse({ doc: "test:x", update: [0, 0] }).success).toBe(false);
  });
});

describe("awareness relay", () => {
  it("reads y-protocols' encoding and writes it back identically", () => {
    const a = new Awareness(new Y.Doc());
    a.setLocalState({ user: { name: "Zoë", color: "c2" }, cursor: null });
    const bytes = encodeAwarenessUpdate(a, [a.clientID]);
    expect(encodeAwareness(decodeAwareness(bytes))).toEqual(bytes);
    expect(() => decodeAwareness(new Uint8Array([1, 5]))).toThrow(MalformedAwareness);
    a.destroy();
  });

  it("puts the real name on a cursor and lets no one touch somebody else's", () => {
    const relay = createAwarenessRelay();
    const mine = new Awareness(new Y.Doc());
    mine.setLocalState({ user: { name: "Impostor", color: "not-a-colour" }, extra: "x".repeat(10) });
    const out = relay.receive("test:a", "socket-1", "Real Name", encodeAwarenessUpdate(mine, [mine.clientID]))!;
    const seen = new Awareness(new Y.Doc());
    applyAwarenessUpdate(seen, out, "server");
    expect(seen.getStates().get(mine.clientID)).toEqual({ user: { name: "Real Name", color: "c0" }, cursor: null });
    // Another socket claiming the same client id is ignored.
    expect(relay.receive("test:a", "socket-2", "Other", encodeAwarenessUpdate(mine, [mine.clientID]))).toBeNull();
    // Leaving removes the cursor for everyone.
    applyAwarenessUpdate(seen, relay.drop("test:a", "socket-1")!, "server");
    expect(seen.getStates().has(mine.clientID)).toBe(false);
    expect(decodeAwareness(relay.snapshot("test:a"))).toEqual([]);
    mine.destroy();
    seen.destroy();
  });
});
