import { createHmac, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { writePrivateFile } from "../crypto/keyFile.ts";
import type { Keyring } from "../crypto/keyring.ts";
import type { AuditChain, VerifyResult } from "./auditLog.ts";

// The audit log's length and head, anchored outside the database (decision 0029): deleting
// the newest entries leaves a chain that still verifies on its own, but no longer reaches
// the head a checkpoint recorded. The checkpoint carries an HMAC under a key derived from
// the key file, so it cannot be rewritten to match a shortened log without that key.

const checkpointSchema = z.object({
  format: z.literal("casetable-audit-checkpoint"),
  entries: z.number().int().nonnegative(),
  headId: z.number().int().positive().nullable(),
  headHash: z.string(),
  writtenAt: z.string(),
  mac: z.string(),
});
type Checkpoint = z.infer<typeof checkpointSchema>;

/** `data/casetable.key` → `data/casetable.audit-checkpoint`: beside the key, outside the database. */
export function checkpointFileFor(keyFile: string): string {
  return keyFile.replace(/\.key$/, "") + ".audit-checkpoint";
}

function macOf(keyring: Keyring, c: Omit<Checkpoint, "mac" | "format">): string {
  return createHmac("sha256", keyring.derivedKey("audit-checkpoint"))
    .update(JSON.stringify([c.entries, c.headId, c.headHash, c.writtenAt]))
    .digest("hex");
}

/**
 * Verifies the chain and, when it holds, records its length and head. A broken chain is
 * not recorded over: the last good checkpoint stays for whoever investigates.
 */
export async function writeCheckpoint(
  audit: Pick<AuditChain, "verify">,
  keyring: Keyring,
  file: string,
): Promise<VerifyResult> {
  const result = await audit.verify();
  if (!result.intact) return result;
  const body = {
    entries: result.rows,
    headId: result.headId,
    headHash: result.headHash,
    writtenAt: new Date().toISOString(),
  };
  const previous = readCheckpoint(keyring, file);
  // A log shorter than its checkpoint keeps the checkpoint that shows it.
  if (previous.state === "valid" && previous.checkpoint.entries > result.rows) return result;
  const checkpoint: Checkpoint = { format: "casetable-audit-checkpoint", ...body, mac: macOf(keyring, body) };
  writePrivateFile(file, JSON.stringify(checkpoint, null, 2) + "\n");
  return result;
}

type ReadResult =
  | { state: "missing" }
  | { state: "forged"; problem: "unreadable" | "seal" }
  | { state: "valid"; checkpoint: Checkpoint };

export function readCheckpoint(keyring: Keyring, file: string): ReadResult {
  if (!existsSync(file)) return { state: "missing" };
  let parsed;
  try {
    parsed = checkpointSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { state: "forged", problem: "unreadable" };
  }
  if (!parsed.success) return { state: "forged", problem: "unreadable" };
  const expected = Buffer.from(macOf(keyring, parsed.data), "hex");
  const given = Buffer.from(parsed.data.mac, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { state: "forged", problem: "seal" };
  return { state: "valid", checkpoint: parsed.data };
}

/**
 * What the check found, as a key of the `cli` namespace (audit.*) and its values, so the
 * command says it in its reader's language.
 */
export type CheckpointVerdict = { ok: boolean; key: VerdictKey; values: Record<string, string | number> };
type VerdictKey =
  | "audit.intact"
  | "audit.noCheckpoint"
  | "audit.noKeyFile"
  | "audit.keyFileUnnamed"
  | "audit.broken.link"
  | "audit.broken.content"
  | "audit.untrusted.unreadable"
  | "audit.untrusted.seal"
  | "audit.truncated"
  | "audit.rewritten";

/** The chain, then the chain against the checkpoint: a missing tail is named by its length. */
export async function verifyAgainstCheckpoint(
  audit: Pick<AuditChain, "verify" | "hashOf">,
  keyring: Keyring,
  file: string,
): Promise<CheckpointVerdict> {
  const chain = await audit.verify();
  if (!chain.intact) return { ok: false, key: `audit.broken.${chain.problem}`, values: { id: chain.brokenRowId } };
  const read = readCheckpoint(keyring, file);
  if (read.state === "missing") return { ok: true, key: "audit.noCheckpoint", values: { rows: chain.rows, file } };
  if (read.state === "forged") return { ok: false, key: `audit.untrusted.${read.problem}`, values: { file } };
  const cp = read.checkpoint;
  const when = { writtenAt: cp.writtenAt, entries: cp.entries, rows: chain.rows };
  if (chain.rows < cp.entries)
    return { ok: false, key: "audit.truncated", values: { ...when, count: cp.entries - chain.rows } };
  if (cp.headId !== null && (await audit.hashOf(cp.headId)) !== cp.headHash)
    return { ok: false, key: "audit.rewritten", values: { id: cp.headId, writtenAt: cp.writtenAt } };
  return { ok: true, key: "audit.intact", values: when };
}
