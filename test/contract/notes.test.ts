import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openStore } from "../../db/openStore.ts";
import type { Store } from "../../db/store.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { createLog } from "../../server/log.ts";
import { checkUpdate, createNoteStore, InvalidNoteUpdate } from "../../server/notes/noteStore.ts";
import { createNotes } from "../../server/notes/notes.ts";
import { itemNotesDoc, removeCaseContent } from "../../server/retention/caseContent.ts";
import { seedCase, seedNetworks } from "../support/caseContent.ts";
import { dialectsUnderTest, useFreshDatabase } from "../support/dialects.ts";

// The notes documents on the Store (decision 0040), the same tests on SQLite and on
// PostgreSQL: updates stored durably, in order, compacted, and read through by other nodes
// (decision 0045). Their pages: test/integration/notes.test.ts, test/e2e/notes.test.ts.

const text = (d: Y.Doc) => d.getText("t").toString();

/** One writer's change: a word appended to its own copy, as the update Yjs sends. */
function writer() {
  const ydoc = new Y.Doc();
  return (word: string) => {
    const before = Y.encodeStateVector(ydoc);
    ydoc.getText("t").insert(ydoc.getText("t").length, `${word} `);
    return Y.encodeStateAsUpdate(ydoc, before);
  };
}

const wordsOf = async (load: Promise<Y.Doc> | Uint8Array | Promise<Uint8Array>) => {
  const got = await load;
  let ydoc = got as Y.Doc;
  if (got instanceof Uint8Array) Y.applyUpdate((ydoc = new Y.Doc()), got);
  return text(ydoc).trim().split(" ").filter(Boolean).sort();
};

/** A transaction's last step that waits until released, to commit another write around it. */
function heldOpen() {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const hold = async () => {
    entered();
    await gate;
  };
  return { hold, inside, release };
}

/** Gives `write` a moment to finish, if nothing holds it up. */
const aMomentFor = (write: Promise<unknown>) =>
  Promise.race([write.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 300))]);

