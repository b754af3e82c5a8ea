import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { CHECKLIST_ANSWERS } from "../../contract/vocabulary.ts";
import type { WordedChecklist } from "../../contract/templateText.ts";
import { closureProposalSchema } from "../../forms/closure.ts";
import { FormErrors, TextAreaField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

/** Proposing to close: the checklist, answered item by item, and the reasons. */
export function ClosureProposalForm({
  template,
  lastResult,
}: {
  template: WordedChecklist;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const schema = closureProposalSchema(template.items.map((i) => i.key));
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "propose",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const items = fields.items.getFieldset();
  return (
    <Form method="post" {...getFormProps(form)} className="card form">
      <h2>{t("closure.propose.title")}</h2>
      <p className="muted">{template.intro}</p>
      <FormErrors form={form} />
      {template.items.map((item) => {
        const f = items[item.key].getFieldset();
        return (
          <fieldset key={item.key} className="checklist-item">
            <legend>{item.question}</legend>
            <div className="field">
              <label htmlFor={f.answer.id}>{t("closure.propose.answer")}</label>
              <select {...getSelectProps(f.answer)} key={f.answer.key}>
                <option value="">{t("plans.form.choose")}</option>
                {CHECKLIST_ANSWERS.map((a) => (
                  <option key={a} value={a}>
                    {t(`closure.answers.${a}`)}
                  </option>
                ))}
              </select>
              {f.answer.errors && (
                <p id={f.answer.errorId} className="field-error">
                  {f.answer.errors.map((e) => t(e)).join(" ")}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={f.note.id}>{item.noteLabel}</label>
              <textarea {...getTextareaProps(f.note)} key={f.note.key} rows={2} />
              {f.note.errors && (
                <p id={f.note.errorId} className="field-error">
                  {f.note.errors.map((e) => t(e)).join(" ")}
                </p>
              )}
            </div>
          </fieldset>
        );
      })}
      <TextAreaField
        meta={fields.rationale}
        label={t("closure.propose.rationale")}
        hint={t("closure.propose.rationaleHint")}
      />
      <button type="submit" name="intent" value="propose" className="primary">
        {t("closure.propose.submit")}
      </button>
    </Form>
  );
}
