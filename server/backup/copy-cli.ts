// `npm run db:copy -- --from FROM --to TO`: copies a whole Casetable database into a new,
// empty one, SQLite or PostgreSQL either way (issue 17 rule 6, decision 0043), checks it,
// and says where the key file must go.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { databasePath } from "../../db/client.ts";
import { copyDatabase, CopyRefused, rowCounts } from "../../db/copy.ts";
import { openStore } from "../../db/openStore.ts";
import { describeCause } from "../../db/startChecks.ts";
import { dialectOf, shownUrl, type Store } from "../../db/store.ts";
import { createAuditChain } from "../audit/auditLog.ts";
import { checkpointFileFor } from "../audit/checkpoint.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { defaultKeyFile, keyFileOf, writePrivateFile } from "../crypto/keyFile.ts";
import { languageOfEnvironment, wordsIn } from "../i18n.ts";

const t = wordsIn(languageOfEnvironment(), "cli");

/** Stops with a refusal: nothing was changed. */
class Refused extends Error {}

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: false });
const from = typeof values.from === "string" ? values.from : undefined;
const to = typeof values.to === "string" ? values.to : undefined;
if (!from || !to) {
  console.error(t("copy.usage"));
  process.exit(2);
}

/** The same database named twice: the same file, or the same PostgreSQL URL. */
const where = (url: string) => (dialectOf(url) === "sqlite" ? resolve(databasePath(url)) : url);

const stores: Store[] = [];
try {
  const config = loadConfig();
  if (where(from) === where(to)) throw new Refused(t("copy.same"));
  if (dialectOf(from) === "sqlite" && !existsSync(databasePath(from)))
    throw new Refused(t("copy.noSource", { path: databasePath(from) }));

  // The key file seals the identities; it lives outside the database (decision 0028). A
  // SQLite target gets it beside it, as Casetable looks for it there; PostgreSQL has no
  // "beside": the operator names it with CASETABLE_KEY_FILE.
  const sourceKey = keyFileOf(from, config.keyFile);
  const targetKey = dialectOf(to) === "sqlite" ? defaultKeyFile(databasePath(to)) : null;
  const keyToCopy = sourceKey && existsSync(sourceKey) && targetKey && targetKey !== sourceKey ? sourceKey : null;
  if (
    keyToCopy &&
    targetKey &&
    existsSync(targetKey) &&
    readFileSync(targetKey, "utf8") !== readFileSync(keyToCopy, "utf8")
  )
    throw new Refused(t("copy.keyFileTaken", { file: targetKey }));

  const source = await openStore(from);
  stores.push(source);
  const before = await createAuditChain(source).verify();
  if (!before.intact) throw new Refused(t("copy.sourceBroken", { id: before.brokenRowId }));
  const target = await openStore(to);
  stores.push(target);

  const copied = await copyDatabase(source, target);

  // The check after the commit, on what each database now answers.
  const [sourceCounts, targetCounts] = [await rowCounts(source), await rowCounts(target)];
  const differing = [...sourceCounts].filter(([table, n]) => targetCounts.get(table) !== n);
  const after = await createAuditChain(target).verify();
  const sameChain = after.intact && before.intact && after.rows === before.rows && after.headHash === before.headHash;
  if (differing.length > 0 || !sameChain) {
    const [table, n] = differing[0] ?? ["audit_log", before.rows];
    console.error(t("copy.checkFailed", { table, source: n, target: targetCounts.get(table) ?? 0 }));
    process.exitCode = 1;
  } else {
    console.log(
      t("copy.copied", {
        from: shownUrl(from),
        to: shownUrl(to),
        tables: copied.tables.length,
        rows: copied.rows,
        entries: after.rows,
      }),
    );
  }

  if (keyToCopy && targetKey) {
    writePrivateFile(targetKey, readFileSync(keyToCopy, "utf8"));
    // The checkpoint anchors the chain's length; the copy has the same chain.
    const checkpoint = checkpointFileFor(keyToCopy);
    if (existsSync(checkpoint)) writePrivateFile(checkpointFileFor(targetKey), readFileSync(checkpoint, "utf8"));
    console.log(t("copy.keyCopied", { from: keyToCopy, to: targetKey }));
  } else if (sourceKey && existsSync(sourceKey) && !targetKey) {
    console.log(t("copy.keyToName", { file: sourceKey, checkpoint: checkpointFileFor(sourceKey) }));
  } else if (!sourceKey || !existsSync(sourceKey)) {
    console.log(t("copy.noKeyFile", { file: sourceKey ?? "CASETABLE_KEY_FILE" }));
  }
  console.log(t("copy.files"));
} catch (error) {
  if (error instanceof Refused) console.error(t("copy.refused", { reason: error.message }));
  else if (error instanceof CopyRefused)
    console.error(t("copy.refused", { reason: t("copy.notEmpty", { to: shownUrl(to), ...error.values }) }));
  else console.error(error instanceof ConfigError ? error.message : t("copy.failed", { cause: describeCause(error) }));
  process.exitCode = 1;
} finally {
  for (const store of stores) await store.close();
}
