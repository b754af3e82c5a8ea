import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { preparedQueries } from "../../db/prepareOnce.ts";
import type { auditLog } from "../../db/schema/index.ts";
import type { Query, Store } from "../../db/store.ts";

export const GENESIS_HASH = "0".repeat(64);

/** Who did it and from where; the same for every entry made while serving one request. */
export interface AuditActor {
  personId: string | null;
  ip: string | null;
}

export interface AuditEntryInput {
  action: string;
  networkId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

export type AuditRow = typeof auditLog.$inferSelect;

type HashedFields = Pick<
  AuditRow,
  "at" | "actorId" | "networkId" | "action" | "subjectType" | "subjectId" | "details" | "ip" | "prevHash"
> &
  Partial<Pick<AuditRow, "ipHash">>;

/**
 * The hash covers every field of the row and the previous row's hash. Where the row has
 * the address's keyed hash, it covers that instead of the address, so that the address
 * can be cleared after its retention (decision 0029); older rows cover the address.
 */
export function hashEntry(row: HashedFields): string {
  const canonical = JSON.stringify([
    row.prevHash,
    row.at.getTime(),
    row.actorId,
    row.networkId,
    row.action,
    row.subjectType,
    row.subjectId,
    row.details,
    row.ipHash ? `hmac:${row.ipHash}` : row.ip,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export type VerifyResult =
  | { intact: true; rows: number; headId: number | null; headHash: string }
  | { intact: false; rows: number; brokenRowId: number; problem: "link" | "content"; reason: string };

/** A keyed hash for a purpose (keyring.keyedHash); without one, addresses cannot be cleared later. */
export type KeyedHash = (purpose: string, value: string) => string;

/** The entry as stored, linked to the entry before it. */
function entryRow(actor: AuditActor, entry: AuditEntryInput, prevHash: string, keyedHash?: KeyedHash) {
  const fields: HashedFields = {
    at: new Date(),
    actorId: actor.personId ?? null,
    networkId: entry.networkId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip: actor.ip ?? null,
    ipHash: actor.ip && keyedHash ? keyedHash("audit-address", actor.ip) : null,
    prevHash,
  };
  return { ...fields, hash: hashEntry(fields) };
}

const field = (name: keyof ReturnType<typeof entryRow>) => sql.placeholder(name);

/** The chain's head and a new entry, read and written at every append: prepared once (db/prepareOnce.ts). */
const chainQueries = preparedQueries((t, db) => ({
  head: db
    .select({ hash: t.auditLog.hash })
    .from(t.auditLog)
    .orderBy(desc(t.auditLog.id))
    .limit(1)
    .prepare("audit_head"),
  entry: db
    .insert(t.auditLog)
    .values({
      at: field("at"),
      actorId: field("actorId"),
      networkId: field("networkId"),
      action: field("action"),
      subjectType: field("subjectType"),
      subjectId: field("subjectId"),
      details: field("details"),
      ip: field("ip"),
      ipHash: field("ipHash"),
      prevHash: field("prevHash"),
      hash: field("hash"),
    })
    .prepare("audit_entry"),
}));

/** The name of the lock that keeps the chain one chain on PostgreSQL (decision 0040). */
export const AUDIT_CHAIN_LOCK = "casetable:audit-chain";

/**
 * The audit chain on the Store (decision 0040): appends in the caller's transaction, one at
 * a time across nodes (the chain's lock, held to the commit), and the chain's reads and
 * verification, the same on SQLite and PostgreSQL.
 */
export function createAuditChain(store: Store, keyedHash?: KeyedHash) {
  const { t } = store;
  return {
    /**
     * What an entry may carry instead of a person's text (an email typed at sign-in): a
     * keyed hash, equal for equal inputs, that shows nothing without the key file.
     */
    pseudonym(purpose: string, value: string): string | null {
      return keyedHash ? keyedHash(purpose, value) : null;
    },

    /**
     * Appends one entry in `tx`, the transaction that makes the change; make it the
     * transaction's last write, as the chain's lock is held until the commit.
     */
    async append(tx: Query, actor: AuditActor, entry: AuditEntryInput): Promise<void> {
      await store.lock(tx, AUDIT_CHAIN_LOCK);
      const q = chainQueries(t, tx);
      const [last] = await q.head.execute();
      await q.entry.execute(entryRow(actor, entry, last?.hash ?? GENESIS_HASH, keyedHash));
    },

    /**
     * What a network's admins may read: the network's own entries and the sign-in
     * entries of its members. Newest first.
     */
    async listForNetwork(
      networkId: string,
      filter: { actorId?: string; from?: Date; until?: Date; limit?: number },
    ): Promise<AuditRow[]> {
      const memberIds = store.db
        .select({ id: t.memberships.personId })
        .from(t.memberships)
        .where(eq(t.memberships.networkId, networkId));
      const conditions = [
        or(
          eq(t.auditLog.networkId, networkId),
          and(isNull(t.auditLog.networkId), inArray(t.auditLog.actorId, memberIds)),
        ),
      ];
      if (filter.actorId) conditions.push(eq(t.auditLog.actorId, filter.actorId));
      if (filter.from) conditions.push(gte(t.auditLog.at, filter.from));
      if (filter.until) conditions.push(lt(t.auditLog.at, filter.until));
      return store.db
        .select()
        .from(t.auditLog)
        .where(and(...conditions))
        .orderBy(desc(t.auditLog.id))
        .limit(filter.limit ?? 200);
    },

    /** The hash of entry `id`, or null when there is none (a checkpoint's head). */
    async hashOf(id: number): Promise<string | null> {
      const [row] = await store.db
        .select({ hash: t.auditLog.hash })
        .from(t.auditLog)
        .where(eq(t.auditLog.id, id))
        .limit(1);
      return row?.hash ?? null;
    },

    /** Walks the whole chain in order; the first row whose links do not hold is reported. */
    async verify(): Promise<VerifyResult> {
      let prevHash = GENESIS_HASH;
      let rows = 0;
      const pageSize = 1000;
      let afterId = 0;
      for (;;) {
        const page = await store.db
          .select()
          .from(t.auditLog)
          .where(gt(t.auditLog.id, afterId))
          .orderBy(asc(t.auditLog.id))
          .limit(pageSize);
        for (const row of page) {
          rows++;
          if (row.prevHash !== prevHash) {
            return {
              intact: false,
              rows,
              brokenRowId: row.id,
              problem: "link",
              reason: "its link to the previous entry does not match: an entry before it was changed or removed",
            };
          }
          if (hashEntry(row) !== row.hash) {
            return {
              intact: false,
              rows,
              brokenRowId: row.id,
              problem: "content",
              reason: "its content does not match its hash: it was changed",
            };
          }
          prevHash = row.hash;
          afterId = row.id;
        }
        if (page.length < pageSize) return { intact: true, rows, headId: afterId || null, headHash: prevHash };
      }
    },
  };
}

export type AuditChain = ReturnType<typeof createAuditChain>;
