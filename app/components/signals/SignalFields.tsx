import { useTranslation } from "react-i18next";
import { CheckboxField, TextAreaField, TextField, type Meta } from "../fields.tsx";

type Fields<K extends string> = Record<K, Meta>;

/**
 * Who reported the signal. On the public intake form the reporter fills in their own
 * details (the browser may offer them); a member registering a signal types someone
 * else's, so nothing is offered.
 */
export function ReporterFields({
  fields,
  self,
}: {
  fields: Fields<"reporterName" | "reporterOrganisation" | "reporterContact" | "reporterWithheld">;
  self: boolean;
}) {
  const { t } = useTranslation();
  const words = self ? "signals.intake" : "signals.register";
  return (
    <fieldset>
      <legend>{t(self ? "signals.intake.you" : "signals.register.reporter")}</legend>
      <p className="hint">{t(self ? "signals.intake.youHint" : "signals.register.reporterHint")}</p>
      <TextField meta={fields.reporterName} label={t(`${words}.reporterName`)} autoComplete={self ? "name" : "off"} />
      <TextField
        meta={fields.reporterOrganisation}
        label={t(`${words}.reporterOrganisation`)}
        autoComplete={self ? "organization" : "off"}
      />
      <TextField
        meta={fields.reporterContact}
        label={t(`${words}.reporterContact`)}
        autoComplete={self ? "email" : "off"}
      />
      <CheckboxField meta={fields.reporterWithheld} label={t("signals.register.reporterWithheld")} />
    </fieldset>
  );
}

/** What was seen or heard, in the reporter's words. */
export function ConcernField({ meta }: { meta: Meta }) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      meta={meta}
      label={t("signals.register.concern")}
      hint={t("signals.register.concernHint")}
      rows={7}
    />
  );
}

/** Whom the signal is about: kept sealed, shown only where need to know allows. */
export function SubjectFields({
  fields,
  hint,
}: {
  fields: Fields<"subjectName" | "subjectDateOfBirth" | "subjectAddress" | "subjectContacts">;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("signals.register.subject")}</legend>
      {hint && <p className="hint">{hint}</p>}
      <TextField meta={fields.subjectName} label={t("signals.register.subjectName")} autoComplete="off" />
      <TextField
        meta={fields.subjectDateOfBirth}
        label={t("signals.register.subjectDateOfBirth")}
        hint={t("signals.register.subjectDateOfBirthHint")}
        type="date"
      />
      <TextField meta={fields.subjectAddress} label={t("signals.register.subjectAddress")} autoComplete="off" />
      <TextField meta={fields.subjectContacts} label={t("signals.register.subjectContacts")} autoComplete="off" />
    </fieldset>
  );
}
