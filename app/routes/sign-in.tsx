import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import { tFor } from "../i18n.ts";
import { sessionCookie } from "../../server/auth/sessionCookie.ts";
import { sameOriginPath } from "../contract/sameOriginPath.ts";
import { endReasonOf } from "../contract/sessionStatus.ts";
import { signInSchema } from "../forms/auth.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import { FormErrors, Notice, TextField } from "../components/fields.tsx";
import { forgetLocalNotes } from "../realtime/localNotes.ts";
import type { Route } from "./+types/sign-in";
import { FORM_VALIDATION } from "../forms/validation.ts";

/** Only paths on this site; never an open redirect. */
const safeNext = (request: Request) => sameOriginPath(new URL(request.url).searchParams.get("next"));

export async function loader({ context, request }: Route.LoaderArgs) {
  if (context.viewer) throw redirect(safeNext(request));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const parsed = parseForm(await request.formData(), signInSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password } = parsed.value;
  const { ip, userAgent, secure } = context.requestInfo;
  const result = await context.services.accounts.signIn(email, password, { ip, userAgent });
  if (!result.ok) {
    const message =
      result.reason === "limited"
        ? tFor(context)("signIn.limited", { count: result.retryAfterSeconds })
        : tFor(context)("signIn.invalid");
    const refused = refuse(parsed.submission, message, {
      status: result.reason === "limited" ? 429 : 400,
      hideFields: ["password"],
    });
    if (result.reason !== "limited") return refused;
    return data(refused.data, { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } });
  }
  // With a second factor owed, or enrolment due, the next page is that step (it brings `next` along).
  const next = safeNext(request);
  const step =
    result.stage === "second_factor"
      ? `/sign-in/second-factor?next=${encodeURIComponent(next)}`
      : result.stage === "enrol"
        ? `/account/second-factor?next=${encodeURIComponent(next)}`
        : next;
  throw redirect(step, {
    headers: { "Set-Cookie": sessionCookie(result.token, secure, context.services.sessions.limits.maxMs) },
  });
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const ended = endReasonOf(search.get("ended"));
  const navigation = useNavigation();
  // Nobody is signed in here: notes kept in this browser for the last person go (signing out lands here).
  useEffect(() => void forgetLocalNotes(), []);
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("signIn.title")} · ${t("app.name")}`}</title>
      <h1>{t("signIn.title")}</h1>
      {ended && <Notice tone="info">{t(`session.ended.${ended}`)}</Notice>}
      <p className="lead">{t("signIn.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField meta={fields.email} label={t("signIn.email")} type="email" autoComplete="username" />
        <TextField
          meta={fields.password}
          label={t("signIn.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p className="muted">{t("signIn.noAccount")}</p>
    </div>
  );
}

/** A paused sign-in says how long to wait (Retry-After). */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}
