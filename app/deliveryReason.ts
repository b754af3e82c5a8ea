import type { TFunction } from "i18next";

/**
 * Why a mail was not delivered, as its reader reads it: a reason of Casetable's own is a
 * code worded here (`minutes.deliveries.reasons.*`); the mail server's own answer ("550
 * mailbox unavailable") is shown as it came.
 */
export function deliveryReason(t: TFunction, reason: string | null | undefined): string {
  if (!reason) return "";
  return t(`minutes.deliveries.reasons.${reason}`, { defaultValue: reason });
}
