import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { tFor } from "../i18n.ts";
import { SECTORS } from "../contract/vocabulary.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/fields.tsx";
import { agencySchema } from "../forms/network.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/agencies";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "agencies:view");
  const { networks, policy } = context.services;
  return {
    agencies: await networks.listAgencies(params.networkId),
    canManage: policy.can(viewer, "agencies:manage", params.networkId),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "agencies:manage");
  const parsed = parseForm(await request.formData(), agencySchema);
  if (!parsed.ok) return parsed.response;
  const result = await context.services.networks.addAgency(actorOf(context, viewer), params.networkId, parsed.value);
  if (!result.ok)
    return refuse(parsed.submission, "", { status: 409, fieldErrors: { name: [tFor(context)("agencies.duplicate")] } });
  return { result: parsed.submission.reply({ resetForm: true }), added: true };
}

export default function Agencies({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agencySchema }),
  });
  return (
    <div className="page">
      <title>{`${t("agencies.title")} · ${t("app.name")}`}</title>
      <h1>{t("agencies.title")}</h1>
      <p className="lead">{t("agencies.intro")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("agencies.name")}</th>
              <th scope="col">{t("agencies.sector")}</th>
              <th scope="col">{t("agencies.members")}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{t(`sectors.${a.sector}`)}</td>
                <td>{a.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaderData.canManage && (
        <Form method="post" {...getFormProps(form)} className="card form narrow">
          <h2>{t("agencies.add")}</h2>
          {actionData && "added" in actionData && <Notice tone="success">{t("agencies.added")}</Notice>}
          <FormErrors form={form} />
          <TextField meta={fields.name} label={t("agencies.name")} />
          <SelectField
            meta={fields.sector}
            label={t("agencies.sector")}
            placeholder=""
            options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
          />
          <button type="submit" className="primary">
            {t("agencies.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
