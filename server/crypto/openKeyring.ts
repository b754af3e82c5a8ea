import type { DatabaseHandle } from "../../db/client.ts";
import { KeyFileRefused, loadOrCreateKeyFile } from "./keyFile.ts";
import { createKeyring, isSealed, type Keyring } from "./keyring.ts";
import { resealRows, sealedKeyIdsInUse } from "./sealedColumns.ts";

/**
 * At start: reads (or, on a database with nothing sealed, creates) the key file, refuses
 * one that lacks a key the database uses, and seals every identity still in plaintext
 * (rows from before sealing existed). Idempotent: a second start finds nothing to seal.
 */
export function openKeyring(database: DatabaseHandle, file: string): Keyring {
  const content = loadOrCreateKeyFile(file, () => sealedKeyIdsInUse(database.db));
  const keyring = createKeyring(file, content);
  const missing = sealedKeyIdsInUse(database.db, keyring.keyIds());
  if (missing.length > 0)
    throw new KeyFileRefused(
      `The key file ${file} does not hold key ${missing.join(", ")}, which sealed identities in the database use. ` +
        `Put back the key file that belongs to this database (README, "Backups").`,
    );
  const sealed = resealRows(database.db, keyring, (value) => !isSealed(value));
  // The plaintext lived on in the write-ahead log; secure_delete has zeroed it in the file.
  if (sealed > 0) database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return keyring;
}
