import { openDatabase } from "./client.ts";
import { openPostgresStore } from "./postgresStore.ts";
import { dialectOf, type Store } from "./store.ts";

/**
 * The Store DATABASE_URL names (decision 0040): `postgres://…` opens PostgreSQL, a path or
 * a `file:` URL opens SQLite (the default). Either is brought up to date before it returns.
 */
export async function openStore(databaseUrl: string): Promise<Store> {
  if (dialectOf(databaseUrl) === "postgresql") return openPostgresStore(databaseUrl);
  const handle = openDatabase(databaseUrl);
  return { ...handle.store, close: async () => handle.close() };
}
