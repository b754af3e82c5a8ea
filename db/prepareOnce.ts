import type { Query, Tables } from "./store.ts";

const prepared = new WeakMap<object, Map<(handle: never) => unknown, unknown>>();

/**
 * The queries `build` prepares (drizzle's `.prepare()`, values as `sql.placeholder`), made
 * once per connection and reused. drizzle otherwise builds every query's SQL text anew,
 * a quarter of a live command's time (docs/performance.md, "Live room"). `handle` is a
 * database or a transaction on it: a transaction runs on its database's connection, so
 * the same statements serve both. `build` is a module's constant, the key of its queries.
 *
 * The connection is better-sqlite3's, or on the Store a PostgreSQL pool or pooled client:
 * there `.prepare(name)` makes a named statement, which pg parses once per connection, so
 * a name is given to one query text only. Awaited, a prepared query's `execute` gives the
 * rows (a select, or a change `returning`) or the changed rows (`store.changedRows`).
 *
 * A prepared insert takes no column defaults at run time (drizzle fills `$defaultFn`
 * once, when it prepares): every timestamp is passed as a placeholder.
 */
export function prepareOnce<H extends object, T>(handle: H, build: (handle: H) => T): T {
  const client = (handle as { session?: { client?: object } }).session?.client;
  if (!client) throw new Error("prepareOnce needs a drizzle database or transaction.");
  let mine = prepared.get(client);
  if (!mine) prepared.set(client, (mine = new Map()));
  let queries = mine.get(build) as T | undefined;
  if (queries === undefined) mine.set(build, (queries = build(handle)));
  return queries;
}

/**
 * `prepareOnce` for queries written against the Store's tables: `build` gets the tables of
 * the connection's dialect (`store.t`) and a connection, and its queries are prepared once
 * per connection, as above.
 */
export function preparedQueries<T>(build: (t: Tables, db: Query) => T): (t: Tables, db: Query) => T {
  const perTables = new WeakMap<Tables, (db: Query) => T>();
  return (t, db) => {
    let ofTables = perTables.get(t);
    if (!ofTables) perTables.set(t, (ofTables = (handle) => build(t, handle)));
    return prepareOnce(db, ofTables);
  };
}
