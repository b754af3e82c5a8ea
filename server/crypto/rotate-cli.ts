// `npm run keys:rotate`: re-seals every identity under a new key (decision 0028).
import { openDatabase } from "../../db/client.ts";
import { DatabaseRefused, describeCause } from "../../db/startChecks.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { defaultKeyFile, KeyFileRefused } from "./keyFile.ts";
import { openKeyring } from "./openKeyring.ts";
import { rotateKeys } from "./rotateKeys.ts";

try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const file = config.keyFile ?? defaultKeyFile(database.path);
  // Refuses a key file that does not belong to this database, and seals any plaintext left.
  openKeyring(database, file);
  const rotation = rotateKeys(database, file, {
    afterBatch: (n) => process.stdout.write(`\r${n} rows re-sealed…`),
  });
  database.close();
  console.log(
    `\nKeys rotated: ${rotation.resealed} rows re-sealed under key ${rotation.to}; ` +
      `key ${rotation.from.join(", ") || "(none)"} removed from ${file}. Back up the key file now (README, "Backups").`,
  );
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseRefused || error instanceof KeyFileRefused;
  console.error(known ? (error as Error).message : `Key rotation failed: ${describeCause(error)}`);
  process.exit(1);
}
