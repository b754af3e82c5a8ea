import type Database from "better-sqlite3";

const prepared = new WeakMap<Database.Database, Map<(handle: never) => unknown, unknown>>();

/**
 * The queries `build` prepares (drizzle's `.prepare()`, values as `sql.placeholder`), made
 * once per connection and reused. drizzle otherwise builds every query's SQL text anew,
 * a quarter of a live command's time (docs/performance.md, "Live room"). `handle` is the
 * database or a transaction on it: a transaction runs on its database's connection, so
 * the same statements serve both. `build` is a module's constant, the key of its queries.
 *
 * A prepared insert takes no column defaults at run time (drizzle fills `$defaultFn`
 * once, when it prepares): every timestamp is passed as a placeholder.
 */
export function prepareOnce<H extends object, T>(handle: H, build: (handle: H) => T): T {
  const client = (handle as { session?: { client?: Database.Database } }).session?.client;
  if (!client) throw new Error("prepareOnce needs a drizzle better-sqlite3 database or transaction.");
  let mine = prepared.get(client);
  if (!mine) prepared.set(client, (mine = new Map()));
  let queries = mine.get(build) as T | undefined;
  if (queries === undefined) mine.set(build, (queries = build(handle)));
  return queries;
}
