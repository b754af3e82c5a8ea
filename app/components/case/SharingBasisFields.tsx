import { useTranslation } from "react-i18next";
import { SHARING_BASES, basisFits } from "../../contract/sharingBasis.ts";
import { SelectField, TextField, type Meta } from "../fields.tsx";

export interface SharingBasisChoices {
  /** The bases the network lists besides consent. */
  listed: { id: string; name: string; reference: string }[];
  /** Members who may have obtained it. */
  people: { personId: string; name: string; agencyName: string }[];
  isMinor: boolean;
  today: string;
}

/**
 * The basis on which the case's information is shared, inside a form that carries the
 * `sharingBasisFields` of app/forms/sharingBasis.ts (the routing, the case file).
 */
export function SharingBasisFields({
  fields,
  choices,
}: {
  fields: Record<string, Meta>;
  choices: SharingBasisChoices;
}) {
  const { t } = useTranslation();
  const bases = SHARING_BASES.filter((b) => basisFits(b, choices.isMinor));
  const listedChosen = !fields.basis.value || fields.basis.value === "listed_basis";
  return (
    <fieldset>
      <legend>{t("sharing.fields.legend")}</legend>
      <p className="hint">{t(choices.isMinor ? "sharing.fields.introMinor" : "sharing.fields.intro")}</p>
      <SelectField
        meta={fields.basis}
        label={t("sharing.fields.basis")}
        placeholder=""
        options={bases.map((b) => ({ value: b, label: t(`sharing.bases.${b}`) }))}
      />
      {listedChosen && (
        <>
          <SelectField
            meta={fields.basisListedId}
            label={t("sharing.fields.listed")}
            hint={choices.listed.length === 0 ? t("sharing.fields.noneListed") : t("sharing.fields.listedHint")}
            placeholder=""
            options={choices.listed.map((b) => ({ value: b.id, label: `${b.name} (${b.reference})` }))}
          />
          <TextField meta={fields.basisReference} label={t("sharing.fields.caseReference")} />
        </>
      )}
      <SelectField
        meta={fields.basisObtainedBy}
        label={t("sharing.fields.obtainedBy")}
        placeholder=""
        options={choices.people.map((p) => ({ value: p.personId, label: `${p.name} (${p.agencyName})` }))}
      />
      <TextField meta={fields.basisObtainedOn} label={t("sharing.fields.obtainedOn")} type="date" />
    </fieldset>
  );
}