describe.each(await dialectsUnderTest())("notes on %s", (dialect) => {
  const database = useFreshDatabase(dialect);
  const store = () => database().store;

  /**
   * A second node: its own cache and, on PostgreSQL, its own pool. Two SQLite writers in one
   * process would block each other's event loop (BEGIN IMMEDIATE waits synchronously), so on
   * SQLite the second node shares the connection; two processes on one file are
   * test/integration/twoNodes.test.ts.
   */
  async function otherNode<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (dialect === "sqlite") return work(store());
    const other = await openStore(database().url);
    try {
      return await work(other);
    } finally {
      await other.close();
    }
  }

  it("stores updates and compacts them into one row, keeping the document identical", async () => {
    const notes = createNoteStore(store(), { compactAfter: 20 });
    const author = new Y.Doc();
    const sent: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => sent.push(u));
    for (let i = 0; i < 45; i++) author.getText("t").insert(i % 3 === 0 ? 0 : author.getText("t").length, `w${i} `);
    author.getText("t").delete(0, 4);
    for (const u of sent) await notes.apply("test:a", u);
    expect(await notes.storedRows("test:a")).toBeLessThanOrEqual(20);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, await notes.snapshot("test:a"));
    expect(text(fresh)).toBe(text(author));
    expect(text(await notes.get("test:a"))).toBe(text(author));
    await notes.compact("test:a");
    expect(await notes.storedRows("test:a")).toBe(1);
    expect(text(await notes.get("test:a"))).toBe(text(author));
    // A second store on the same database (a restart) reads the same document.
    const again = new Y.Doc();
    Y.applyUpdate(again, await createNoteStore(store()).snapshot("test:a"));
    expect(text(again)).toBe(text(author));
  });

  it("keeps the cache bounded and reloads evicted documents from the database", async () => {
    const notes = createNoteStore(store(), { cacheSize: 2 });
    for (const name of ["a", "b", "c"]) {
      const d = new Y.Doc();
      d.getText("t").insert(0, name);
      await notes.apply(`test:${name}`, Y.encodeStateAsUpdate(d));
      await notes.get(`test:${name}`);
    }
    expect(notes.cachedDocs()).toEqual(["test:b", "test:c"]);
    expect(text(await notes.get("test:a"))).toBe("a");
    expect(notes.cachedDocs()).toEqual(["test:c", "test:a"]);
  });

  it("refuses malformed updates and stores nothing", async () => {
    const notes = createNoteStore(store());
    for (const bad of [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([255, 255, 255]), new Uint8Array(0)]) {
      expect(() => checkUpdate(bad)).toThrow(InvalidNoteUpdate);
      await expect(notes.apply("test:x", bad)).rejects.toThrow(InvalidNoteUpdate);
    }
    expect(await notes.storedRows("test:x")).toBe(0);
  });

  it("an update is stored once acknowledged: a new connection reads it", async () => {
    const notes = createNoteStore(store());
    const say = writer();
    await notes.apply("test:d", say("kept"));
    expect(await otherNode((other) => wordsOf(createNoteStore(other).snapshot("test:d")))).toEqual(["kept"]);
  });

  it("two nodes appending to one document at once, compacting as they go, lose and repeat nothing", async () => {
    const doc = "test:busy";
    const a = createNoteStore(store(), { compactAfter: 5 });
    const expected: string[] = [];
    await otherNode(async (otherStore) => {
      const b = createNoteStore(otherStore, { compactAfter: 5 });
      // Each node's cache is read while the other appends: it must catch up with every row.
      await a.get(doc);
      await b.get(doc);
      const writers = Array.from({ length: 6 }, () => writer());
      const bursts = writers.map(async (say, w) => {
        const node = w % 2 ? b : a;
        for (let i = 0; i < 8; i++) {
          const word = `w${w}x${i}`;
          expected.push(word);
          await node.apply(doc, say(word));
          if (i % 3 === 0) await (w % 2 ? a : b).get(doc);
        }
      });
      let appending = true;
      const compactions = (async () => {
        while (appending) {
          await b.compact(doc);
          await a.size(doc);
        }
      })();
      await Promise.all(bursts);
      appending = false;
      await compactions;
      expected.sort();
      expect(await wordsOf(a.snapshot(doc))).toEqual(expected);
      expect(await wordsOf(a.get(doc))).toEqual(expected);
      expect(await wordsOf(b.get(doc))).toEqual(expected);
      expect(await a.storedRows(doc)).toBeLessThanOrEqual(6);
    });
    // Each writer's words stay in the order it typed them.
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, await a.snapshot(doc));
    const typed = text(ydoc).trim().split(" ");
    for (let w = 0; w < 6; w++) {
      const own = typed.filter((word) => word.startsWith(`w${w}x`));
      expect(own).toEqual(Array.from({ length: 8 }, (_, i) => `w${w}x${i}`));
    }
  });

  it("a node that has read a later update still gets an earlier one committed after it", async () => {
    const doc = "test:ordered";
    const a = createNoteStore(store());
    const [first, second] = [writer(), writer()];
    await a.apply(doc, first("zero"));
    await otherNode(async (otherStore) => {
      const b = createNoteStore(otherStore);
      expect(await wordsOf(b.get(doc))).toEqual(["zero"]);
      // "one" takes its row first and commits last; "two" comes meanwhile.
      const slow = heldOpen();
      const one = a.apply(doc, first("one"), slow.hold);
      await slow.inside;
      const two = a.apply(doc, second("two"));
      await aMomentFor(two);
      await b.get(doc);
      slow.release();
      await Promise.all([one, two]);
      expect(await wordsOf(b.get(doc))).toEqual(["one", "two", "zero"]);
    });
  });

  it("an erasure while a compaction is under way leaves no row behind", async () => {
    const seeded = await seedNetworks(store());
    const { case: caseId, item } = await seedCase(store(), seeded, {
      code: "C-1",
      stage: "closed",
      endedAt: new Date("2020-01-06T10:00:00Z"),
    });
    const doc = itemNotesDoc(item);
    await store().transaction(async (tx) => {
      await tx.delete(store().t.noteUpdates).where(eq(store().t.noteUpdates.doc, doc));
    });
    const notes = createNoteStore(store(), { compactAfter: 1 });
    const say = writer();
    await notes.apply(doc, say("said"));
    // The second update compacts, and waits before its commit; the erasure comes meanwhile.
    const slow = heldOpen();
    const compacting = notes.apply(doc, say("more"), slow.hold);
    await slow.inside;
    const erasure = store().transaction((tx) => removeCaseContent(tx, store(), caseId, new Date()));
    await aMomentFor(erasure);
    slow.release();
    await Promise.all([compacting, erasure]);
    expect(await notes.storedRows(doc)).toBe(0);
    expect(await wordsOf(notes.get(doc))).toEqual([]);
  });

  it("a node's cached copy follows another node's compaction and erasure", async () => {
    const doc = "test:followed";
    const a = createNoteStore(store());
    const say = writer();
    await a.apply(doc, say("one"));
    await otherNode(async (otherStore) => {
      const b = createNoteStore(otherStore);
      expect(await wordsOf(b.get(doc))).toEqual(["one"]);
      await a.apply(doc, say("two"));
      await a.compact(doc);
      await a.apply(doc, say("three"));
      expect(await wordsOf(b.get(doc))).toEqual(["one", "three", "two"]);
      await store().transaction(async (tx) => {
        await tx.delete(store().t.noteUpdates);
      });
      expect(await wordsOf(b.get(doc))).toEqual([]);
      expect(await b.size(doc)).toBeLessThan(10);
    });
  });

  describe("edits", () => {
    const log = createLog("silent");

    function notesOn(s: Store) {
      const notes = createNotes({ store: s, audit: createAuditChain(s), log });
      notes.registerNotesAccess("test", () => true, { networkOf: () => null });
      return notes;
    }

    const actor = () => ({ personId: randomUUID(), ip: "192.0.2.1" });

    it("audits the first edit of each person through the chain, also when they write at once on two nodes", async () => {
      const here = notesOn(store());
      const people = Array.from({ length: 6 }, actor);
      await otherNode(async (otherStore) => {
        const there = notesOn(otherStore);
        await Promise.all(
          people.flatMap((person, p) => {
            const say = writer();
            return [0, 1, 2].map((i) => (p % 2 ? there : here).edit(person, "test:audited", say(`p${p}x${i}`)));
          }),
        );
      });
      const chain = createAuditChain(store());
      expect(await chain.verify()).toMatchObject({ intact: true, rows: 6 });
      const entries = await store().db.select().from(store().t.auditLog);
      expect(entries.map((e) => e.actorId).sort()).toEqual(people.map((p) => p.personId).sort());
      expect(entries.every((e) => e.action === "notes.edited" && e.subjectId === "test:audited")).toBe(true);
      expect(await wordsOf(here.store.snapshot("test:audited"))).toHaveLength(18);
    });

    it("a refused update changes nothing and audits nothing; the next one is audited", async () => {
      const notes = notesOn(store());
      const person = actor();
      await expect(notes.edit(person, "test:refused", new Uint8Array([1, 2, 3]))).rejects.toThrow(InvalidNoteUpdate);
      expect(await notes.store.storedRows("test:refused")).toBe(0);
      expect(await store().db.select().from(store().t.auditLog)).toHaveLength(0);
      await notes.edit(person, "test:refused", writer()("fine"));
      expect(await store().db.select().from(store().t.auditLog)).toHaveLength(1);
      expect(await notes.store.storedRows("test:refused")).toBe(1);
    });
  });
});
