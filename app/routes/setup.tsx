import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { tFor } from "../i18n.ts";
import { sessionCookie } from "../../server/auth/sessionCookie.ts";
import { FormErrors, NewPasswordFields, TextField } from "../components/fields.tsx";
import { NetworkFields } from "../components/NetworkFields.tsx";
import { setupSchema } from "../forms/auth.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/setup";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const valid = await context.services.setup.isValid(params.token);
  return data({ valid }, { status: valid ? 200 : 410 });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const parsed = parseForm(await request.formData(), setupSchema);
  if (!parsed.ok) return parsed.response;
  const { name, email, password } = parsed.value;
  const verdict = await context.services.accounts.judgeNewPassword(password, [name, email]);
  if (!verdict.ok)
    return refuse(parsed.submission, "", {
      fieldErrors: { password: [verdict.reason] },
      hideFields: ["password", "confirm"],
    });
  const { ip, userAgent, secure } = context.requestInfo;
  const result = await context.services.setup.complete(params.token, parsed.value, { ip, userAgent });
  if (!result.ok)
    return refuse(parsed.submission, tFor(context)("setup.invalidTitle"), {
      status: 410,
      hideFields: ["password", "confirm"],
    });
  throw redirect(`/n/${result.networkId}`, {
    headers: { "Set-Cookie": sessionCookie(result.sessionToken, secure, context.services.sessions.limits.maxMs) },
  });
}

export default function Setup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, agencySector: "municipality" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setupSchema }),
  });
  if (!loaderData.valid) {
    return (
      <div className="page narrow">
        <title>{`${t("setup.invalidTitle")} · ${t("app.name")}`}</title>
        <h1>{t("setup.invalidTitle")}</h1>
        <p>{t("setup.invalidBody")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <title>{`${t("setup.title")} · ${t("app.name")}`}</title>
      <h1>{t("setup.title")}</h1>
      <p className="lead">{t("setup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <fieldset>
          <legend>{t("setup.you")}</legend>
          <TextField meta={fields.name} label={t("setup.name")} autoComplete="name" />
          <TextField meta={fields.email} label={t("setup.email")} type="email" autoComplete="username" />
          <NewPasswordFields
            password={fields.password}
            confirm={fields.confirm}
            labels={{ password: t("setup.password"), confirm: t("setup.confirm") }}
          />
        </fieldset>
        <fieldset>
          <legend>{t("setup.network")}</legend>
          <NetworkFields fields={fields} />
        </fieldset>
        <button type="submit" className="primary">
          {t("setup.submit")}
        </button>
      </Form>
    </div>
  );
}
