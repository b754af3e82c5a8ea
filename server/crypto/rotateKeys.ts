import type { Store } from "../../db/store.ts";
import { createAuditChain } from "../audit/auditLog.ts";
import { emptyWriteAheadLog } from "../retention/writeAheadLog.ts";
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
 * rotation (a file with more than one key is a rotation under way). The servers running
 * meanwhile follow the key file, so what they seal uses the new key.
 */
export async function rotateKeys(
  store: Store,
  file: string,
  options: { batchSize?: number; afterBatch?: (resealedSoFar: number) => void } = {},
): Promise<Rotation> {
  let content = readKeyFile(file);
  if (content.keys.length === 1) {
    const key = newKey();
    content = { ...content, active: key.id, keys: [...content.keys, key] };
    writeKeyFile(file, content);
  }
  const active = content.active;
  const keyring = createKeyring(file, content);
  const resealed = await resealRows(
    store,
    keyring,
    (value) => !isSealed(value) || sealedKeyId(value) !== active,
    options,
  );
  const left = await sealedKeyIdsInUse(store, [active]);
  if (left.length > 0)
    throw new KeyFileRefused(
      `Values sealed with key ${left.join(", ")} are still in the database (written while rotating?): run keys:rotate again.`,
    );
  const from = content.keys.filter((k) => k.id !== active).map((k) => k.id);
  await store.transaction((tx) =>
    createAuditChain(store, keyring.keyedHash).append(
      tx,
      { personId: null, ip: null },
      { action: "keys.rotated", details: { from, to: active, resealed } },
    ),
  );
  writeKeyFile(file, { ...content, keys: content.keys.filter((k) => k.id === active) });
  // Values under the old key lived on in SQLite's write-ahead log; secure_delete zeroed them in the file.
  if (store.driver.dialect === "sqlite") await emptyWriteAheadLog(store.driver.writer);
  return { from, to: active, resealed };
}
