import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DestinationStream } from "pino";
import { databasePath } from "../../db/client.ts";
import { startCasetable, type RunningCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";
import { createLog } from "../../server/log.ts";

export interface TestServer extends RunningCasetable {
  dir: string;
  databaseFile: string;
  stop(): Promise<void>;
}

/** Where a test server's log goes unless a test reads it: written (so logging runs) and dropped. */
export const dropped: DestinationStream = { write() {} };

/** The configuration of a server whose data lives in `dir`: database, mail and the minutes archive stay inside it. */
export function dataIn(dir: string): Record<string, string> {
  return {
    DATABASE_URL: join(dir, "casetable.db"),
    OUTBOX_DIR: join(dir, "outbox"),
    ARCHIVE_DIR: join(dir, "archive"),
  };
}

/** A real Casetable on port 0 with its own SQLite file in a temporary folder (or in `dir`, to start again on the same data). */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { logTo?: DestinationStream; dir?: string } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "casetable-test-"));
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", ...dataIn(dir), ...env });
  const running = await startCasetable(config, { log: createLog(config.logLevel, options.logTo ?? dropped) });
  return {
    ...running,
    dir,
    databaseFile: databasePath(config.databaseUrl),
    async stop() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
