import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { checkSchema } from "../../forms/cases.ts";
import { formatDay, useDateStyle } from "../../dates.ts";
import { FormErrors, TextAreaField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

interface Check {
  id: string;
  dueOn: string;
  doneOn: string | null;
  note: string | null;
}

/** Fade-out checks after closure: each comes due like a check-in. */
export function MonitoringChecks({
  checks,
  canRecord,
  today,
  lastResult,
}: {
  checks: Check[];
  canRecord: boolean;
  today: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const next = checks.find((c) => !c.doneOn);
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "check",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: checkSchema }),
  });
  return (
    <section className="card" aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t("cases.monitoring.title")}</h2>
      <ul className="plain-list">
        {checks.map((c) => (
          <li key={c.id}>
            {formatDay(c.dueOn, dateStyle)}{" "}
            {c.doneOn ? (
              <span className="muted">
                — {t("cases.monitoring.done", { date: formatDay(c.doneOn, dateStyle) })}: {c.note}
              </span>
            ) : (
              c.dueOn < today && <span className="badge warning">{t("home.overdue")}</span>
            )}
          </li>
        ))}
      </ul>
      {canRecord && next && (
        <Form method="post" {...getFormProps(form)} className="form">
          <FormErrors form={form} />
          <input type="hidden" name="checkId" value={next.id} />
          <TextAreaField
            meta={fields.note}
            label={t("cases.monitoring.note", { date: formatDay(next.dueOn, dateStyle) })}
            rows={3}
          />
          <button type="submit" name="intent" value="check" className="secondary">
            {t("cases.monitoring.record")}
          </button>
        </Form>
      )}
    </section>
  );
}
