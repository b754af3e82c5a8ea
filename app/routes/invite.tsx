import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf } from "../../server/auth/guards.ts";
import { sessionCookie } from "../../server/auth/sessionCookie.ts";
import { FormErrors, Notice, NewPasswordFields, TextField } from "../components/fields.tsx";
import { acceptInvitationSchema } from "../forms/auth.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/invite";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const preview = await context.services.invitations.preview(params.token);
  const viewer = context.viewer ? { name: context.viewer.name, email: context.viewer.email } : null;
  if (preview.problem)
    return data(
      { preview: null, problem: preview.problem, viewer },
      { status: preview.problem === "not_found" ? 404 : 410 },
    );
  // Whether the address has an account is not told to whoever holds the link.
  const { networkName, agencyName, role, email } = preview;
  return { preview: { networkName, agencyName, role, email }, problem: null, viewer };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const formData = await request.formData();
  const { invitations } = context.services;
  const viewer = context.viewer;
  if (formData.get("intent") === "join") {
    if (!viewer) throw redirect(`/sign-in?next=/invite/${encodeURIComponent(params.token)}`);
    const preview = await invitations.preview(params.token);
    if (preview.problem === null && preview.email !== viewer.email)
      throw data({ reason: "forbidden" }, { status: 403 });
    const result = await invitations.acceptAsPerson(params.token, viewer.personId, actorOf(context, viewer));
    if (!result.ok) return data({ result: null, problem: result.problem }, { status: 410 });
    throw redirect(`/n/${result.networkId}`);
  }
  const parsed = parseForm(formData, acceptInvitationSchema);
  if (!parsed.ok) return parsed.response;
  const verdict = await invitations
    .preview(params.token)
    .then((p) =>
      context.services.accounts.judgeNewPassword(parsed.value.password, [
        parsed.value.name,
        ("email" in p && p.email) || "",
      ]),
    );
  if (!verdict.ok)
    return refuse(parsed.submission, "", {
      fieldErrors: { password: [verdict.reason] },
      hideFields: ["password", "confirm"],
    });
  const { ip, userAgent, secure } = context.requestInfo;
  const result = await invitations.acceptWithNewAccount(params.token, parsed.value, { ip, userAgent });
  if (!result.ok) {
    return refuse(parsed.submission, tFor(context)(`invitations.problem.${result.problem}`), {
      status: 410,
      hideFields: ["password", "confirm"],
    });
  }
  throw redirect(`/n/${result.networkId}`, {
    headers: { "Set-Cookie": sessionCookie(result.sessionToken, secure, context.services.sessions.limits.maxMs) },
  });
}

export default function Invite({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { preview, viewer } = loaderData;
  const problem = loaderData.problem ?? (actionData && "problem" in actionData ? actionData.problem : null);
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptInvitationSchema }),
  });
  if (problem || !preview) {
    return (
      <div className="page narrow">
        <title>{`${t(`invitations.problem.${problem ?? "not_found"}`)} · ${t("app.name")}`}</title>
        <h1>{t(`invitations.problem.${problem ?? "not_found"}`)}</h1>
        <p>
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </div>
    );
  }
  const heading = t("invitations.acceptTitle", { network: preview.networkName });
  const signInLink = `/sign-in?next=${encodeURIComponent(`/invite/${params.token}`)}`;
  return (
    <div className="page narrow">
      <title>{`${heading} · ${t("app.name")}`}</title>
      <h1>{heading}</h1>
      <p className="lead">
        {t("invitations.acceptIntro", {
          network: preview.networkName,
          agency: preview.agencyName,
          role: t(`roles.${preview.role}`),
        })}
      </p>
      <p>{t("invitations.invitedEmail", { email: preview.email })}</p>
      {viewer ? (
        viewer.email === preview.email ? (
          <Form method="post" className="card form">
            <input type="hidden" name="intent" value="join" />
            <button type="submit" className="primary">
              {t("invitations.acceptSignedIn", { name: viewer.name })}
            </button>
          </Form>
        ) : (
          <Notice tone="info">{t("invitations.wrongPerson", { email: viewer.email })}</Notice>
        )
      ) : (
        <>
          <Notice tone="info">
            <p>{t("invitations.signInFirst")}</p>
            <p>
              <Link to={signInLink}>{t("signIn.title")}</Link>
            </p>
          </Notice>
          <Form method="post" {...getFormProps(form)} className="card form">
            <h2>{t("invitations.createAccount")}</h2>
            <FormErrors form={form} />
            <TextField meta={fields.name} label={t("invitations.yourName")} autoComplete="name" />
            <NewPasswordFields
              password={fields.password}
              confirm={fields.confirm}
              labels={{ password: t("setup.password"), confirm: t("setup.confirm") }}
            />
            <button type="submit" className="primary">
              {t("invitations.accept")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
