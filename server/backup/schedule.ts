import { join } from "node:path";
import type { DatabaseHandle } from "../../db/client.ts";
import { describeCause } from "../../db/startChecks.ts";
import type { Log } from "../log.ts";
import { createBackup } from "./backup.ts";

/**
 * Backups every `everyMs` into `dir` (BACKUP_DIR, BACKUP_EVERY), named by their time, from
 * the server's own connection. Old backups are kept: how many to keep and where to copy
 * them is the operator's choice. A failure is reported and tried again next time.
 */
export function scheduleBackups(
  database: DatabaseHandle,
  options: { dir: string; everyMs: number; archiveDir: string; outboxDir: string },
  log: Log,
) {
  let running: Promise<void> | null = null;
  const once = () => {
    running ??= (async () => {
      const out = join(options.dir, `casetable-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`);
      try {
        await createBackup(
          { sqlite: database.sqlite, archiveDir: options.archiveDir, outboxDir: options.outboxDir },
          out,
        );
        log.info({ file: out }, "scheduled backup written");
      } catch (error) {
        log.error({ file: out, cause: describeCause(error) }, "scheduled backup failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void once(), options.everyMs);
  timer.unref();
  return {
    /** Stops the schedule and waits for a backup under way. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
