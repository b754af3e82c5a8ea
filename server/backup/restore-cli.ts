// `npm run restore -- IN`: restores a backup into the configured, empty data folder.
import { databasePath } from "../../db/client.ts";
import { describeCause } from "../../db/startChecks.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { restoreBackup, RestoreRefused } from "./restore.ts";

const archive = process.argv[2];
if (!archive || process.argv.length > 3) {
  console.error("Usage: npm run restore -- IN   (IN: a .tar.gz made by npm run backup)");
  process.exit(2);
}
try {
  const config = loadConfig();
  const restored = await restoreBackup(archive, {
    databasePath: databasePath(config.databaseUrl),
    archiveDir: config.archiveDir,
    outboxDir: config.mail.outboxDir,
  });
  console.log(
    `Restored the backup of ${restored.manifest.createdAt}: ${restored.files} files match their SHA-256 sums; the database passes its integrity check; the audit log is intact (${restored.auditEntries} entries); ${restored.minutesVersions} archived minutes versions match the SHA-256 stored with them.`,
  );
} catch (error) {
  const known = error instanceof RestoreRefused || error instanceof ConfigError;
  console.error(known ? `Restore refused: ${(error as Error).message}` : `Restore failed: ${describeCause(error)}`);
  process.exit(1);
}
