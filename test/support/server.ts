import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationStream } from "pino";
import { databasePath, type DatabaseHandle } from "../../db/client.ts";
import { dialectOf, type Dialect } from "../../db/store.ts";
import { startCasetable, type RunningCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";
import { createLog } from "../../server/log.ts";
import type { Services } from "../../server/services.ts";
import { newPostgresDatabase } from "./dialects.ts";

/**
 * The database the test servers run on: a PostgreSQL database of their own under
 * CASETABLE_TEST_DIALECT=postgresql (issue 17 rule 4), else a SQLite file in their folder.
 */
export const serverDialect: Dialect = process.env.CASETABLE_TEST_DIALECT === "postgresql" ? "postgresql" : "sqlite";

/** A test server's database: DATABASE_URL, and how to remove it after the test. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestServer extends RunningCasetable {
  dir: string;
  /** The SQLite file in `dir`, or the server's own PostgreSQL database. */
  testDatabase: TestDatabase;
  /** The SQLite file, for a test that reads it byte by byte; such a test runs on SQLite only. */
  readonly databaseFile: string;
  /** Stops it and removes its folder and its PostgreSQL database. */
  stop(): Promise<void>;
}

/** Where a test server's log goes unless a test reads it: written (so logging runs) and dropped. */
export const dropped: DestinationStream = { write() {} };

/**
 * The configuration of a server whose data lives in `dir`: the database (a SQLite file
 * there unless `databaseUrl` names PostgreSQL), the key file, mail and the minutes archive.
 */
export function dataIn(dir: string, databaseUrl = join(dir, "casetable.db")): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    // Beside a SQLite file by default; PostgreSQL has no "beside": it is named, in the folder.
    ...(dialectOf(databaseUrl) === "postgresql" ? { CASETABLE_KEY_FILE: join(dir, "casetable.key") } : {}),
    OUTBOX_DIR: join(dir, "outbox"),
    ARCHIVE_DIR: join(dir, "archive"),
  };
}

/** SQLite's handle, for a test that reads the file directly (synchronously): such a test runs on SQLite only. */
export function sqliteOf(services: Pick<Services, "database">): DatabaseHandle {
  const { sqlite } = services.database;
  if (!sqlite)
    throw new Error(
      "This test reads SQLite's file directly, so it runs on SQLite only (services.database.store reads either).",
    );
  return sqlite;
}

/**
 * A test server's database: on PostgreSQL a fresh one, or the one it had when started again;
 * on SQLite the file in `dir`, wherever the folder was moved.
 */
async function databaseOf(dir: string, again: TestDatabase | undefined): Promise<TestDatabase> {
  if (serverDialect === "postgresql") return again ?? newPostgresDatabase();
  return { url: join(dir, "casetable.db"), drop: async () => {} };
}

/**
 * A real Casetable on port 0 with its own database and folder (or on `dir` and `database`
 * again, to start once more on the same data).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { logTo?: DestinationStream; dir?: string; database?: TestDatabase } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "casetable-test-"));
  const database = await databaseOf(dir, options.database);
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", ...dataIn(dir, database.url), ...env });
  let running: RunningCasetable;
  try {
    running = await startCasetable(config, { log: createLog(config.logLevel, options.logTo ?? dropped) });
  } catch (error) {
    if (!options.database) await database.drop();
    throw error;
  }
  return {
    ...running,
    dir,
    testDatabase: database,
    get databaseFile() {
      if (dialectOf(config.databaseUrl) === "postgresql")
        throw new Error("This test reads SQLite's file byte by byte, so it runs on SQLite only.");
      return databasePath(config.databaseUrl);
    },
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}
