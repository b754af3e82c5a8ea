// `npm run audit:verify`: checks the audit chain of the configured database, and that it
// reaches the checkpoint kept outside the database (decision 0029).
import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { openDatabase } from "../../db/client.ts";
import { auditLog } from "../../db/schema/index.ts";
import { loadConfig } from "../config.ts";
import { defaultKeyFile } from "../crypto/keyFile.ts";
import { createKeyring } from "../crypto/keyring.ts";
import { createAuditLog } from "./auditLog.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";
import { checkpointFileFor, verifyAgainstCheckpoint, type CheckpointVerdict } from "./checkpoint.ts";

const config = loadConfig();
const handle = openDatabase(config.databaseUrl);
const audit = createAuditLog(handle.db);
const keyFile = config.keyFile ?? defaultKeyFile(handle.path);
let verdict: CheckpointVerdict;
if (existsSync(keyFile)) {
  verdict = await verifyAgainstCheckpoint(
    audit,
    createKeyring(keyFile),
    checkpointFileFor(keyFile),
    (id) => handle.db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, id)).get()?.hash ?? null,
  );
} else {
  const chain = await audit.verify();
  verdict = chain.intact
    ? { ok: true, key: "audit.noKeyFile", values: { rows: chain.rows, file: keyFile } }
    : { ok: false, key: `audit.broken.${chain.problem}`, values: { id: chain.brokenRowId } };
}
handle.close();
const message = wordsIn(languageOfEnvironment(), "cli")(verdict.key, verdict.values);
if (verdict.ok) {
  console.log(message);
  process.exit(0);
}
console.error(message);
process.exit(1);
