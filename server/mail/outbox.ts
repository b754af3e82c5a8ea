import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { DeliveryState } from "../../db/schema/index.ts";
import type { Query, Store, Tables } from "../../db/store.ts";

// The outbox: every mail Casetable sends is a row of `deliveries`, written pending in the
// same transaction as what it announces and then moved through its states by the mail
// worker. A row is claimed (pending → sending) by one conditional update before anything
// is sent, so two workers, on one node or two, or a double click, never send it twice. A
// claim is a lease the sending worker renews; only an expired claim, or one this node left
// before it restarted, is taken back (decision 0045): never one a live node is sending.

export type DeliveryRow = Tables["deliveries"]["$inferSelect"];
export type NewDelivery = Pick<DeliveryRow, "kind" | "recipientPersonId" | "email"> &
  Partial<Pick<DeliveryRow, "meetingId" | "minutesVersionId">> & { payload?: object };
export type DeliveryChange = { id: string; meetingId: string | null; state: DeliveryState };

/** A worker that claims deliveries: one life of one node's mail worker. */
export interface Claimant {
  /** Unique to this life of the worker. */
  id: string;
  /** The node's name (NODE_NAME), the same across its restarts; null when it has none. */
  node: string | null;
}

/**
 * Which claims a starting worker knows are dead besides the expired ones: every claim when
 * its node runs alone (no other node could hold one), else those of its node's earlier
 * lives (same name, another worker).
 */
export type EarlierLives = "alone" | Claimant;

/** How long a claim holds unless renewed: far beyond a renewal interval, so a busy node keeps its claims. */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** After the nth failed attempt, the wait before the next automatic one; none after the last. */
export const DEFAULT_BACKOFF_SECONDS = [60, 300, 900, 3600];

const pendingRow = (r: NewDelivery) => ({
  ...r,
  id: randomUUID(),
  payload: r.payload ?? {},
  state: "pending" as const,
});

