import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { SubjectIdentity } from "../../../server/cases/caseRegister.ts";
import { identitySchema } from "../../forms/cases.ts";
import { FormErrors, TextField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

/**
 * The subject's identity is hidden until asked for; showing it is a deliberate act that
 * the audit log records.
 */
export function IdentityPanel({
  identity,
  canEdit,
  lastResult,
}: {
  identity: SubjectIdentity | null | undefined;
  canEdit: boolean;
  lastResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "identity",
    lastResult,
    defaultValue: identity ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identitySchema }),
  });
  return (
    <section className="card identity" aria-labelledby="identity-heading">
      <h2 id="identity-heading">{t("cases.identity.title")}</h2>
      {identity === undefined && !lastResult ? (
        <Form method="get">
          <p className="muted">{t("cases.identity.hidden")}</p>
          <button type="submit" name="identity" value="show" className="secondary">
            {t("cases.identity.show")}
          </button>
        </Form>
      ) : (
        <>
          <p className="muted">{t("cases.identity.audited")}</p>
          {identity && (
            <dl className="facts">
              <dt>{t("cases.identity.name")}</dt>
              <dd>{identity.name}</dd>
              <dt>{t("cases.identity.dateOfBirth")}</dt>
              <dd>{identity.dateOfBirth ?? "—"}</dd>
              <dt>{t("cases.identity.address")}</dt>
              <dd>{identity.address ?? "—"}</dd>
              <dt>{t("cases.identity.contacts")}</dt>
              <dd>{identity.contacts ?? "—"}</dd>
            </dl>
          )}
          {canEdit && (
            <details open={!!lastResult?.error}>
              <summary>{t("cases.identity.edit")}</summary>
              <Form method="post" {...getFormProps(form)} className="form">
                <FormErrors form={form} />
                <TextField meta={fields.name} label={t("cases.identity.name")} />
                <TextField meta={fields.dateOfBirth} label={t("cases.identity.dateOfBirth")} type="date" />
                <TextField meta={fields.address} label={t("cases.identity.address")} />
                <TextField meta={fields.contacts} label={t("cases.identity.contacts")} />
                <button type="submit" name="intent" value="identity" className="primary">
                  {t("cases.identity.save")}
                </button>
              </Form>
            </details>
          )}
        </>
      )}
    </section>
  );
}
