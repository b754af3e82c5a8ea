// `npm run audit:verify`: checks the audit chain of the configured database, SQLite or
// PostgreSQL, and that it reaches the checkpoint kept outside the database (decision 0029).
import { existsSync } from "node:fs";
import { openStore } from "../../db/openStore.ts";
import { loadConfig } from "../config.ts";
import { keyFileOf } from "../crypto/keyFile.ts";
import { createKeyring } from "../crypto/keyring.ts";
import { createAuditChain } from "./auditLog.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { checkpointFileFor, verifyAgainstCheckpoint, type CheckpointVerdict } from "./checkpoint.ts";

const config = loadConfig();
const store = await openStore(config.databaseUrl);
const audit = createAuditChain(store);
const keyFile = keyFileOf(config.databaseUrl, config.keyFile);
let verdict: CheckpointVerdict;
if (keyFile && existsSync(keyFile)) {
  verdict = await verifyAgainstCheckpoint(audit, createKeyring(keyFile), checkpointFileFor(keyFile));
} else {
  const chain = await audit.verify();
  verdict = !chain.intact
    ? { ok: false, key: `audit.broken.${chain.problem}`, values: { id: chain.brokenRowId } }
    : keyFile
      ? { ok: true, key: "audit.noKeyFile", values: { rows: chain.rows, file: keyFile } }
      : { ok: true, key: "audit.keyFileUnnamed", values: { rows: chain.rows } };
}
await store.close();
const message = wordsIn(languageOfEnvironment(), "cli")(verdict.key, verdict.values);
if (verdict.ok) {
  console.log(message);
  process.exit(0);
}
console.error(message);
process.exit(1);
