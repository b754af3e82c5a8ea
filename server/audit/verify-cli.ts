// `npm run audit:verify`: checks the audit chain of the configured database.
import { openDatabase } from "../../db/client.ts";
import { loadConfig } from "../config.ts";
import { createAuditLog } from "./auditLog.ts";

const config = loadConfig();
const handle = openDatabase(config.databaseUrl);
const result = await createAuditLog(handle.db).verify();
handle.close();
if (result.intact) {
  console.log(`Audit log intact: ${result.rows} entries checked.`);
  process.exit(0);
}
console.error(`Audit log BROKEN at entry #${result.brokenRowId}: ${result.reason}.`);
process.exit(1);
