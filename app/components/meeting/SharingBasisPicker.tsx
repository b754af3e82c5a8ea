import { useTranslation } from "react-i18next";
import { SHARING_BASES, basisFits, type SharingBasis } from "../../contract/sharingBasis.ts";
import { oneOf } from "../../contract/vocabulary.ts";
import type { SharingBasisChoices } from "../case/SharingBasisFields.tsx";

/** The basis as the room's form holds it while it is typed. */
export interface BasisDraft {
  basis: SharingBasis | "";
  listedBasisId: string;
  caseReference: string;
  obtainedBy: string;
  obtainedOn: string;
}

export const newBasis = (today: string): BasisDraft => ({
  basis: "",
  listedBasisId: "",
  caseReference: "",
  obtainedBy: "",
  obtainedOn: today,
});

/** The basis as `decision:record` takes it; none chosen sends none, which the server refuses by code. */
export function basisPayload(d: BasisDraft) {
  if (!d.basis) return undefined;
  const listed = d.basis === "listed_basis";
  return {
    basis: d.basis,
    listedBasisId: listed && d.listedBasisId ? d.listedBasisId : null,
    caseReference: listed && d.caseReference.trim() ? d.caseReference.trim() : null,
    obtainedBy: d.obtainedBy,
    obtainedOn: d.obtainedOn,
  };
}

/**
 * The basis on which a case's information is shared, asked when the room takes a signal
 * into multi-agency work: the same questions as the case page's routing form
 * (SharingBasisFields), held in the room form's own state; side by side and without the
 * intro (the choices offered already fit an adult or a minor), so the form stays on one screen.
 */
export function SharingBasisPicker({
  idPrefix,
  draft,
  onChange,
  choices,
}: {
  idPrefix: string;
  draft: BasisDraft;
  onChange: (d: BasisDraft) => void;
  choices: SharingBasisChoices;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  const bases = SHARING_BASES.filter((b) => basisFits(b, choices.isMinor));
  const set = (patch: Partial<BasisDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="basis-grid">
      <legend>{t("sharing.fields.legend")}</legend>
      <div className="field">
        <label htmlFor={id("basis")}>{t("sharing.fields.basis")}</label>
        <select
          id={id("basis")}
          value={draft.basis}
          onChange={(e) => set({ basis: oneOf(SHARING_BASES, e.target.value) ?? "" })}
          title={t(choices.isMinor ? "sharing.fields.introMinor" : "sharing.fields.intro")}
          required
        >
          <option value="">{t("plans.form.choose")}</option>
          {bases.map((b) => (
            <option key={b} value={b}>
              {t(`sharing.bases.${b}`)}
            </option>
          ))}
        </select>
      </div>
      {draft.basis === "listed_basis" && (
        <>
          <div className="field">
            <label htmlFor={id("listed")}>{t("sharing.fields.listed")}</label>
            <p className="hint" id={id("listed-hint")}>
              {choices.listed.length === 0 ? t("sharing.fields.noneListed") : t("sharing.fields.listedHint")}
            </p>
            <select
              id={id("listed")}
              value={draft.listedBasisId}
              onChange={(e) => set({ listedBasisId: e.target.value })}
              aria-describedby={id("listed-hint")}
              required
            >
              <option value="">{t("plans.form.choose")}</option>
              {choices.listed.map((b) => (
                <option key={b.id} value={b.id}>{`${b.name} (${b.reference})`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id("reference")}>{t("sharing.fields.caseReference")}</label>
            <input
              type="text"
              id={id("reference")}
              value={draft.caseReference}
              maxLength={200}
              onChange={(e) => set({ caseReference: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={id("by")}>{t("sharing.fields.obtainedBy")}</label>
        <select id={id("by")} value={draft.obtainedBy} onChange={(e) => set({ obtainedBy: e.target.value })} required>
          <option value="">{t("plans.form.choose")}</option>
          {choices.people.map((p) => (
            <option key={p.personId} value={p.personId}>{`${p.name} (${p.agencyName})`}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("on")}>{t("sharing.fields.obtainedOn")}</label>
        <input
          type="date"
          id={id("on")}
          value={draft.obtainedOn}
          max={choices.today}
          onChange={(e) => set({ obtainedOn: e.target.value })}
          required
        />
      </div>
    </fieldset>
  );
}
