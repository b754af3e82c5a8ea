import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { ROUTINGS } from "../../contract/vocabulary.ts";
import { routingSchema } from "../../forms/signals.ts";
import { DateTimeField, FormErrors, SelectField, TextAreaField, TextField } from "../fields.tsx";
import { SharingBasisFields, type SharingBasisChoices } from "../case/SharingBasisFields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

interface Props {
  signals: { id: string; label: string }[];
  agencies: { id: string; name: string }[];
  people: { personId: string; name: string; agencyName: string }[];
  /** A security signal can only be referred to the security services. */
  securityOnly: boolean;
  now: string;
  /** What the basis of sharing, asked when taking the case into multi-agency work, offers. */
  basisChoices: SharingBasisChoices;
  lastResult?: SubmissionResult<string[]>;
}

/**
 * The routing decision. Without JavaScript every routing's extra fields show, each
 * group named for its routing; with it, only the chosen routing's.
 */
export function RoutingForm({ signals, agencies, people, securityOnly, now, basisChoices, lastResult }: Props) {
  const { t } = useTranslation();
  const routings = securityOnly ? (["security_referral"] as const) : ROUTINGS;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "routing",
    lastResult,
    defaultValue: {
      signalId: signals[0]?.id,
      referredAt: now,
      basisObtainedOn: basisChoices.today,
      ...(securityOnly ? { routing: "security_referral" } : {}),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: routingSchema }),
  });
  // Conform's field set follows one branch of the union; the others' fields are named the same.
  const f = fields as unknown as Record<string, Parameters<typeof TextField>[0]["meta"]>;
  const chosen = fields.routing.value;
  const shows = (routing: string) => !chosen || chosen === routing;
  return (
    <Form method="post" {...getFormProps(form)} className="card form routing-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="route" />
      {signals.length === 1 ? (
        <input type="hidden" name={fields.signalId.name} value={signals[0].id} />
      ) : (
        <SelectField
          meta={fields.signalId}
          label={t("signals.analysis.routingSignal")}
          options={signals.map((s) => ({ value: s.id, label: s.label }))}
        />
      )}
      {signals.length === 1 && fields.signalId.errors?.length ? (
        <p className="field-error" role="alert">
          {fields.signalId.errors.map((e) => t(e)).join(" ")}
        </p>
      ) : null}
      <SelectField
        meta={fields.routing}
        label={t("signals.analysis.routing")}
        placeholder=""
        options={routings.map((r) => ({ value: r, label: t(`signals.routings.${r}`) }))}
      />
      <TextAreaField meta={fields.rationale} label={t("signals.analysis.routingRationale")} rows={3} />
      {shows("take_into_maw") && !securityOnly && <SharingBasisFields fields={f} choices={basisChoices} />}
      {shows("regular_care") && !securityOnly && (
        <fieldset>
          <legend>{t("signals.analysis.careFields")}</legend>
          <TextField meta={f.careService} label={t("signals.analysis.careService")} />
        </fieldset>
      )}
      {shows("security_referral") && (
        <fieldset>
          <legend>{t("signals.analysis.referralFields")}</legend>
          <TextField
            meta={f.referredTo}
            label={t("signals.analysis.referredTo")}
            hint={t("signals.analysis.referredToHint")}
          />
          <DateTimeField meta={f.referredAt} label={t("signals.analysis.referredAt")} />
        </fieldset>
      )}
      {shows("gather_information") && !securityOnly && (
        <fieldset>
          <legend>{t("signals.analysis.taskFields")}</legend>
          <TextAreaField meta={f.taskWhat} label={t("signals.analysis.taskWhat")} rows={2} />
          <SelectField
            meta={f.taskAgencyId}
            label={t("signals.analysis.taskAgency")}
            placeholder=""
            options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
          <SelectField
            meta={f.taskPersonId}
            label={t("signals.analysis.taskPerson")}
            placeholder={t("signals.analysis.taskPersonAny")}
            options={people.map((p) => ({ value: p.personId, label: `${p.name} (${p.agencyName})` }))}
          />
          <TextField meta={f.taskDueOn} label={t("signals.analysis.taskDueOn")} type="date" />
        </fieldset>
      )}
      <button type="submit" className="primary">
        {t("signals.analysis.decide")}
      </button>
    </Form>
  );
}