export function createOutbox(store: Store, options: { backoffSeconds?: number[]; leaseMs?: number } = {}) {
  const { t } = store;
  const backoff = options.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const listeners = new Set<(change: DeliveryChange) => void>();
  const changed = (rows: Pick<DeliveryRow, "id" | "meetingId" | "state">[]) => {
    for (const row of rows)
      for (const listener of listeners) listener({ id: row.id, meetingId: row.meetingId, state: row.state });
  };
  const get = async (id: string): Promise<DeliveryRow | undefined> =>
    (await store.db.select().from(t.deliveries).where(eq(t.deliveries.id, id)))[0];

  /** Moves one row from one of `from` to `to` in `tx`, only if it is still there (a conditional update). */
  async function moveIn(
    tx: Query,
    id: string,
    from: DeliveryState[],
    set: Partial<DeliveryRow> & { state: DeliveryState },
    also?: SQL,
  ): Promise<DeliveryRow | null> {
    const [moved] = await tx
      .update(t.deliveries)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(t.deliveries.id, id), inArray(t.deliveries.state, from), also))
      .returning();
    return moved ?? null;
  }

  /** `moveIn` as a transaction of its own; tells listeners once it has committed. */
  async function move(
    id: string,
    from: DeliveryState[],
    set: Partial<DeliveryRow> & { state: DeliveryState },
    also?: SQL,
  ): Promise<DeliveryRow | null> {
    const moved = await store.transaction((tx) => moveIn(tx, id, from, set, also));
    if (moved) changed([moved]);
    return moved;
  }

  return {
    get,
    /** How long a claim holds unless renewed. */
    leaseMs,

    /**
     * Writes pending deliveries within the caller's transaction; listeners hear of them once
     * it commits (`announce`).
     */
    async enqueue(tx: Query, rows: NewDelivery[]): Promise<DeliveryRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(t.deliveries).values(rows.map(pendingRow)).returning();
    },

    /** Tells listeners of rows written by `enqueue` (call after the transaction committed). */
    announce: (rows: DeliveryRow[]) => changed(rows),

    /**
     * Claims the next due delivery for `worker`. The claim is one conditional update (still
     * due, still in the state it was read in): of two workers that read the same row, on one
     * node or two, one changes it and the other changes nothing and looks again.
     */
    async claimNext(worker: Claimant, at = new Date()): Promise<DeliveryRow | null> {
      const d = t.deliveries;
      const due = or(
        and(eq(d.state, "pending"), or(isNull(d.nextAttemptAt), lte(d.nextAttemptAt, at))),
        and(eq(d.state, "failed"), isNotNull(d.nextAttemptAt), lte(d.nextAttemptAt, at)),
      );
      for (;;) {
        const [next] = await store.db
          .select({ id: d.id, state: d.state })
          .from(d)
          .where(due)
          .orderBy(asc(d.createdAt), asc(d.id))
          .limit(1);
        if (!next) return null;
        const claimed = await move(
          next.id,
          [next.state],
          {
            state: "sending",
            claimedBy: worker.id,
            claimedAt: at,
            claimedNode: worker.node,
            leaseUntil: new Date(at.getTime() + leaseMs),
            dataSentAt: null,
            attempts: sql`${d.attempts} + 1` as unknown as number,
          },
          due,
        );
        if (claimed) return claimed;
      }
    },

    /**
     * Extends the claims `worker` still holds on `ids`; returns those it holds. One it no
     * longer holds was taken back after its lease ran out: the worker must not send it.
     */
    async renew(ids: string[], worker: string, at = new Date()): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const d = t.deliveries;
      const held = await store.transaction((tx) =>
        tx
          .update(d)
          .set({ leaseUntil: new Date(at.getTime() + leaseMs) })
          .where(and(inArray(d.id, ids), eq(d.state, "sending"), eq(d.claimedBy, worker)))
          .returning({ id: d.id }),
      );
      return new Set(held.map((r) => r.id));
    },

    /** The earliest planned automatic attempt, to sleep until. */
    async nextDueAt(): Promise<Date | null> {
      const d = t.deliveries;
      const [row] = await store.db
        .select({ at: d.nextAttemptAt })
        .from(d)
        .where(and(inArray(d.state, ["pending", "failed"]), isNotNull(d.nextAttemptAt)))
        .orderBy(asc(d.nextAttemptAt))
        .limit(1);
      return row?.at ?? null;
    },

    /** The whole message is with the mail server: from now on, a lost answer means `unknown`. */
    async handedOver(id: string, worker: string) {
      const d = t.deliveries;
      await store.transaction((tx) =>
        tx
          .update(d)
          .set({ dataSentAt: new Date() })
          .where(and(eq(d.id, id), eq(d.state, "sending"), eq(d.claimedBy, worker))),
      );
    },

    /** Records the message as composed (once, before the first send). */
    async composed(id: string, sha256: string) {
      await store.transaction((tx) => tx.update(t.deliveries).set({ sha256 }).where(eq(t.deliveries.id, id)));
    },

    /** Records the end of an attempt by the worker that claimed it. */
    async finish(
      id: string,
      worker: string,
      outcome: { state: "sent" } | { state: "failed" | "refused" | "unknown"; reason: string },
    ): Promise<DeliveryRow | null> {
      const mine = eq(t.deliveries.claimedBy, worker);
      if (outcome.state === "sent")
        return move(id, ["sending"], { state: "sent", reason: null, sentAt: new Date(), nextAttemptAt: null }, mine);
      if (outcome.state !== "failed")
        return move(id, ["sending"], { state: outcome.state, reason: outcome.reason, nextAttemptAt: null }, mine);
      const row = await get(id);
      const wait = row ? backoff[row.attempts - 1] : undefined;
      return move(
        id,
        ["sending"],
        {
          state: "failed",
          reason: outcome.reason,
          nextAttemptAt: wait === undefined ? null : new Date(Date.now() + wait * 1000),
        },
        mine,
      );
    },

    /**
     * Takes back deliveries left `sending` by a worker that is gone: those whose lease ran
     * out (a node died or hangs), and at a worker's start those of `earlier` (see
     * EarlierLives); never one a live worker holds. Each is pending again if its message had
     * not all gone out, `unknown` if it had (the mail server may have it; only a person
     * decides to send it again). One conditional update each way: two nodes taking back at
     * once take each delivery once, and a worker renewing or finishing meanwhile keeps it.
     */
    async recover(earlier?: EarlierLives, at = new Date()): Promise<{ resumed: number; unknown: number }> {
      const d = t.deliveries;
      const gone =
        earlier === "alone"
          ? undefined
          : or(
              // A claim from before leases (an older version's) counts as expired.
              isNull(d.leaseUntil),
              lte(d.leaseUntil, at),
              earlier?.node ? and(eq(d.claimedNode, earlier.node), ne(d.claimedBy, earlier.id)) : undefined,
            );
      const released = { claimedBy: null, claimedNode: null, leaseUntil: null, updatedAt: at };
      const { resumed, unknown } = await store.transaction(async (tx) => ({
        resumed: await tx
          .update(d)
          .set({ ...released, state: "pending" })
          .where(and(eq(d.state, "sending"), isNull(d.dataSentAt), gone))
          .returning(),
        unknown: await tx
          .update(d)
          .set({ ...released, state: "unknown", reason: "stopped_after_data" })
          .where(and(eq(d.state, "sending"), isNotNull(d.dataSentAt), gone))
          .returning(),
      }));
      changed([...resumed, ...unknown]);
      return { resumed: resumed.length, unknown: unknown.length };
    },

    /**
     * A person asks for a failed delivery to be tried again now, in the caller's transaction
     * (with its audit); null if it is not failed (any more). Announce the row once committed.
     */
    retry: (tx: Query, id: string) => moveIn(tx, id, ["failed"], { state: "pending", nextAttemptAt: null }),

    /** A person decides to send an `unknown` delivery again: the same message, the same Message-ID. As `retry`. */
    resend: (tx: Query, id: string) => moveIn(tx, id, ["unknown"], { state: "pending", nextAttemptAt: null }),

    /** Hears every change of state (e.g. to update the pages that show them); returns the unsubscribe. */
    onChange(listener: (change: DeliveryChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
