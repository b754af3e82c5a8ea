import { createConnection } from "node:net";
import { defineConfig, type TestProjectConfiguration } from "vitest/config";

// Issue 17 rule 4: the integration suite runs on SQLite and, when PostgreSQL answers (always
// under CI=true, where .ci/run starts it), once more on PostgreSQL: each test server gets
// a database of its own (test/support/server.ts, CASETABLE_TEST_DIALECT).

/**
 * Integration files that check SQLite's file itself (bytes on disk, the write-ahead log, a
 * second connection, its faults), so they run on SQLite only. What else they read goes
 * through `sqliteOf`; a file leaves this list when its checks have a PostgreSQL form.
 */
const SQLITE_ONLY = {
  "auditWithoutContent.test.ts": "greps the database file for what must not be in it",
  "backupChecks.test.ts": "backups copy SQLite's file",
  "backupRestore.test.ts": "backup and restore are SQLite's tools",
  "badStart.test.ts": "damaged and foreign SQLite files",
  "cliLanguages.test.ts": "runs the commands on the server's SQLite file",
  "diskFull.test.ts": "a full disk under SQLite's file",
  "identitiesAtRest.test.ts": "greps the SQLite file and its log for identities",
  "intake.test.ts": "greps the SQLite file and its log",
  "logLeaks.test.ts": "greps the SQLite file and reads it directly",
  "powerCut.test.ts": "SQLite's fsync, cut by strace",
  "socketLimits.test.ts": "the SQLite file's size",
  "storageFaults.test.ts": "SQLite's busy and read-only faults",
  "dbCopy.test.ts": "copies between the two dialects itself",
};

/** Whether PostgreSQL answers on this machine's port, as test/support/dialects.ts expects it. */
function postgresAnswers(): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: "127.0.0.1", port: 5432, timeout: 1000 });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(false));
  });
}

/** SQLite for every test; the integration suite once more on PostgreSQL when it answers. */
const projects: TestProjectConfiguration[] = [
  { extends: true, test: { name: "sqlite", include: ["test/**/*.test.ts"] } },
];
if (process.env.CI === "true" || (await postgresAnswers()))
  projects.push({
    extends: true,
    test: {
      name: "integration on postgresql",
      include: ["test/integration/**/*.test.ts"],
      exclude: Object.keys(SQLITE_ONLY).map((file) => `test/integration/${file}`),
      env: { CASETABLE_TEST_DIALECT: "postgresql" },
    },
  });

export default defineConfig({
  test: {
    globalSetup: ["test/support/globalSetup.ts"],
    // Browser tests drive several Chromium pages; on a loaded two-core machine they can take over 30 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A screen follows the server within a second when idle; under a full suite on two cores
    // it can take several. Polls wait for the state, so a long limit costs nothing when it passes.
    expect: { poll: { timeout: 10_000 } },
    // Two cores: files in two workers; browser tests share one Chromium per file.
    maxWorkers: 2,
    projects,
  },
});
