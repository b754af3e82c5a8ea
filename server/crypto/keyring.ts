import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { KeyFileRefused, readKeyFile, type KeyFileContent } from "./keyFile.ts";

// Seals small values (identities, reporters, second-factor secrets) with AES-256-GCM under
// the active key of the key file. A sealed value names its key, so keys can rotate: a
// value sealed under an older key stays readable while that key is in the file.
//
//   enc:v1:<key id>:<96-bit IV, base64url>:<ciphertext + 128-bit tag, base64url>
//
// The context (table, column, row id) is bound as additional data: a sealed value copied
// into another row or column does not open.

const PREFIX = "enc:v1:";

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The key a sealed value was sealed with. */
export function sealedKeyId(value: string): string {
  return value.slice(PREFIX.length).split(":")[0];
}

export interface Keyring {
  readonly file: string;
  /** The key new values are sealed with. */
  activeKeyId(): string;
  /** Every key the file holds. */
  keyIds(): string[];
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
  /** A keyed hash (HMAC-SHA-256, hex) for a purpose: equal inputs give equal outputs, nothing else shows. */
  keyedHash(purpose: string, value: string): string;
  /** A key derived for one purpose (HKDF), stable across rotations of the sealing keys. */
  derivedKey(purpose: string): Buffer;
}

/**
 * Follows the key file: a rotation (`npm run keys:rotate`) that adds a key while the
 * server runs is picked up at the next seal, and an unknown key id makes it read again.
 */
export function createKeyring(file: string, initial?: KeyFileContent): Keyring {
  let content = initial ?? readKeyFile(file);
  let stamp = fileStamp(file);

  function reloadIfChanged(force = false) {
    const now = fileStamp(file);
    // A key file gone while running: keep the keys in memory (the next start will refuse).
    if (now === "missing") return;
    if (force || now !== stamp) {
      content = readKeyFile(file);
      stamp = now;
    }
  }

  function keyById(id: string): Buffer | null {
    const found = content.keys.find((k) => k.id === id);
    return found ? Buffer.from(found.key, "base64") : null;
  }

  const macKey = () => Buffer.from(content.macKey, "base64");
  /** Each purpose's key, derived once per MAC key (HKDF is a tenth of an audit entry's cost). */
  const derived = new Map<string, Buffer>();
  let derivedFrom = content.macKey;
  function keyFor(purpose: string): Buffer {
    if (derivedFrom !== content.macKey) {
      derived.clear();
      derivedFrom = content.macKey;
    }
    let key = derived.get(purpose);
    if (!key) derived.set(purpose, (key = Buffer.from(hkdfSync("sha256", macKey(), "", purpose, 32))));
    return key;
  }

  return {
    file,
    activeKeyId: () => content.active,
    keyIds: () => content.keys.map((k) => k.id),

    seal(plain, context) {
      reloadIfChanged();
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", keyById(content.active)!, iv);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${content.active}:${iv.toString("base64url")}:${body.toString("base64url")}`;
    },

    open(sealed, context) {
      if (!isSealed(sealed)) throw new Error(`not a sealed value (${context})`);
      const [keyId, ivText, bodyText] = sealed.slice(PREFIX.length).split(":");
      let key = keyById(keyId);
      if (!key) {
        reloadIfChanged(true);
        key = keyById(keyId);
      }
      if (!key)
        throw new KeyFileRefused(
          `A value (${context}) is sealed with key ${keyId}, which the key file ${file} does not hold. ` +
            `Put back the key file that holds it (README, "Backups").`,
        );
      const body = Buffer.from(bodyText, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
    },

    keyedHash(purpose, value) {
      return createHmac("sha256", keyFor(purpose)).update(value, "utf8").digest("hex");
    },

    derivedKey(purpose) {
      return Buffer.from(keyFor(purpose));
    },
  };
}

function fileStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return "missing";
  }
}
