import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { listedBasisSchema } from "../../forms/sharingBasis.ts";
import { FormErrors, TextField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

/** The network's list of bases for sharing without consent: add one, stop offering one. */
export function ListedBasesSettings({
  bases,
  lastResult,
}: {
  bases: { id: string; name: string; reference: string }[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "listed-basis",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: listedBasisSchema }),
  });
  return (
    <section aria-labelledby="bases-heading">
      <h2 id="bases-heading">{t("sharing.settings.title")}</h2>
      <p>{t("sharing.settings.intro")}</p>
      {bases.length === 0 ? (
        <p className="muted">{t("sharing.settings.none")}</p>
      ) : (
        <ul className="plain-list card">
          {bases.map((b) => (
            <li key={b.id}>
              <strong>{b.name}</strong> <span className="cell-sub">{b.reference}</span>
              <Form method="post">
                <input type="hidden" name="basisId" value={b.id} />
                <button type="submit" name="intent" value="basis-retire" className="secondary">
                  {t("sharing.settings.retire", { name: b.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField meta={fields.name} label={t("sharing.settings.name")} />
        <TextField meta={fields.reference} label={t("sharing.settings.reference")} />
        <button type="submit" name="intent" value="basis-add" className="primary">
          {t("sharing.settings.add")}
        </button>
      </Form>
    </section>
  );
}
