import { getTableName, is, Table } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Store } from "../../db/store.ts";

// The whole database as the Store sees it, on either dialect: for the tests that prove a
// request changed nothing, or that a value is gone from every table.

/** Every table of the store, by name. */
export function storeTables(store: Store): PgTable[] {
  return (Object.values(store.t) as PgTable[])
    .filter((table) => is(table, Table))
    .sort((x, y) => getTableName(x).localeCompare(getTableName(y)));
}

/**
 * Every text and every byte value of every row of every table, one after the other: what a
 * search for a value the database must (or must no longer) hold looks through. Strings are
 * taken as they are stored, not as JSON (which would escape quotes and line breaks).
 */
export async function everyStoredValue(store: Store): Promise<Buffer> {
  const parts: Buffer[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") parts.push(Buffer.from(value), Buffer.from("\n"));
    else if (value instanceof Uint8Array) parts.push(Buffer.from(value), Buffer.from("\n"));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object" && !(value instanceof Date)) Object.values(value).forEach(collect);
  };
  for (const table of storeTables(store)) collect(await store.db.select().from(table));
  return Buffer.concat(parts);
}
