import { asc, count, getTableColumns, getTableName, is, sql, type Column } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as pgTables from "./schema-pg/index.ts";
import type { Query, Store } from "./store.ts";

// A whole Casetable database copied into another, SQLite or PostgreSQL (issue 17 rule 6,
// decision 0043). Generic over the twin tables: what is a table, in which order, and which
// ids need their sequence moved on are read from the schema, not listed here.

/** The copy cannot start: the message says why; nothing was changed. */
export class CopyRefused extends Error {
  constructor(
    readonly reason: "notEmpty",
    readonly values: Record<string, string | number>,
  ) {
    super(`${reason}: ${JSON.stringify(values)}`);
  }
}

interface TableInfo {
  /** The export name, the same in both schemas and in store.t. */
  key: keyof typeof pgTables;
  name: string;
  /** The columns that order its rows for reading in batches: the primary key, else all. */
  orderBy: string[];
  /** Columns PostgreSQL numbers from a sequence (identity). */
  identities: string[];
  columnCount: number;
}

/**
 * Every table, parents before the tables that reference them, so that each row's
 * references exist when it is inserted (PostgreSQL checks at once).
 */
export function tablesInCopyOrder(): TableInfo[] {
  const all = Object.entries(pgTables)
    .filter(([, table]) => is(table, PgTable))
    .map(([key, table]) => ({ key: key as keyof typeof pgTables, config: getTableConfig(table as PgTable) }));
  const byName = new Map(all.map((t) => [t.config.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`the tables reference each other: ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    const { key, config } = byName.get(name)!;
    for (const fk of config.foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) visit(parent, [...path, name]);
    }
    state.set(name, "done");
    const keyColumns = [
      ...config.columns.filter((c) => c.primary).map((c) => c.name),
      ...config.primaryKeys.flatMap((k) => k.columns.map((c) => c.name)),
    ];
    ordered.push({
      key,
      name,
      orderBy: keyColumns.length > 0 ? keyColumns : config.columns.map((c) => c.name),
      identities: config.columns.filter((c) => c.generatedIdentity).map((c) => c.name),
      columnCount: config.columns.length,
    });
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return ordered;
}

type AnyTable = PgTable;
const tableOf = (store: Store, info: TableInfo) => store.t[info.key] as unknown as AnyTable;

/** The table's columns by their name in the database. */
function columnsByName(table: AnyTable): Map<string, Column> {
  return new Map(Object.values(getTableColumns(table)).map((c: Column) => [c.name, c]));
}

async function countRows(q: Query, table: AnyTable): Promise<number> {
  const [row] = await q.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/** The first table of `store` that holds a row, or null when it holds none. */
async function firstFilledTable(store: Store): Promise<string | null> {
  for (const info of tablesInCopyOrder()) {
    if ((await countRows(store.db, tableOf(store, info))) > 0) return info.name;
  }
  return null;
}

export interface CopyResult {
  tables: { table: string; rows: number }[];
  rows: number;
}

/**
 * Copies every row of `source` into `target`, which must be migrated and empty: one read
 * transaction on the source (a consistent picture), one write transaction on the target
 * (all or nothing), rows in batches, ids as they are. Before the target commits, its row
 * counts are compared with the source's, table by table; PostgreSQL's identity sequences
 * are moved past the copied ids.
 */
export async function copyDatabase(
  source: Store,
  target: Store,
  onTable?: (table: string, rows: number) => void,
): Promise<CopyResult> {
  const filled = await firstFilledTable(target);
  if (filled) throw new CopyRefused("notEmpty", { table: filled });
  const tables = tablesInCopyOrder();
  const copied: CopyResult["tables"] = [];
  await source.transaction(async (from) => {
    if (source.dialect === "postgresql") await from.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    await target.transaction(async (to) => {
      for (const info of tables) {
        const read = tableOf(source, info);
        const write = tableOf(target, info);
        const order = columnsByName(read);
        // Under both drivers' limits on the values of one statement.
        const batch = Math.max(1, Math.min(500, Math.floor(10_000 / info.columnCount)));
        let rows = 0;
        for (;;) {
          const page = await from
            .select()
            .from(read)
            .orderBy(...info.orderBy.map((name) => asc(order.get(name)!)))
            .limit(batch)
            .offset(rows);
          if (page.length > 0) await to.insert(write).values(page);
          rows += page.length;
          if (page.length < batch) break;
        }
        const inTarget = await countRows(to, write);
        if (inTarget !== rows) throw new Error(`${info.name}: ${rows} rows read, ${inTarget} in the target`);
        if (target.dialect === "postgresql") {
          for (const column of info.identities) {
            await to.execute(
              sql`SELECT setval(pg_get_serial_sequence(${`"${info.name}"`}, ${column}), max(${sql.identifier(column)})) FROM ${sql.identifier(info.name)} HAVING count(*) > 0`,
            );
          }
        }
        copied.push({ table: info.name, rows });
        onTable?.(info.name, rows);
      }
    });
  });
  return { tables: copied, rows: copied.reduce((sum, t) => sum + t.rows, 0) };
}

/** Row counts of every table, for the check after the copy. */
export async function rowCounts(store: Store): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const info of tablesInCopyOrder()) counts.set(info.name, await countRows(store.db, tableOf(store, info)));
  return counts;
}
