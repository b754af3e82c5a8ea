import { useTranslation } from "react-i18next";
import { AGENCY_VIEWS } from "../contract/vocabulary.ts";

/** The options of an agency's view (agree, disagree, abstain), for any select that asks for one. */
export function AgencyViewOptions() {
  const { t } = useTranslation();
  return AGENCY_VIEWS.map((v) => (
    <option key={v} value={v}>
      {t(`meetings.decision.view.${v}`)}
    </option>
  ));
}
