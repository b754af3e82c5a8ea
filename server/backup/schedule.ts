import { join } from "node:path";
import type { DatabaseHandle } from "../../db/client.ts";
import { describeCause } from "../../db/startChecks.ts";
import { createBackup } from "./backup.ts";

/**
 * Backups every `everyMs` into `dir` (BACKUP_DIR, BACKUP_EVERY), named by their time, from
 * the server's own connection. Old backups are kept: how many to keep and where to copy
 * them is the operator's choice. A failure is reported and tried again next time.
 */
export function scheduleBackups(database: DatabaseHandle, options: { dir: string; everyMs: number; archiveDir: string; outboxDir: string }) {
  let running: Promise<void> | null = null;
  const once = () => {
    running ??= (async () => {
      const out = join(options.dir, `casetable-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`);
      try {
        await createBackup({ sqlite: database.sqlite, archiveDir: options.archiveDir, outboxDir: options.outboxDir }, out);
        console.log(`Scheduled backup written to ${out}`);
      } catch (error) {
        console.error(`Scheduled backup to ${out} failed: ${describeCause(error)}`);
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
