// `npm run purge`: runs the retention schedule's purge on the configured database now, as
// the server does at start and daily (decision 0033). `-- --dry-run` lists what is due
// without removing anything.
import { loadConfig } from "../config.ts";
import { openServerDatabase } from "../../db/serverDatabase.ts";
import { keyFileFor } from "../crypto/keyFile.ts";
import { createServices } from "../services.ts";
import { createLog } from "../log.ts";
import { PURGE_KINDS, type PurgeKind } from "../../app/contract/retention.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";

const config = loadConfig();
const keyFile = keyFileFor(config.databaseUrl, config.keyFile);
const database = await openServerDatabase(config.databaseUrl);
const services = await createServices(database, {
  mail: config.mail,
  archiveDir: config.archiveDir,
  keyFile,
  log: createLog("warn"),
});
const dryRun = process.argv.includes("--dry-run");
const { t: tables } = database.store;
const names = new Map(
  (await database.store.db.select({ id: tables.networks.id, name: tables.networks.name }).from(tables.networks)).map(
    (n) => [n.id, n.name],
  ),
);
const due = async () => {
  const each = new Map<string, Partial<Record<PurgeKind, number>>>();
  for (const id of names.keys())
    each.set(id, Object.fromEntries((await services.retention.preview(id, 0)).map((d) => [d.kind, d.count])));
  return each;
};
const counts = dryRun ? await due() : await services.purge.run();
const language = languageOfEnvironment();
const t = wordsIn(language, "cli");
const page = wordsIn(language, "translation");
for (const [id, c] of counts) {
  const line = PURGE_KINDS.map((k) =>
    t("purge.count", { kind: page(`retention.due.kinds.${k}`), count: c[k] ?? 0 }),
  ).join(", ");
  console.log(t(dryRun ? "purge.dueNow" : "purge.removed", { network: names.get(id), counts: line }));
}
await database.close();
