import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { FormErrors, Notice } from "../components/fields.tsx";
import { ConcernField, ReporterFields, SubjectFields } from "../components/signals/SignalFields.tsx";
import { tFor } from "../i18n.ts";
import { intakeReportSchema } from "../forms/signals.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/intake";
import { FORM_VALIDATION } from "../forms/validation.ts";

// The public form for front-line workers with no account. It shows the network's name
// and nothing else of it, and answers a report with a receipt number only.

const STATUS = { not_found: 404, revoked: 410 } as const;

export async function loader({ context, params }: Route.LoaderArgs) {
  const opened = await context.services.intake.open(params.token);
  if (opened.problem) return data({ problem: opened.problem, networkName: null }, { status: STATUS[opened.problem] });
  return { problem: null, networkName: opened.networkName };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const parsed = parseForm(await request.formData(), intakeReportSchema);
  if (!parsed.ok) return parsed.response;
  const r = parsed.value;
  if (r.subjectDateOfBirth && r.subjectDateOfBirth > new Date().toISOString().slice(0, 10)) {
    return refuse(parsed.submission, "", { fieldErrors: { subjectDateOfBirth: ["signals.errors.inFuture"] } });
  }
  const sent = await context.services.intake.submit(params.token, context.requestInfo.ip, {
    reporter: {
      name: r.reporterName,
      organisation: r.reporterOrganisation,
      contact: r.reporterContact,
      withheld: r.reporterWithheld,
    },
    concern: r.concern,
    subject: {
      name: r.subjectName,
      dateOfBirth: r.subjectDateOfBirth ?? null,
      address: r.subjectAddress ?? null,
      contacts: r.subjectContacts ?? null,
    },
  });
  if (!sent.ok) {
    if (sent.problem === "rate_limited")
      return refuse(parsed.submission, tFor(context)("signals.intake.limited"), { status: 429 });
    return data({ result: undefined, problem: sent.problem }, { status: STATUS[sent.problem] });
  }
  return { result: undefined, receipt: sent.receipt };
}

export default function IntakeForm({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const problem = loaderData.problem ?? (actionData && "problem" in actionData ? actionData.problem : null);
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: intakeReportSchema }),
  });
  const noIndex = <meta name="robots" content="noindex, nofollow" />;
  if (problem || !loaderData.networkName) {
    const key = problem === "revoked" ? "revoked" : "notFound";
    return (
      <div className="page narrow">
        <title>{`${t(`signals.intake.${key}`)} · ${t("app.name")}`}</title>
        {noIndex}
        <h1>{t(`signals.intake.${key}`)}</h1>
        <p>{t(`signals.intake.${key}Body`)}</p>
      </div>
    );
  }
  const network = loaderData.networkName;
  if (actionData && "receipt" in actionData) {
    return (
      <div className="page narrow">
        <title>{`${t("signals.intake.sentTitle")} · ${t("app.name")}`}</title>
        {noIndex}
        <h1>{t("signals.intake.sentTitle")}</h1>
        <Notice tone="success">
          <p>{t("signals.intake.receipt")}</p>
          <p className="receipt" data-testid="receipt">
            {actionData.receipt}
          </p>
        </Notice>
        <p>{t("signals.intake.receiptHint")}</p>
        <p>
          <Link to=".">{t("signals.intake.another")}</Link>
        </p>
      </div>
    );
  }
  const heading = t("signals.intake.title", { network });
  return (
    <div className="page narrow">
      <title>{`${heading} · ${t("app.name")}`}</title>
      {noIndex}
      <h1>{heading}</h1>
      <p className="lead">{t("signals.intake.intro", { network })}</p>
      <Notice tone="info">{t("signals.intake.urgent")}</Notice>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <ReporterFields fields={fields} self />
        <ConcernField meta={fields.concern} />
        <SubjectFields fields={fields} />
        <button type="submit" className="primary">
          {t("signals.intake.submit")}
        </button>
      </Form>
    </div>
  );
}
