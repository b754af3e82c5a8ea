import { and, asc, count, eq, gt, inArray, min } from "drizzle-orm";
import * as Y from "yjs";
import type { Query, Store } from "../../db/store.ts";

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

/**
 * The lock every write of a document's rows takes first (decision 0040): appends,
 * compactions and erasures of one document run one at a time across nodes, so its row ids
 * grow in commit order (a reader that has seen id n has seen every row below it), and a
 * compaction never writes back rows an erasure removed meanwhile.
 */
export const notesLock = (doc: string) => `notes:${doc}`;

/** A loaded document and which stored rows it holds: a document's ids grow in commit order, so newer rows are after `lastId`. */
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
export function createNoteStore(store: Store, options: NoteStoreOptions = {}) {
  const { t } = store;
  const cacheSize = options.cacheSize ?? 100;
  const compactAfter = options.compactAfter ?? 200;
  // Map order is insertion order: re-inserting on use makes the first key the least recent.
  const cache = new Map<string, Cached>();
  // The cache's work on a document, one at a time on this node: two catch-ups at once would
  // apply (and count) the same rows twice.
  const queues = new Map<string, Promise<unknown>>();

  function serially<T>(doc: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(doc) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => {});
    queues.set(doc, settled);
    void settled.then(() => {
      if (queues.get(doc) === settled) queues.delete(doc);
    });
    return run;
  }

  async function readRows(doc: string, q: Query = store.db) {
    const rows = await q
      .select({ id: t.noteUpdates.id, update: t.noteUpdates.update })
      .from(t.noteUpdates)
      .where(eq(t.noteUpdates.doc, doc))
      .orderBy(asc(t.noteUpdates.id));
    const ydoc = new Y.Doc();
    // One transaction: observers (none here) and encoding see the result, not each step.
    ydoc.transact(() => rows.forEach((r) => Y.applyUpdate(ydoc, r.update)));
    return { ydoc, rows };
  }

  async function load(doc: string): Promise<Cached> {
    const { ydoc, rows } = await readRows(doc);
    const bytes = Y.encodeStateAsUpdate(ydoc).byteLength;
    return { ydoc, rows: rows.length, firstId: rows[0]?.id ?? null, lastId: rows.at(-1)?.id ?? 0, bytes };
  }

  /** The cached copy with every row stored since it was read, by this node or another. */
  async function current(doc: string, cached: Cached): Promise<Cached> {
    // Newer rows first, then the oldest: a compaction or erasure committed before the
    // first read has also moved the oldest row by the second, so its rows are never
    // applied on top of the copy.
    const newer = await store.db
      .select({ id: t.noteUpdates.id, update: t.noteUpdates.update })
      .from(t.noteUpdates)
      .where(and(eq(t.noteUpdates.doc, doc), gt(t.noteUpdates.id, cached.lastId)))
      .orderBy(asc(t.noteUpdates.id));
    const [oldest] = await store.db
      .select({ id: min(t.noteUpdates.id) })
      .from(t.noteUpdates)
      .where(eq(t.noteUpdates.doc, doc));
    if ((oldest?.id ?? null) !== cached.firstId) return load(doc);
    if (!newer.length) return cached;
    cached.ydoc.transact(() => newer.forEach((r) => Y.applyUpdate(cached.ydoc, r.update)));
    cached.rows += newer.length;
    cached.lastId = newer.at(-1)!.id;
    cached.bytes += newer.reduce((sum, r) => sum + r.update.byteLength, 0);
    return cached;
  }

  function entry(doc: string): Promise<Cached> {
    return serially(doc, async () => {
      const found = cache.get(doc);
      const fresh = found ? await current(doc, found) : await load(doc);
      cache.delete(doc);
      cache.set(doc, fresh);
      for (const oldest of cache.keys()) {
        if (cache.size <= cacheSize) break;
        cache.delete(oldest);
      }
      return fresh;
    });
  }

  /**
   * Merges a document's stored rows into one, in `tx` under the document's lock. Deleted
   * text is garbage-collected in the merge: removed notes do not linger in the database.
   */
  async function compactIn(tx: Query, doc: string): Promise<void> {
    const { ydoc, rows } = await readRows(doc, tx);
    if (rows.length < 2) return;
    const merged = Y.encodeStateAsUpdate(ydoc);
    await tx.delete(t.noteUpdates).where(
      and(
        eq(t.noteUpdates.doc, doc),
        inArray(
          t.noteUpdates.id,
          rows.map((r) => r.id),
        ),
      ),
    );
    await tx.insert(t.noteUpdates).values({ doc, update: Buffer.from(merged), at: new Date() });
  }

  async function storedRows(doc: string, q: Query = store.db): Promise<number> {
    const [row] = await q.select({ n: count() }).from(t.noteUpdates).where(eq(t.noteUpdates.doc, doc));
    return row?.n ?? 0;
  }

  return {
    /**
     * Drops a cached copy whose rows were removed (a case's content erased), so it is read
     * afresh. A copy a catch-up puts back meanwhile is read afresh at its next use anyway,
     * its oldest row being gone.
     */
    forget(doc: string): void {
      cache.delete(doc);
    },

    /** The live document, current with every stored row; callers must not change it (use `apply`). */
    async get(doc: string): Promise<Y.Doc> {
      return (await entry(doc)).ydoc;
    },

    /** The document's size in bytes, as stored updates: it hardly shrinks until a compaction (Yjs keeps tombstones). */
    async size(doc: string): Promise<number> {
      return (await entry(doc)).bytes;
    },

    /**
     * Validates and stores one update; resolves once it is durable. `alsoInTransaction`
     * runs last in the same database transaction (an audit entry, the chain's lock being
     * taken last), so both land or neither.
     */
    async apply(doc: string, update: Uint8Array, alsoInTransaction?: (tx: Query) => Promise<void>): Promise<void> {
      checkUpdate(update);
      await store.transaction(async (tx) => {
        await store.lock(tx, notesLock(doc));
        await tx.insert(t.noteUpdates).values({ doc, update: Buffer.from(update), at: new Date() });
        if ((await storedRows(doc, tx)) > compactAfter) await compactIn(tx, doc);
        await alsoInTransaction?.(tx);
      });
    },

    /** The whole document as one update, read fresh from the database. */
    async snapshot(doc: string): Promise<Uint8Array> {
      const { ydoc } = await readRows(doc);
      return Y.encodeStateAsUpdate(ydoc);
    },

    storedRows(doc: string): Promise<number> {
      return storedRows(doc);
    },

    async compact(doc: string): Promise<void> {
      await store.transaction(async (tx) => {
        await store.lock(tx, notesLock(doc));
        await compactIn(tx, doc);
      });
    },

    cachedDocs(): string[] {
      return [...cache.keys()];
    },
  };
}
