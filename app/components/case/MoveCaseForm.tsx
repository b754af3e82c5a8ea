import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { CaseStage } from "../../contract/vocabulary.ts";
import { moveSchema } from "../../forms/cases.ts";
import { FormErrors, SelectField, TextAreaField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

/** A stage change is a decision: who, when and why are recorded. */
export function MoveCaseForm({
  moves,
  lastResult,
}: {
  moves: CaseStage[];
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "move",
    lastResult,
    defaultValue: { to: moves[0] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: moveSchema }),
  });
  return (
    <section className="card" aria-labelledby="move-heading">
      <h2 id="move-heading">{t("cases.move.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors form={form} />
        <SelectField
          meta={fields.to}
          label={t("cases.move.to")}
          options={moves.map((m) => ({ value: m, label: t(`cases.move.options.${m}`) }))}
        />
        <TextAreaField meta={fields.rationale} label={t("cases.move.rationale")} hint={t("cases.move.rationaleHint")} />
        <button type="submit" name="intent" value="move" className="primary">
          {t("cases.move.submit")}
        </button>
      </Form>
    </section>
  );
}
