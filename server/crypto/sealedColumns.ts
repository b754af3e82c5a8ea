import { and, asc, eq, getTableName, gt, like, notLike, type Column } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.ts";
import { caseSubjects, signals } from "../../db/schema/index.ts";
import { isSealed, sealedKeyId, type Keyring } from "./keyring.ts";

// Every column that holds an identity, sealed at rest (decision 0028). A new one is added
// here: the start seals its plaintext rows, and `npm run keys:rotate` re-seals it.

interface SealedTable {
  table: SQLiteTable;
  id: SQLiteColumn;
  /** By the property name drizzle uses in `set()`. */
  columns: Record<string, SQLiteColumn>;
}

export const SEALED_TABLES: SealedTable[] = [
  {
    table: caseSubjects,
    id: caseSubjects.caseId,
    columns: {
      name: caseSubjects.name,
      dateOfBirth: caseSubjects.dateOfBirth,
      address: caseSubjects.address,
      contacts: caseSubjects.contacts,
    },
  },
  {
    table: signals,
    id: signals.id,
    columns: {
      reporterName: signals.reporterName,
      reporterOrganisation: signals.reporterOrganisation,
      reporterContact: signals.reporterContact,
    },
  },
];

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
 */
export function sealedKeyIdsInUse(db: Db, known: readonly string[] = []): string[] {
  const ids = new Set<string>();
  for (const t of SEALED_TABLES)
    for (const column of Object.values(t.columns)) {
      for (;;) {
        const skip = [...known, ...ids].map((id) => notLike(column, `enc:v1:${id}:%`));
        const row = db
          .select({ v: column })
          .from(t.table)
          .where(and(like(column, "enc:v1:%"), ...skip))
          .limit(1)
          .get() as { v: string } | undefined;
        if (!row) break;
        ids.add(sealedKeyId(row.v));
      }
    }
  return [...ids];
}

/**
 * Re-seals under the active key every value `needs` picks (plaintext at the start; values
 * of older keys in a rotation), one batch per transaction. Interrupted anywhere, every row
 * holds either its old value or its new one, and both keys are still in the key file.
 */
export function resealRows(
  db: Db,
  keyring: Keyring,
  needs: (value: string) => boolean,
  options: { batchSize?: number; afterBatch?: (sealedSoFar: number) => void } = {},
): number {
  const batchSize = options.batchSize ?? 500;
  let sealed = 0;
  for (const t of SEALED_TABLES) {
    let after = "";
    for (;;) {
      const rows = db
        .select({ id: t.id, ...t.columns })
        .from(t.table)
        .where(gt(t.id, after))
        .orderBy(asc(t.id))
        .limit(batchSize)
        .all() as Record<string, string | null>[];
      if (rows.length === 0) break;
      const changed = db.transaction((tx) => {
        let n = 0;
        for (const row of rows) {
          const id = row.id as string;
          const patch: Record<string, string> = {};
          for (const [key, column] of Object.entries(t.columns)) {
            const value = row[key];
            if (value === null || !needs(value)) continue;
            patch[key] = sealValue(keyring, column, id, openValue(keyring, column, id, value));
          }
          if (Object.keys(patch).length === 0) continue;
          tx.update(t.table)
            .set(patch as never)
            .where(eq(t.id, id))
            .run();
          n++;
        }
        return n;
      });
      sealed += changed;
      after = rows.at(-1)!.id as string;
      options.afterBatch?.(sealed);
    }
  }
  return sealed;
}
