// `npm run backup -- OUT`: a consistent backup of the configured Casetable while it runs.
import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, databasePath } from "../../db/client.ts";
import { checkFileBeforeOpening, describeCause } from "../../db/startChecks.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { defaultKeyFile } from "../crypto/keyFile.ts";
import { sealedKeyIdsInUse } from "../crypto/sealedColumns.ts";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../../db/schema/index.ts";
import { createBackup } from "./backup.ts";

const out = process.argv[2];
if (!out || process.argv.length > 3) {
  console.error("Usage: npm run backup -- OUT   (OUT: the .tar.gz file to write)");
  process.exit(2);
}
try {
  const config = loadConfig();
  const path = databasePath(config.databaseUrl);
  if (!existsSync(path)) throw new Error(`there is no database at ${path} (DATABASE_URL)`);
  checkFileBeforeOpening(path);
  // Its own read-only connection: the running server keeps writing meanwhile.
  const sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  const manifest = await createBackup({ sqlite, archiveDir: config.archiveDir, outboxDir: config.mail.outboxDir }, out);
  const keys = sealedKeyIdsInUse(drizzle(sqlite, { schema }));
  sqlite.close();
  console.log(
    `Backup written to ${out}: the database and ${manifest.files.length - 1} archived or outgoing files, with their SHA-256 sums.`,
  );
  if (keys.length > 0)
    console.log(
      `The identities in it are sealed with key ${keys.join(", ")}, held in ${config.keyFile ?? defaultKeyFile(path)}, ` +
        `which is NOT in the backup: without a copy of that key file, kept apart from the backups, they cannot be read.`,
    );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Backup failed: ${describeCause(error)}`);
  process.exit(1);
}
