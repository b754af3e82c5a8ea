import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { JUDGEMENTS } from "../contract/vocabulary.ts";
import type { DomainInput } from "../../server/cases/assessments.ts";
import { domainKeysOf, type AssessmentTemplate } from "../contract/assessmentTemplate.ts";
import { assessmentSchema, type AssessmentForm as AssessmentValues } from "../forms/plans.ts";
import { FormErrors, SelectField, TextAreaField, TextField } from "./fields.tsx";
import { FORM_VALIDATION } from "../forms/validation.ts";

/** The screening form: per life domain, what speaks for and against, what is (not) known, and the group's judgement. */
export function AssessmentForm({
  template,
  defaults,
  cancelTo,
  lastResult,
}: {
  template: AssessmentTemplate;
  defaults: { assessedOn: string; domains: Record<string, DomainInput> };
  cancelTo: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => assessmentSchema(domainKeysOf(template)), [template]);
  const [form, fields] = useForm<AssessmentValues>({
    ...FORM_VALIDATION,
    id: "assessment",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const domains = fields.domains.getFieldset();
  const judgementOptions = JUDGEMENTS.map((j) => ({ value: j, label: t(`plans.judgements.${j}`) }));
  return (
    <Form method="post" {...getFormProps(form)} className="form assessment-form">
      <FormErrors form={form} />
      <TextField
        meta={fields.assessedOn}
        label={t("plans.assessment.assessedOn")}
        hint={t("plans.assessment.assessedOnHint")}
        type="date"
      />
      <p className="hint">{t("plans.assessment.judgementMeaning", { defaultValue: template.judgementMeaning })}</p>
      {template.groups.map((group) => (
        <section key={group.key} aria-labelledby={`form-group-${group.key}`} className="form">
          <h3 id={`form-group-${group.key}`}>{t(`plans.domains.${group.key}`, { defaultValue: group.title })}</h3>
          {group.domains.map((domain) => {
            const d = domains[domain.key].getFieldset();
            return (
              <fieldset key={domain.key} className="card domain-fieldset">
                <legend>{t(`plans.domains.${domain.key}`, { defaultValue: domain.title })}</legend>
                <p className="hint">{t(`plans.prompts.${domain.key}`, { defaultValue: domain.prompt })}</p>
                <div className="field-row">
                  <TextAreaField meta={d.riskFactors} label={t("plans.assessment.fields.riskFactors")} />
                  <TextAreaField meta={d.protectiveFactors} label={t("plans.assessment.fields.protectiveFactors")} />
                </div>
                <div className="field-row">
                  <TextAreaField meta={d.known} label={t("plans.assessment.fields.known")} />
                  <TextAreaField
                    meta={d.unknown}
                    label={t("plans.assessment.fields.unknown")}
                    hint={t("plans.assessment.unknownHint")}
                  />
                </div>
                <SelectField
                  meta={d.judgement}
                  label={t("plans.assessment.fields.judgement")}
                  placeholder={t("plans.form.choose")}
                  options={judgementOptions}
                />
                <TextAreaField
                  meta={d.reasoning}
                  label={t("plans.assessment.fields.reasoning")}
                  hint={t("plans.assessment.reasoningHint")}
                />
              </fieldset>
            );
          })}
        </section>
      ))}
      <div className="button-row">
        <button type="submit" className="primary">
          {t("plans.assessment.submit")}
        </button>
        <Link to={cancelTo}>{t("plans.assessment.cancel")}</Link>
      </div>
    </Form>
  );
}
