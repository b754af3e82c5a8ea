import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import {
  createAwarenessRelay,
  decodeAwareness,
  encodeAwareness,
  MalformedAwareness,
} from "../../server/notes/awarenessRelay.ts";
import { checkUpdate, createNoteStore, InvalidNoteUpdate } from "../../server/notes/noteStore.ts";
import { NOTE_UPDATE_MAX_BYTES, notesUpdateSchema } from "../../app/contract/protocol.ts";

let dir: string;
let database: DatabaseHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "casetable-notes-"));
  database = openDatabase(join(dir, "notes.db"));
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const text = (d: Y.Doc) => d.getText("t").toString();

describe("note store", () => {
  it("stores updates and compacts them into one row, keeping the document identical", () => {
    const store = createNoteStore(database.db, { compactAfter: 20 });
    const author = new Y.Doc();
    author.on("update", (u: Uint8Array) => store.apply("test:a", u));
    for (let i = 0; i < 45; i++) author.getText("t").insert(i % 3 === 0 ? 0 : author.getText("t").length, `w${i} `);
    author.getText("t").delete(0, 4);
    expect(store.storedRows("test:a")).toBeLessThanOrEqual(20);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, store.snapshot("test:a"));
    expect(text(fresh)).toBe(text(author));
    expect(text(store.get("test:a"))).toBe(text(author));
    store.compact("test:a");
    expect(store.storedRows("test:a")).toBe(1);
    // A second store on the same file (a restart) reads the same document.
    const again = new Y.Doc();
    Y.applyUpdate(again, createNoteStore(database.db).snapshot("test:a"));
    expect(text(again)).toBe(text(author));
  });

  it("keeps the cache bounded and reloads evicted documents from the database", () => {
    const store = createNoteStore(database.db, { cacheSize: 2 });
    for (const name of ["a", "b", "c"]) {
      const d = new Y.Doc();
      d.getText("t").insert(0, name);
      store.apply(`test:${name}`, Y.encodeStateAsUpdate(d));
    }
    expect(store.cachedDocs()).toEqual(["test:b", "test:c"]);
    expect(text(store.get("test:a"))).toBe("a");
  });

  it("refuses malformed updates and stores nothing", () => {
    const store = createNoteStore(database.db);
    for (const bad of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([255, 255, 255]), new Uint8Array(0)]) {
      expect(() => checkUpdate(bad)).toThrow(InvalidNoteUpdate);
      expect(() => store.apply("test:x", bad)).toThrow(InvalidNoteUpdate);
    }
    expect(store.storedRows("test:x")).toBe(0);
  });

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
