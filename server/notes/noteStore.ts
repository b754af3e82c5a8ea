import { and, asc, count, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../../db/client.ts";
import { noteUpdates } from "../../db/schema/index.ts";

export interface NoteStoreOptions {
  /** How many documents stay loaded in memory; the least recently used go first. */
  cacheSize?: number;
  /** More stored updates than this and the document's rows are merged into one. */
  compactAfter?: number;
}

export class InvalidNoteUpdate extends Error {}

/** Throws InvalidNoteUpdate unless the bytes are a Yjs update that applies cleanly. */
export function checkUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
    Y.applyUpdate(new Y.Doc(), update);
  } catch (error) {
    throw new InvalidNoteUpdate(`Not a Yjs update: ${(error as Error).message}`);
  }
}

type Tx = Pick<Db, "select" | "insert" | "delete">;

/**
 * Notes documents kept as the Yjs updates that made them. The database is the truth;
 * the cache only saves re-reading it. Every accepted update is stored before it is
 * applied to the cached copy, so the two never differ.
 */
export function createNoteStore(db: Db, options: NoteStoreOptions = {}) {
  const cacheSize = options.cacheSize ?? 100;
  const compactAfter = options.compactAfter ?? 200;
  // Map order is insertion order: re-inserting on use makes the first key the least recent.
  const cache = new Map<string, { ydoc: Y.Doc; rows: number }>();

  function readFromDb(doc: string, tx: Pick<Db, "select"> = db) {
    const rows = tx
      .select({ id: noteUpdates.id, update: noteUpdates.update })
      .from(noteUpdates)
      .where(eq(noteUpdates.doc, doc))
      .orderBy(asc(noteUpdates.id))
      .all();
    const ydoc = new Y.Doc();
    // One transaction: observers (none here) and encoding see the result, not each step.
    ydoc.transact(() => rows.forEach((r) => Y.applyUpdate(ydoc, r.update)));
    return { ydoc, rows };
  }

  function entry(doc: string) {
    let found = cache.get(doc);
    if (found) {
      cache.delete(doc);
    } else {
      const { ydoc, rows } = readFromDb(doc);
      found = { ydoc, rows: rows.length };
      while (cache.size >= cacheSize) {
        const oldest = cache.keys().next().value!;
        cache.get(oldest)!.ydoc.destroy();
        cache.delete(oldest);
      }
    }
    cache.set(doc, found);
    return found;
  }

  /**
   * Merges a document's stored rows into one. Only the rows read here are deleted, so
   * an update stored meanwhile (by another node) survives. Deleted text is garbage-
   * collected in the merge: removed notes do not linger in the database.
   */
  function compact(doc: string, tx: Tx): number {
    const { ydoc, rows } = readFromDb(doc, tx);
    if (rows.length < 2) return rows.length;
    const merged = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    tx.delete(noteUpdates)
      .where(
        and(
          eq(noteUpdates.doc, doc),
          inArray(
            noteUpdates.id,
            rows.map((r) => r.id),
          ),
        ),
      )
      .run();
    tx.insert(noteUpdates)
      .values({ doc, update: Buffer.from(merged), at: new Date() })
      .run();
    return tx.select({ n: count() }).from(noteUpdates).where(eq(noteUpdates.doc, doc)).get()!.n;
  }

  return {
    /** Drops a cached copy whose rows were removed (a case's content erased), so it is read afresh. */
    forget(doc: string): void {
      cache.get(doc)?.ydoc.destroy();
      cache.delete(doc);
    },

    /** The live document; callers must not change it (use `apply`). */
    get(doc: string): Y.Doc {
      return entry(doc).ydoc;
    },

    /**
     * Validates, stores and applies one update. `alsoInTransaction` runs inside the same
     * database transaction (e.g. an audit entry), so both land or neither.
     */
    apply(doc: string, update: Uint8Array, alsoInTransaction?: (tx: Tx) => void): void {
      checkUpdate(update);
      const cached = entry(doc);
      const rows = db.transaction((tx) => {
        tx.insert(noteUpdates)
          .values({ doc, update: Buffer.from(update), at: new Date() })
          .run();
        alsoInTransaction?.(tx);
        return cached.rows + 1 > compactAfter ? compact(doc, tx) : cached.rows + 1;
      });
      cached.rows = rows;
      Y.applyUpdate(cached.ydoc, update);
    },

    /** The whole document as one update, read fresh from the database. */
    snapshot(doc: string): Uint8Array {
      const { ydoc } = readFromDb(doc);
      const update = Y.encodeStateAsUpdate(ydoc);
      ydoc.destroy();
      return update;
    },

    storedRows(doc: string): number {
      return db.select({ n: count() }).from(noteUpdates).where(eq(noteUpdates.doc, doc)).get()!.n;
    },

    compact(doc: string): void {
      const rows = db.transaction((tx) => compact(doc, tx));
      const cached = cache.get(doc);
      if (cached) cached.rows = rows;
    },

    cachedDocs(): string[] {
      return [...cache.keys()];
    },
  };
}
