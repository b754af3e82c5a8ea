// What a storage failure means to a person waiting on an answer: try again in a moment
// (`busy`), or the server cannot keep what it is given right now (`storage_unavailable`).

export type StorageErrorCode = "busy" | "storage_unavailable";

const busyCodes = /^SQLITE_(BUSY|LOCKED)/;
const unavailableCodes = /^SQLITE_(READONLY|IOERR|FULL|CORRUPT|CANTOPEN|NOTADB|PROTOCOL|NOLFS|PERM)/;
const unavailableErrno = new Set(["EROFS", "ENOSPC", "EIO", "EDQUOT", "EACCES", "EPERM"]);

/**
 * Classifies an error thrown by the database (better-sqlite3's SqliteError) or by the file
 * system (Node's errno errors); anything else is not a storage fault and answers null.
 */
export function classifyStorageError(error: unknown): StorageErrorCode | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return null;
  if (busyCodes.test(code)) return "busy";
  if (unavailableCodes.test(code) || unavailableErrno.has(code)) return "storage_unavailable";
  return null;
}
