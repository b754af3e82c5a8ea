import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { updateReminderSchema } from "../../forms/updates.ts";
import { FormErrors, TextField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

/** How many days before a meeting the agencies that have not posted their update are reminded. */
export function UpdateReminderSettings({
  reminderDays,
  lastResult,
}: {
  reminderDays: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "update-reminder",
    lastResult,
    defaultValue: { reminderDays: String(reminderDays) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateReminderSchema }),
  });
  return (
    <section aria-labelledby="update-reminder-heading">
      <h2 id="update-reminder-heading">{t("updates.settings.title")}</h2>
      <p>{t("updates.settings.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField
          meta={fields.reminderDays}
          label={t("updates.settings.days")}
          hint={t("updates.settings.daysHint")}
        />
        <button type="submit" name="intent" value="update-reminder" className="primary">
          {t("signals.settings.save")}
        </button>
      </Form>
    </section>
  );
}
