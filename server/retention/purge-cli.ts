// `npm run purge`: runs the retention schedule's purge on the configured database now, as
// the server does at start and daily (decision 0033). `-- --dry-run` lists what is due
// without removing anything.
import { loadConfig } from "../config.ts";
import { openDatabase } from "../../db/client.ts";
import { createServices } from "../services.ts";
import { createLog } from "../log.ts";
import { PURGE_KINDS } from "../../app/contract/retention.ts";
import { networks } from "../../db/schema/index.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
const services = createServices(database, {
  mail: config.mail,
  archiveDir: config.archiveDir,
  keyFile: config.keyFile,
  log: createLog("warn"),
});
const dryRun = process.argv.includes("--dry-run");
const names = new Map(
  database.db
    .select({ id: networks.id, name: networks.name })
    .from(networks)
    .all()
    .map((n) => [n.id, n.name]),
);
const counts = dryRun
  ? new Map(
      [...names.keys()].map((id) => [
        id,
        Object.fromEntries(services.retention.preview(id, 0).map((d) => [d.kind, d.count])),
      ]),
    )
  : await services.purge.run();
const language = languageOfEnvironment();
const t = wordsIn(language, "cli");
const page = wordsIn(language, "translation");
for (const [id, c] of counts) {
  const line = PURGE_KINDS.map((k) =>
    t("purge.count", { kind: page(`retention.due.kinds.${k}`), count: c[k] ?? 0 }),
  ).join(", ");
  console.log(t(dryRun ? "purge.dueNow" : "purge.removed", { network: names.get(id), counts: line }));
}
database.close();
