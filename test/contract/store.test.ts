import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// What every converted service relies on, on both dialects (decision 0040).

const person = (name: string) => ({ id: randomUUID(), email: `${name}@example.org`, name, passwordHash: "x" });

async function addNetwork(store: Store) {
  const id = randomUUID();
  await store.transaction((tx) => tx.insert(store.t.networks).values({ id, name: "Riverside" }));
  return id;
}

describe.each(await dialectsUnderTest())("the store on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("commits a transaction's writes together, and a failed one leaves nothing", async () => {
    const { t } = store();
    const ada = person("ada");
    await store().transaction(async (tx) => {
      await tx.insert(t.persons).values(ada);
      await tx.update(t.persons).set({ name: "Ada L." }).where(eq(t.persons.id, ada.id));
    });
    await expect(
      store().transaction(async (tx) => {
        await tx.insert(t.persons).values(person("bob"));
        throw new Error("refused halfway");
      }),
    ).rejects.toThrow("refused halfway");
    const rows = await store().db.select({ name: t.persons.name }).from(t.persons);
    expect(rows).toEqual([{ name: "Ada L." }]);
  });

  it("reads outside a transaction see only what is committed", async () => {
    const { t } = store();
    let seenInside: number | null = null;
    await store().transaction(async (tx) => {
      await tx.insert(t.persons).values(person("carla"));
      seenInside = (await store().db.select().from(t.persons)).length;
    });
    expect(seenInside).toBe(0);
    expect(await store().db.select().from(t.persons)).toHaveLength(1);
  });

  it("a read sees one snapshot: a commit between two of its reads shows in neither", async () => {
    const { t } = store();
    await store().transaction((tx) => tx.insert(t.persons).values(person("ada")));
    const count = async (q: Store["db"]) => (await q.select({ id: t.persons.id }).from(t.persons)).length;
    const seen = await store().read(async (q) => {
      const before = await count(q);
      // Another node's command, committed while the snapshot is read.
      await store().transaction((tx) => tx.insert(t.persons).values(person("bob")));
      const outside = await count(store().db);
      return { before, after: await count(q), outside };
    });
    // Reads outside it are not held to its snapshot, and the next read sees the commit.
    expect(seen).toEqual({ before: 1, after: 1, outside: 2 });
    expect(await store().read(count)).toBe(2);
  });

  it("a read that fails ends its transaction, and the next read is not held to it", async () => {
    const { t } = store();
    await expect(
      store().read(async (q) => {
        await q.select().from(t.persons);
        throw new Error("refused halfway");
      }),
    ).rejects.toThrow("refused halfway");
    await store().transaction((tx) => tx.insert(t.persons).values(person("carla")));
    expect(await store().read((q) => q.select({ name: t.persons.name }).from(t.persons))).toEqual([{ name: "carla" }]);
  });

  it("counts changed rows and recognises a unique violation", async () => {
    const { t } = store();
    const ada = person("ada");
    await store().transaction((tx) => tx.insert(t.persons).values(ada));
    const changed = await store().transaction((tx) =>
      tx.update(t.persons).set({ name: "A" }).where(eq(t.persons.email, ada.email)),
    );
    const unchanged = await store().transaction((tx) =>
      tx.update(t.persons).set({ name: "A" }).where(eq(t.persons.email, "nobody@example.org")),
    );
    expect([store().changedRows(changed), store().changedRows(unchanged)]).toEqual([1, 0]);
    const twice = await store()
      .transaction((tx) => tx.insert(t.persons).values({ ...person("other"), email: ada.email }))
      .catch((error: unknown) => error);
    expect(store().isUniqueViolation(twice)).toBe(true);
    expect(store().isUniqueViolation(new Error("something else"))).toBe(false);
  });

  it("keeps dates to the millisecond and booleans as booleans", async () => {
    const { t } = store();
    const at = new Date("2026-03-04T05:06:07.089Z");
    const ada = { ...person("ada"), isInstanceAdmin: true, createdAt: at };
    await store().transaction((tx) => tx.insert(t.persons).values(ada));
    const [row] = await store().db.select().from(t.persons);
    expect(row).toMatchObject({ isInstanceAdmin: true, createdAt: at, language: null });
  });

  it("numbers allocated as the highest plus one, under the lock, have no gaps or duplicates when written at once", async () => {
    const { t } = store();
    const networkId = await addNetwork(store());
    const creator = person("chair");
    await store().transaction((tx) => tx.insert(t.persons).values(creator));
    // A meeting number per network, as case codes are: read the highest, add one.
    const next = () =>
      store().transaction(async (tx) => {
        await store().lock(tx, `meeting-number:${networkId}`);
        const [{ n }] = await tx
          .select({ n: sql<number>`count(*)` })
          .from(t.meetings)
          .where(eq(t.meetings.networkId, networkId));
        const number = Number(n) + 1;
        await tx.insert(t.meetings).values({
          id: randomUUID(),
          networkId,
          title: `Meeting ${number}`,
          startsAt: new Date(),
          template: "standard",
          language: "en",
          createdBy: creator.id,
        });
        return number;
      });
    const numbers = await Promise.all(Array.from({ length: 12 }, next));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("a counter raised in its row has no gaps or duplicates when raised at once", async () => {
    const { t } = store();
    const networkId = await addNetwork(store());
    const creator = person("chair");
    const meetingId = randomUUID();
    await store().transaction(async (tx) => {
      await tx.insert(t.persons).values(creator);
      await tx.insert(t.meetings).values({
        id: meetingId,
        networkId,
        title: "M",
        startsAt: new Date(),
        template: "standard",
        language: "en",
        createdBy: creator.id,
      });
    });
    // Meeting sequence numbers: the row's own lock (PostgreSQL) or the one writer (SQLite).
    const raise = () =>
      store().transaction(async (tx) => {
        const [{ seq }] = await tx
          .update(t.meetings)
          .set({ lastSeq: sql`${t.meetings.lastSeq} + 1` })
          .where(eq(t.meetings.id, meetingId))
          .returning({ seq: t.meetings.lastSeq });
        return seq;
      });
    const seqs = await Promise.all(Array.from({ length: 12 }, raise));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});
