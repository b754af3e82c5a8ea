import { and, asc, count, eq, gt, inArray, min } from "drizzle-orm";
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

/** A loaded document and which stored rows it holds: ids only grow (AUTOINCREMENT), so newer rows are after `lastId`. */
interface Cached {
  ydoc: Y.Doc;
  rows: number;
  /** The document's oldest row when it was read: gone means compacted or erased, maybe by another node. */
  firstId: number | null;
  lastId: number;
  /** The encoded size, grown by each row applied since. */
  bytes: number;
}

/**
 * Notes documents kept as the Yjs updates that made them. The database is the truth;
 * the cache only saves re-reading it. Other nodes store updates too (decision 0045), so
 * the cached copy catches up with the rows stored since it was read before it is used,
 * and is read afresh when its oldest row has gone (a compaction or an erasure).
 */
export function createNoteStore(db: Db, options: NoteStoreOptions = {}) {
  const cacheSize = options.cacheSize ?? 100;
  const compactAfter = options.compactAfter ?? 200;
  // Map order is insertion order: re-inserting on use makes the first key the least recent.
  const cache = new Map<string, Cached>();

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

  function load(doc: string): Cached {
    const { ydoc, rows } = readFromDb(doc);
    const bytes = Y.encodeStateAsUpdate(ydoc).byteLength;
    return { ydoc, rows: rows.length, firstId: rows[0]?.id ?? null, lastId: rows.at(-1)?.id ?? 0, bytes };
  }

  /** The cached copy with every row stored since it was read, by this node or another. */
  function current(doc: string, cached: Cached): Cached {
    const oldest = db
      .select({ id: min(noteUpdates.id) })
      .from(noteUpdates)
      .where(eq(noteUpdates.doc, doc))
      .get()?.id;
    if ((oldest ?? null) !== cached.firstId) {
      cached.ydoc.destroy();
      return load(doc);
    }
    const newer = db
      .select({ id: noteUpdates.id, update: noteUpdates.update })
      .from(noteUpdates)
      .where(and(eq(noteUpdates.doc, doc), gt(noteUpdates.id, cached.lastId)))
      .orderBy(asc(noteUpdates.id))
      .all();
    if (!newer.length) return cached;
    cached.ydoc.transact(() => newer.forEach((r) => Y.applyUpdate(cached.ydoc, r.update)));
    cached.rows += newer.length;
    cached.lastId = newer.at(-1)!.id;
    cached.bytes += newer.reduce((sum, r) => sum + r.update.byteLength, 0);
    return cached;
  }

  function entry(doc: string) {
    let found = cache.get(doc);
    if (found) {
      cache.delete(doc);
      found = current(doc, found);
    } else {
      found = load(doc);
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

    /** The document's size in bytes, as stored updates: it hardly shrinks until a compaction (Yjs keeps tombstones). */
    size(doc: string): number {
      return entry(doc).bytes;
    },

    /**
     * Validates, stores and applies one update. `alsoInTransaction` runs inside the same
     * database transaction (e.g. an audit entry), so both land or neither.
     */
    apply(doc: string, update: Uint8Array, alsoInTransaction?: (tx: Tx) => void): void {
      checkUpdate(update);
      const cached = entry(doc);
      db.transaction((tx) => {
        tx.insert(noteUpdates)
          .values({ doc, update: Buffer.from(update), at: new Date() })
          .run();
        alsoInTransaction?.(tx);
        if (cached.rows + 1 > compactAfter) compact(doc, tx);
      });
      // The update joins the cached copy with any stored meanwhile; after a compaction it is read afresh.
      cache.set(doc, current(doc, cached));
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
