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
import { checkpointFileFor, verifyAgainstCheckpoint } from "./checkpoint.ts";

const config = loadConfig();
const handle = openDatabase(config.databaseUrl);
const audit = createAuditLog(handle.db);
const keyFile = config.keyFile ?? defaultKeyFile(handle.path);
let verdict: { ok: boolean; message: string };
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
    ? {
        ok: true,
        message: `Audit log intact: ${chain.rows} entries checked. No key file at ${keyFile}: the checkpoint could not be checked.`,
      }
    : { ok: false, message: `Audit log BROKEN at entry #${chain.brokenRowId}: ${chain.reason}.` };
}
handle.close();
if (verdict.ok) {
  console.log(verdict.message);
  process.exit(0);
}
console.error(verdict.message);
process.exit(1);
