import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { AGENCY_VIEWS } from "../../contract/vocabulary.ts";
import { closureViewSchema, signOffSchema } from "../../forms/cases.ts";
import { FormErrors, SelectField, TextAreaField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

interface View {
  agencyId: string;
  view: string;
  comment: string | null;
  givenBy: string;
}

/** Every involved agency's view on the closure; dissent is shown, not hidden. */
export function ClosureViews({
  involved,
  views,
  ownAgencyId,
  canSignOff,
  viewResult,
  signOffResult,
}: {
  involved: { id: string; name: string }[];
  views: View[];
  ownAgencyId: string | null;
  canSignOff: boolean;
  viewResult: SubmissionResult<string[]> | null | undefined;
  signOffResult: SubmissionResult<string[]> | null | undefined;
}) {
  const { t } = useTranslation();
  const byAgency = new Map(views.map((v) => [v.agencyId, v]));
  const missing = involved.filter((a) => !byAgency.has(a.id));
  const own = ownAgencyId ? byAgency.get(ownAgencyId) : undefined;
  const [viewForm, viewFields] = useForm({
    ...FORM_VALIDATION,
    id: "closure-view",
    lastResult: viewResult,
    defaultValue: own ? { view: own.view, comment: own.comment ?? "" } : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: closureViewSchema }),
  });
  const [signForm, signFields] = useForm({
    ...FORM_VALIDATION,
    id: "sign-off",
    lastResult: signOffResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signOffSchema }),
  });
  return (
    <>
      <h3>{t("closure.views.title")}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("closure.views.agency")}</th>
              <th scope="col">{t("closure.views.view")}</th>
              <th scope="col">{t("closure.views.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {involved.map((a) => {
              const v = byAgency.get(a.id);
              return (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    {v ? (
                      <span className={`view view-${v.view}`}>{t(`closure.viewLabels.${v.view}`)}</span>
                    ) : (
                      <span className="muted">{t("closure.views.waiting")}</span>
                    )}
                  </td>
                  <td>
                    {v?.comment}
                    {v && <span className="cell-sub">{v.givenBy}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ownAgencyId && involved.some((a) => a.id === ownAgencyId) && (
        <Form method="post" {...getFormProps(viewForm)} className="form">
          <h3>{t("closure.views.yours")}</h3>
          <FormErrors form={viewForm} />
          <SelectField
            meta={viewFields.view}
            label={t("closure.views.view")}
            placeholder=""
            options={AGENCY_VIEWS.map((v) => ({ value: v, label: t(`closure.viewLabels.${v}`) }))}
          />
          <TextAreaField meta={viewFields.comment} label={t("closure.views.comment")} rows={2} />
          <button type="submit" name="intent" value="view" className="primary">
            {t("closure.views.submit")}
          </button>
        </Form>
      )}
      {canSignOff && (
        <Form method="post" {...getFormProps(signForm)} className="form sign-off">
          <h3>{t("closure.signOff.title")}</h3>
          {missing.length > 0 ? (
            <p className="muted">{t("closure.signOff.waiting", { agencies: missing.map((a) => a.name).join(", ") })}</p>
          ) : (
            <>
              <FormErrors form={signForm} />
              <TextAreaField meta={signFields.comment} label={t("closure.signOff.comment")} rows={2} />
              <button type="submit" name="intent" value="signOff" className="primary">
                {t("closure.signOff.submit")}
              </button>
            </>
          )}
        </Form>
      )}
    </>
  );
}
