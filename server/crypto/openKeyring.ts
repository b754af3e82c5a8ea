import type { Store } from "../../db/store.ts";
import { createAuditChain } from "../audit/auditLog.ts";
import { emptyWriteAheadLog } from "../retention/writeAheadLog.ts";
import { KeyFileRefused, loadOrCreateKeyFile } from "./keyFile.ts";
import { createKeyring, isSealed, type Keyring } from "./keyring.ts";
import { resealRows, sealedKeyIdsInUse } from "./sealedColumns.ts";

/**
 * At start: reads (or, on a database with nothing sealed, creates) the key file, refuses
 * one that lacks a key the database uses, and seals every identity still in plaintext
 * (rows from before sealing existed). Idempotent: a second start finds nothing to seal.
 */
export async function openKeyring(store: Store, file: string): Promise<Keyring> {
  const inUse = await sealedKeyIdsInUse(store);
  const content = loadOrCreateKeyFile(file, () => inUse);
  const keyring = createKeyring(file, content);
  const missing = inUse.filter((id) => !keyring.keyIds().includes(id));
  if (missing.length > 0)
    throw new KeyFileRefused(
      `The key file ${file} does not hold key ${missing.join(", ")}, which sealed identities in the database use. ` +
        `Put back the key file that belongs to this database (README, "Backups").`,
    );
  const sealed = await resealRows(store, keyring, (value) => !isSealed(value));
  if (sealed > 0) {
    await store.transaction((tx) =>
      createAuditChain(store, keyring.keyedHash).append(
        tx,
        { personId: null, ip: null },
        { action: "identities.sealed", details: { rows: sealed, key: keyring.activeKeyId() } },
      ),
    );
    // The plaintext lived on in SQLite's write-ahead log; secure_delete has zeroed it in the file.
    if (store.driver.dialect === "sqlite") await emptyWriteAheadLog(store.driver.writer);
  }
  return keyring;
}
