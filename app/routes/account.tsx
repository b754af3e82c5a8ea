import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf, requireViewer } from "../../server/auth/guards.ts";
import { FormErrors, Notice, NewPasswordFields, TextField } from "../components/fields.tsx";
import { changePasswordSchema } from "../forms/auth.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/account";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "../contract/vocabulary.ts";
import { personLanguageSchema } from "../forms/language.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  return { name: viewer.name, email: viewer.email, language: viewer.language };
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = requireViewer(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "language") {
    const parsed = parseForm(formData, personLanguageSchema, "language");
    if (!parsed.ok) return parsed.response;
    await context.services.accounts.setLanguage(viewer.personId, parsed.value.language ?? null);
    return { intent: "language", result: undefined, languageSaved: true };
  }
  const parsed = parseForm(formData, changePasswordSchema);
  if (!parsed.ok) return parsed.response;
  const hideFields = ["current", "password", "confirm"];
  const verdict = await context.services.accounts.judgeNewPassword(parsed.value.password, [viewer.name, viewer.email]);
  if (!verdict.ok) return refuse(parsed.submission, "", { fieldErrors: { password: [verdict.reason] }, hideFields });
  const result = await context.services.accounts.changePassword(
    { ...actorOf(context, viewer), personId: viewer.personId },
    viewer.sessionId,
    parsed.value.current,
    parsed.value.password,
  );
  if (!result.ok)
    return refuse(parsed.submission, "", {
      fieldErrors: { current: [tFor(context)("account.wrongCurrent")] },
      hideFields,
    });
  return { result: parsed.submission.reply({ resetForm: true }), changed: true };
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.intent ? undefined : actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("account.title")} · ${t("app.name")}`}</title>
      <h1>{t("account.title")}</h1>
      <p className="lead">
        {loaderData.name} · {loaderData.email}
      </p>
      <LanguageChoice chosen={loaderData.language} saved={!!actionData && "languageSaved" in actionData} />
      <Form method="post" {...getFormProps(form)} className="card form">
        <h2>{t("account.changePassword")}</h2>
        <p className="muted">{t("account.changePasswordIntro")}</p>
        {actionData && "changed" in actionData && <Notice tone="success">{t("account.changed")}</Notice>}
        <FormErrors form={form} />
        <input type="email" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <TextField meta={fields.current} label={t("account.current")} type="password" autoComplete="current-password" />
        <NewPasswordFields
          password={fields.password}
          confirm={fields.confirm}
          labels={{ password: t("account.password"), confirm: t("account.confirm") }}
        />
        <button type="submit" className="primary">
          {t("account.submit")}
        </button>
      </Form>
    </div>
  );
}

/** The person's language: their browser's until they choose one. */
function LanguageChoice({ chosen, saved }: { chosen: Language | null; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card form" aria-labelledby="language-heading">
      <h2 id="language-heading">{t("account.language.title")}</h2>
      {saved && <Notice tone="success">{t("account.language.saved")}</Notice>}
      <div className="field">
        <label htmlFor="language">{t("account.language.label")}</label>
        <p className="hint" id="language-hint">
          {t("account.language.hint")}
        </p>
        <select id="language" name="language" defaultValue={chosen ?? ""} aria-describedby="language-hint">
          <option value="">{t("account.language.browser")}</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" name="intent" value="language" className="primary">
        {t("account.language.submit")}
      </button>
    </Form>
  );
}
