// `npm run restore -- IN`: restores a backup into the configured, empty data folder.
import { databasePath } from "../../db/client.ts";
import { describeCause } from "../../db/startChecks.ts";
import { dialectOf } from "../../db/store.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { restoreBackup, RestoreRefused } from "./restore.ts";

const t = wordsIn(languageOfEnvironment(), "cli");
const archive = process.argv[2];
if (!archive || process.argv.length > 3) {
  console.error(t("restore.usage"));
  process.exit(2);
}
try {
  const config = loadConfig();
  // Into SQLite's file: PostgreSQL is restored by its own tools.
  if (dialectOf(config.databaseUrl) === "postgresql") throw new ConfigError(t("restore.postgresql"));
  const restored = await restoreBackup(archive, {
    databasePath: databasePath(config.databaseUrl),
    archiveDir: config.archiveDir,
    outboxDir: config.mail.outboxDir,
  });
  console.log(
    t("restore.restored", {
      createdAt: restored.manifest.createdAt,
      files: restored.files,
      entries: restored.auditEntries,
      versions: restored.minutesVersions,
    }),
  );
} catch (error) {
  const known = error instanceof RestoreRefused || error instanceof ConfigError;
  console.error(
    known
      ? t("restore.refused", { reason: (error as Error).message })
      : t("restore.failed", { cause: describeCause(error) }),
  );
  process.exit(1);
}
