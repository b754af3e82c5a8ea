import type { TFunction } from "i18next";
import type { Refused } from "./contract/protocol.ts";
import { isRefusalReason } from "./contract/refusals.ts";

/**
 * A refusal in the reader's language. The server sends its code; a reason this page does
 * not know (a newer server, an answer stored before an upgrade) is said by its kind.
 */
export function refusalText(t: TFunction, error: Pick<Refused, "code" | "reason" | "params">): string {
  const reason = isRefusalReason(error.reason) ? error.reason : error.code;
  return t(`refusals.${reason}`, { ...error.params });
}
