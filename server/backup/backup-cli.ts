// `npm run backup -- OUT`: a consistent backup of the configured Casetable while it runs.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, databasePath } from "../../db/client.ts";
import { checkFileBeforeOpening, describeCause } from "../../db/startChecks.ts";
import { dialectOf, type Query, type Tables } from "../../db/store.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { defaultKeyFile } from "../crypto/keyFile.ts";
import { sealedKeyIdsInUse } from "../crypto/sealedColumns.ts";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema/index.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { createBackup } from "./backup.ts";

const t = wordsIn(languageOfEnvironment(), "cli");
const out = process.argv[2];
if (!out || process.argv.length > 3) {
  console.error(t("backup.usage"));
  process.exit(2);
}
try {
  const config = loadConfig();
  // A copy of SQLite's file: PostgreSQL is backed up by its own tools.
  if (dialectOf(config.databaseUrl) === "postgresql") throw new ConfigError(t("backup.postgresql"));
  const path = databasePath(config.databaseUrl);
  if (!existsSync(path)) throw new Error(t("backup.noDatabase", { path }));
  checkFileBeforeOpening(path);
  // Its own read-only connection: the running server keeps writing meanwhile.
  const sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  const manifest = await createBackup({ sqlite, archiveDir: config.archiveDir, outboxDir: config.mail.outboxDir }, out);
  // Read as the Store reads SQLite (db/sqliteStore.ts): its tables, typed as the Store's.
  const keys = await sealedKeyIdsInUse({
    db: drizzle(sqlite) as unknown as Query,
    t: schema as unknown as Tables,
  });
  sqlite.close();
  console.log(t("backup.written", { file: out, count: manifest.files.length - 1 }));
  if (keys.length > 0)
    console.log(t("backup.sealed", { keys: keys.join(", "), keyFile: config.keyFile ?? defaultKeyFile(path) }));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : t("backup.failed", { cause: describeCause(error) }));
  process.exit(1);
}
