// `npm run keys:rotate`: re-seals every identity under a new key (decision 0028), on the
// database DATABASE_URL names, SQLite or PostgreSQL.
import { openStore } from "../../db/openStore.ts";
import { DatabaseRefused, describeCause } from "../../db/startChecks.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { keyFileFor, KeyFileRefused } from "./keyFile.ts";
import { openKeyring } from "./openKeyring.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { rotateKeys } from "./rotateKeys.ts";

const t = wordsIn(languageOfEnvironment(), "cli");
try {
  const config = loadConfig();
  const file = keyFileFor(config.databaseUrl, config.keyFile);
  const store = await openStore(config.databaseUrl);
  try {
    // Refuses a key file that does not belong to this database, and seals any plaintext left.
    await openKeyring(store, file);
    const rotation = await rotateKeys(store, file, {
      afterBatch: (n) => process.stdout.write(`\r${t("keys.progress", { count: n })}`),
    });
    const from = rotation.from.join(", ") || t("keys.noKey");
    console.log(`\n${t("keys.rotated", { count: rotation.resealed, to: rotation.to, from, file })}`);
  } finally {
    await store.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof DatabaseRefused || error instanceof KeyFileRefused;
  console.error(known ? (error as Error).message : t("keys.failed", { cause: describeCause(error) }));
  process.exit(1);
}
