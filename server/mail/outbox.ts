import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { DELIVERY_STATES, deliveries, type DeliveryState } from "../../db/schema/index.ts";

// The outbox: every mail Casetable sends is a row of `deliveries`, written pending in the
// same transaction as what it announces and then moved through its states by the mail
// worker. A row is claimed (pending → sending) by one conditional update before anything
// is sent, so two workers, or a double click, never send it twice.

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = Pick<DeliveryRow, "kind" | "recipientPersonId" | "email"> &
  Partial<Pick<DeliveryRow, "meetingId" | "minutesVersionId">> & { payload?: Record<string, unknown> };
export type DeliveryChange = { id: string; meetingId: string | null; state: DeliveryState };
type Tx = Pick<Db, "insert" | "update" | "select">;

/** After the nth failed attempt, the wait before the next automatic one; none after the last. */
export const DEFAULT_BACKOFF_SECONDS = [60, 300, 900, 3600];

export function createOutbox(db: Db, options: { backoffSeconds?: number[] } = {}) {
  const backoff = options.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  const listeners = new Set<(change: DeliveryChange) => void>();
  const changed = (rows: Pick<DeliveryRow, "id" | "meetingId" | "state">[]) => {
    for (const row of rows)
      for (const listener of listeners) listener({ id: row.id, meetingId: row.meetingId, state: row.state });
  };
  const get = (id: string) => db.select().from(deliveries).where(eq(deliveries.id, id)).get();

  /** Moves one row from one of `from` to `to`, only if it is still there; tells listeners. */
  function move(
    id: string,
    from: DeliveryState[],
    set: Partial<DeliveryRow> & { state: DeliveryState },
    also = sql`1 = 1`,
  ): DeliveryRow | null {
    const moved = db
      .update(deliveries)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(deliveries.id, id), inArray(deliveries.state, from), also))
      .returning()
      .get();
    if (moved) changed([moved]);
    return moved ?? null;
  }

  return {
    get,

    /** Writes pending deliveries within the caller's transaction; listeners hear of them once it commits. */
    enqueue(tx: Tx, rows: NewDelivery[]): DeliveryRow[] {
      if (rows.length === 0) return [];
      return tx
        .insert(deliveries)
        .values(
          rows.map((r) => ({
            ...r,
            id: randomUUID(),
            payload: JSON.stringify(r.payload ?? {}),
            state: "pending" as const,
          })),
        )
        .returning()
        .all();
    },

    /** Tells listeners of rows written by `enqueue` (call after the transaction committed). */
    announce: (rows: DeliveryRow[]) => changed(rows),

    /** Claims the next due delivery for `worker`: one conditional update, so no one else has it. */
    claimNext(worker: string, at = new Date()): DeliveryRow | null {
      const due = or(
        and(eq(deliveries.state, "pending"), or(isNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, at))),
        and(eq(deliveries.state, "failed"), isNotNull(deliveries.nextAttemptAt), lte(deliveries.nextAttemptAt, at)),
      );
      for (;;) {
        const next = db
          .select({ id: deliveries.id, state: deliveries.state })
          .from(deliveries)
          .where(due)
          .orderBy(asc(deliveries.createdAt), asc(deliveries.id))
          .limit(1)
          .get();
        if (!next) return null;
        const claimed = move(
          next.id,
          [next.state],
          {
            state: "sending",
            claimedBy: worker,
            claimedAt: at,
            dataSentAt: null,
            attempts: sql`${deliveries.attempts} + 1` as unknown as number,
          },
          due,
        );
        if (claimed) return claimed;
      }
    },

    /** The earliest planned automatic attempt, to sleep until. */
    nextDueAt(): Date | null {
      const row = db
        .select({ at: sql<number | null>`min(${deliveries.nextAttemptAt})` })
        .from(deliveries)
        .where(and(inArray(deliveries.state, ["pending", "failed"]), isNotNull(deliveries.nextAttemptAt)))
        .get();
      return row?.at ? new Date(row.at) : null;
    },

    /** The whole message is with the mail server: from now on, a lost answer means `unknown`. */
    handedOver(id: string, worker: string) {
      db.update(deliveries)
        .set({ dataSentAt: new Date() })
        .where(and(eq(deliveries.id, id), eq(deliveries.state, "sending"), eq(deliveries.claimedBy, worker)))
        .run();
    },

    /** Records the message as composed (once, before the first send). */
    composed(id: string, sha256: string) {
      db.update(deliveries).set({ sha256 }).where(eq(deliveries.id, id)).run();
    },

    /** Records the end of an attempt by the worker that claimed it. */
    finish(
      id: string,
      worker: string,
      outcome: { state: "sent" } | { state: "failed" | "refused" | "unknown"; reason: string },
    ): DeliveryRow | null {
      const mine = eq(deliveries.claimedBy, worker);
      if (outcome.state === "sent")
        return move(id, ["sending"], { state: "sent", reason: null, sentAt: new Date(), nextAttemptAt: null }, mine);
      if (outcome.state !== "failed")
        return move(id, ["sending"], { state: outcome.state, reason: outcome.reason, nextAttemptAt: null }, mine);
      const row = get(id);
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
     * At start, before any worker runs: a delivery left `sending` by a stopped server is
     * pending again if its message had not all gone out, `unknown` if it had (the mail
     * server may have it; only a person decides to send it again).
     */
    recover(): { resumed: number; unknown: number } {
      const now = new Date();
      const resumed = db
        .update(deliveries)
        .set({ state: "pending", claimedBy: null, updatedAt: now })
        .where(and(eq(deliveries.state, "sending"), isNull(deliveries.dataSentAt)))
        .returning()
        .all();
      const unknown = db
        .update(deliveries)
        .set({
          state: "unknown",
          reason: "stopped_after_data",
          updatedAt: now,
        })
        .where(and(eq(deliveries.state, "sending"), isNotNull(deliveries.dataSentAt)))
        .returning()
        .all();
      changed([...resumed, ...unknown]);
      return { resumed: resumed.length, unknown: unknown.length };
    },

    /** A person asks for a failed delivery to be tried again now; false if it is not failed (any more). */
    retry: (id: string) => move(id, ["failed"], { state: "pending", nextAttemptAt: null }) !== null,

    /** A person decides to send an `unknown` delivery again: the same message, the same Message-ID. */
    resend: (id: string) => move(id, ["unknown"], { state: "pending", nextAttemptAt: null }) !== null,

    /** How many deliveries are in each state (for metrics). */
    countsByState(): Record<DeliveryState, number> {
      const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      for (const r of db
        .select({ state: deliveries.state, n: sql<number>`count(*)` })
        .from(deliveries)
        .groupBy(deliveries.state)
        .all())
        counts[r.state] = r.n;
      return counts;
    },

    /** Hears every change of state (e.g. to update the pages that show them); returns the unsubscribe. */
    onChange(listener: (change: DeliveryChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
