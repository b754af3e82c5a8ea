// `npm run keys:rotate`: re-seals every identity under a new key (decision 0028).
import { openDatabase } from "../../db/client.ts";
import { DatabaseRefused, describeCause } from "../../db/startChecks.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { defaultKeyFile, KeyFileRefused } from "./keyFile.ts";
import { openKeyring } from "./openKeyring.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { rotateKeys } from "./rotateKeys.ts";

const t = wordsIn(languageOfEnvironment(), "cli");
try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  const file = config.keyFile ?? defaultKeyFile(database.path);
  // Refuses a key file that does not belong to this database, and seals any plaintext left.
  openKeyring(database, file);
  const rotation = rotateKeys(database, file, {
    afterBatch: (n) => process.stdout.write(`\r${t("keys.progress", { count: n })}`),
  });
  database.close();
  const from = rotation.from.join(", ") || t("keys.noKey");
  console.log(`\n${t("keys.rotated", { count: rotation.resealed, to: rotation.to, from, file })}`);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseRefused || error instanceof KeyFileRefused;
  console.error(known ? (error as Error).message : t("keys.failed", { cause: describeCause(error) }));
  process.exit(1);
}
