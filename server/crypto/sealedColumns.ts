import { and, asc, eq, getTableName, gt, like, notLike, type Column } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Query, Store, Tables } from "../../db/store.ts";
import { isSealed, sealedKeyId, type Keyring } from "./keyring.ts";

// Every column that holds an identity, sealed at rest (decision 0028). A new one is added
// here: the start seals its plaintext rows, and `npm run keys:rotate` re-seals it.

interface SealedTable {
  table: PgTable;
  id: PgColumn;
  /** By the property name drizzle uses in `set()`. */
  columns: Record<string, PgColumn>;
}

/** The sealed tables among the Store's (the same names on both dialects). */
export function sealedTablesOf(t: Tables): SealedTable[] {
  return [
    {
      table: t.caseSubjects,
      id: t.caseSubjects.caseId,
      columns: {
        name: t.caseSubjects.name,
        dateOfBirth: t.caseSubjects.dateOfBirth,
        address: t.caseSubjects.address,
        contacts: t.caseSubjects.contacts,
      },
    },
    {
      table: t.signals,
      id: t.signals.id,
      columns: {
        reporterName: t.signals.reporterName,
        reporterOrganisation: t.signals.reporterOrganisation,
        reporterContact: t.signals.reporterContact,
      },
    },
    // Not an identity, but as secret: with it anyone can make the person's sign-in codes (decision 0027).
    { table: t.totpFactors, id: t.totpFactors.personId, columns: { secret: t.totpFactors.secret } },
  ];
}

/** What a sealed value is bound to: its table, column and row. */
export function contextOf(column: Column, rowId: string): string {
  return `${getTableName(column.table)}.${column.name}:${rowId}`;
}

export function sealValue(keyring: Keyring, column: Column, rowId: string, value: string): string;
export function sealValue(keyring: Keyring, column: Column, rowId: string, value: string | null): string | null;
export function sealValue(keyring: Keyring, column: Column, rowId: string, value: string | null): string | null {
  return value === null ? null : keyring.seal(value, contextOf(column, rowId));
}

export function openValue(keyring: Keyring, column: Column, rowId: string, value: string): string;
export function openValue(keyring: Keyring, column: Column, rowId: string, value: string | null): string | null;
export function openValue(keyring: Keyring, column: Column, rowId: string, value: string | null): string | null {
  if (value === null) return null;
  // A row written before sealing existed and not yet sealed (the start seals them all).
  if (!isSealed(value)) return value;
  return keyring.open(value, contextOf(column, rowId));
}

/**
 * Key ids that sealed values in the database name, other than those `known` (one look per
 * column and key id found: enough to refuse a wrong key file, or to see a rotation unfinished).
 * Takes any reader of the Store's tables: the backup reads its own read-only connection.
 */
export async function sealedKeyIdsInUse(
  store: Pick<Store, "db" | "t">,
  known: readonly string[] = [],
): Promise<string[]> {
  const ids = new Set<string>();
  for (const t of sealedTablesOf(store.t))
    for (const column of Object.values(t.columns)) {
      for (;;) {
        const skip = [...known, ...ids].map((id) => notLike(column, `enc:v1:${id}:%`));
        const [row] = (await store.db
          .select({ v: column })
          .from(t.table)
          .where(and(like(column, "enc:v1:%"), ...skip))
          .limit(1)) as { v: string }[];
        if (!row) break;
        ids.add(sealedKeyId(row.v));
      }
    }
  return [...ids];
}

/**
 * Re-seals under the active key every value `needs` picks (plaintext at the start; values
 * of older keys in a rotation), one batch of rows per transaction. Interrupted anywhere,
 * every row holds either its old value or its new one, and both keys are still in the key
 * file. A row changed by the running server meanwhile (sealed under the active key already,
 * as the server follows the key file) keeps that change: a value is replaced only where it
 * is still the one that was read.
 */
export async function resealRows(
  store: Store,
  keyring: Keyring,
  needs: (value: string) => boolean,
  options: { batchSize?: number; afterBatch?: (sealedSoFar: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let sealed = 0;
  for (const t of sealedTablesOf(store.t)) {
    let after = "";
    for (;;) {
      const batch = await store.transaction(async (tx) => {
        const rows = (await tx
          .select({ id: t.id, ...t.columns })
          .from(t.table)
          .where(gt(t.id, after))
          .orderBy(asc(t.id))
          .limit(batchSize)) as Record<string, string | null>[];
        let changed = 0;
        for (const row of rows) changed += await resealRow(tx, store, t, row, keyring, needs);
        return { last: rows.at(-1)?.id ?? null, changed };
      });
      if (batch.last === null) break;
      sealed += batch.changed;
      after = batch.last;
      options.afterBatch?.(sealed);
    }
  }
  return sealed;
}

/** 1 when the row's values `needs` picks were re-sealed, 0 when none needed it or the row changed meanwhile. */
async function resealRow(
  tx: Query,
  store: Store,
  t: SealedTable,
  row: Record<string, string | null>,
  keyring: Keyring,
  needs: (value: string) => boolean,
): Promise<number> {
  const id = row.id as string;
  const patch: Record<string, string> = {};
  const unchanged = [eq(t.id, id)];
  for (const [key, column] of Object.entries(t.columns)) {
    const value = row[key];
    if (value === null || !needs(value)) continue;
    patch[key] = sealValue(keyring, column, id, openValue(keyring, column, id, value));
    unchanged.push(eq(column, value));
  }
  if (Object.keys(patch).length === 0) return 0;
  return store.changedRows(
    await tx
      .update(t.table)
      .set(patch as never)
      .where(and(...unchanged)),
  );
}
