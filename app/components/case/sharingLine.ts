import type { TFunction } from "i18next";
import type { SharingBasisState } from "../../contract/sharingBasis.ts";
import { formatDay, type DateStyle } from "../../contract/dates.ts";

/** The state in one line: "Consent given 2 October 2026 by the parent", "Consent not sought: basis …". */
export function sharingLine(t: TFunction, s: SharingBasisState, dateStyle: DateStyle): string {
  switch (s.state) {
    case "none":
      return t("sharing.state.none");
    case "not_sought":
      return t("sharing.state.not_sought", {
        basis: s.basis,
        reference: [s.reference, s.caseReference].filter(Boolean).join("; "),
      });
    default:
      return t(`sharing.state.${s.state}`, { on: formatDay(s.on, dateStyle), by: t(`sharing.givers.${s.by}`) });
  }
}
