import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationStream } from "pino";
import { startCasetable, type RunningCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";
import { createLog } from "../../server/log.ts";

export interface TestServer extends RunningCasetable {
  dir: string;
  databaseFile: string;
  stop(): Promise<void>;
}

/** Where a test server's log goes unless a test reads it: written (so logging runs) and dropped. */
const dropped: DestinationStream = { write() {} };

/** A real Casetable on port 0 with its own SQLite file in a temporary folder. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { logTo?: DestinationStream } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "casetable-test-"));
  const databaseFile = join(dir, "casetable.db");
  // Mail and the minutes archive stay inside the test's own folder unless a test says otherwise.
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseFile,
    OUTBOX_DIR: join(dir, "outbox"),
    ARCHIVE_DIR: join(dir, "archive"),
    ...env,
  });
  const running = await startCasetable(config, { log: createLog(config.logLevel, options.logTo ?? dropped) });
  return {
    ...running,
    dir,
    databaseFile,
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
