import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach } from "vitest";
import { openPostgresStore } from "../../db/postgresStore.ts";
import { openStore } from "../../db/openStore.ts";
import type { Dialect, Store } from "../../db/store.ts";

// The contract suites run the same tests on SQLite and on PostgreSQL (decision 0040). Each
// test gets a fresh database: a new SQLite file, or a new PostgreSQL database copied from a
// migrated template, dropped afterwards.

/** The PostgreSQL server the suites use; this project's machines run it with trust auth. */
const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The dialects to run: both when PostgreSQL answers; SQLite alone, loudly, when it does
 * not; under CI=true an unreachable PostgreSQL fails the run instead.
 */
export async function dialectsUnderTest(): Promise<Dialect[]> {
  if (await reachable()) return ["sqlite", "postgresql"];
  const why = `PostgreSQL is not reachable at ${POSTGRES_TEST_URL}`;
  if (process.env.CI === "true") throw new Error(`${why}; under CI the contract suites need it (.ci/run starts it).`);
  console.warn(
    `\n!!! ${why}: the contract suites run on SQLite ONLY. Start it with\n!!!   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n`,
  );
  return ["sqlite"];
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database (not migrated), and how to drop it. */
export async function newPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `casetable_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(POSTGRES_TEST_URL, name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** A migrated PostgreSQL database per test file, which each test's database copies. */
let template: Promise<string> | null = null;
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `casetable_template_${process.pid}_${randomBytes(4).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    await (await openPostgresStore(withDatabase(POSTGRES_TEST_URL, name))).close();
    return name;
  })();
  return template;
}

/**
 * A fresh, migrated database of `dialect` for each test of the enclosing describe, closed
 * and removed after it. Returns the current test's store.
 */
export function useFreshStore(dialect: Dialect): () => Store {
  const database = useFreshDatabase(dialect);
  return () => database().store;
}

/**
 * As useFreshStore, with the database's URL too, for what opens it on its own (a command,
 * a raw connection).
 */
export function useFreshDatabase(dialect: Dialect): () => { store: Store; url: string } {
  let current: { store: Store; url: string } | null = null;
  let drop: (() => Promise<void>) | null = null;
  beforeEach(async () => {
    if (dialect === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "casetable-store-"));
      const url = join(dir, "casetable.db");
      current = { store: await openStore(url), url };
      drop = async () => rmSync(dir, { recursive: true, force: true });
      return;
    }
    const from = await migratedTemplate();
    const name = `casetable_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${from}`));
    const url = withDatabase(POSTGRES_TEST_URL, name);
    current = { store: await openStore(url), url };
    drop = () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  });
  afterEach(async () => {
    await current?.store.close();
    await drop?.();
    current = null;
    drop = null;
  });
  afterAll(async () => {
    if (!template) return;
    const name = await template;
    template = null;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return () => {
    if (!current) throw new Error("the store exists only inside a test");
    return current;
  };
}
