import type { DatabaseHandle } from "../../db/client.ts";
import { KeyFileRefused, newKey, readKeyFile, writeKeyFile } from "./keyFile.ts";
import { createKeyring, isSealed, sealedKeyId } from "./keyring.ts";
import { resealRows, sealedKeyIdsInUse } from "./sealedColumns.ts";

export interface Rotation {
  /** The keys retired. */
  from: string[];
  to: string;
  resealed: number;
}

/**
 * `npm run keys:rotate`: a new key becomes the active one (written to the key file first,
 * beside the old), every sealed value is re-sealed under it batch by batch, and only when
 * none is left under an old key are the old keys removed from the file. Stopped anywhere,
 * the file still holds every key some row uses, and running it again finishes the same
 * rotation (a file with more than one key is a rotation under way).
 */
export function rotateKeys(
  database: DatabaseHandle,
  file: string,
  options: { batchSize?: number; afterBatch?: (resealedSoFar: number) => void } = {},
): Rotation {
  let content = readKeyFile(file);
  if (content.keys.length === 1) {
    const key = newKey();
    content = { ...content, active: key.id, keys: [...content.keys, key] };
    writeKeyFile(file, content);
  }
  const active = content.active;
  const keyring = createKeyring(file, content);
  const resealed = resealRows(
    database.db,
    keyring,
    (value) => !isSealed(value) || sealedKeyId(value) !== active,
    options,
  );
  const left = sealedKeyIdsInUse(database.db, [active]);
  if (left.length > 0)
    throw new KeyFileRefused(
      `Values sealed with key ${left.join(", ")} are still in the database (written while rotating?): run keys:rotate again.`,
    );
  writeKeyFile(file, { ...content, keys: content.keys.filter((k) => k.id === active) });
  // Values under the old key lived on in the write-ahead log; secure_delete zeroed them in the file.
  database.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return { from: content.keys.filter((k) => k.id !== active).map((k) => k.id), to: active, resealed };
}
