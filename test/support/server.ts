import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCasetable, type RunningCasetable } from "../../server/casetable.ts";
import { loadConfig } from "../../server/config.ts";

export interface TestServer extends RunningCasetable {
  dir: string;
  databaseFile: string;
  stop(): Promise<void>;
}

/** A real Casetable on port 0 with its own SQLite file in a temporary folder. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "casetable-test-"));
  const databaseFile = join(dir, "casetable.db");
  // Mail and the minutes archive stay inside the test's own folder unless a test says otherwise.
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseFile, OUTBOX_DIR: join(dir, "outbox"), ARCHIVE_DIR: join(dir, "archive"), ...env });
  const running = await startCasetable(config);
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
