import { useTranslation } from "react-i18next";
import { SECTORS } from "../contract/vocabulary.ts";
import { SelectField, TextField, type Meta } from "./fields.tsx";

/** The fields that describe a new network and the creator's own agency. */
export function NetworkFields({
  fields,
}: {
  fields: { networkName: Meta; timeZone: Meta; agencyName: Meta; agencySector: Meta };
}) {
  const { t } = useTranslation();
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <>
      <TextField meta={fields.networkName} label={t("setup.networkName")} hint={t("setup.networkNameHint")} />
      <SelectField
        meta={fields.timeZone}
        label={t("setup.timeZone")}
        options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
      />
      <TextField meta={fields.agencyName} label={t("setup.agencyName")} hint={t("setup.agencyNameHint")} />
      <SelectField
        meta={fields.agencySector}
        label={t("setup.agencySector")}
        placeholder=""
        options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
    </>
  );
}
