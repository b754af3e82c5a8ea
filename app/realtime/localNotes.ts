import { IndexeddbPersistence } from "y-indexeddb";
import type * as Y from "yjs";

// Notes kept in the browser (IndexedDB, y-indexeddb) besides the server: what was typed
// offline survives a reload or a closed tab, and merges when the connection returns.
// One store per person and document; every store is removed on signing out.

const PREFIX = "casetable-notes:";

export function keepLocally(personId: string, doc: string, ydoc: Y.Doc): { destroy(): Promise<void> } {
  if (typeof indexedDB === "undefined") return { destroy: async () => {} };
  return new IndexeddbPersistence(`${PREFIX}${personId}:${doc}`, ydoc);
}

/** Removes every notes store of this browser (on signing out). */
export async function forgetLocalNotes(): Promise<void> {
  if (typeof indexedDB === "undefined" || !indexedDB.databases) return;
  const all = await indexedDB.databases();
  await Promise.all(
    all
      .filter((d) => d.name?.startsWith(PREFIX))
      .map(
        (d) =>
          new Promise<void>((done) => {
            const r = indexedDB.deleteDatabase(d.name!);
            r.onsuccess = r.onerror = r.onblocked = () => done();
          }),
      ),
  );
}
