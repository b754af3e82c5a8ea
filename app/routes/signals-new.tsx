import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { SIGNAL_CHANNELS } from "../contract/vocabulary.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { fromLocalInput, toLocalInput } from "../contract/localTime.ts";
import { DateTimeField, FormErrors, SelectField, TextAreaField } from "../components/fields.tsx";
import { ConcernField, ReporterFields, SubjectFields } from "../components/signals/SignalFields.tsx";
import { registerSignalSchema } from "../forms/signals.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/signals-new";
import { FORM_VALIDATION } from "../forms/validation.ts";

// A few minutes' grace for a clock a little ahead of the server's.
const FUTURE_GRACE_MS = 5 * 60_000;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "signals:register");
  const network = (await context.services.networks.get(params.networkId))!;
  return { timeZone: network.timeZone, now: toLocalInput(new Date(), network.timeZone) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "signals:register");
  const parsed = parseForm(await request.formData(), registerSignalSchema);
  if (!parsed.ok) return parsed.response;
  const form = parsed.value;
  const network = (await context.services.networks.get(params.networkId))!;
  const receivedAt = fromLocalInput(form.receivedAt, network.timeZone);
  if (!receivedAt) return refuse(parsed.submission, "", { fieldErrors: { receivedAt: ["signals.errors.dateTime"] } });
  if (receivedAt.getTime() > Date.now() + FUTURE_GRACE_MS)
    return refuse(parsed.submission, "", { fieldErrors: { receivedAt: ["signals.errors.inFuture"] } });
  if (form.subjectDateOfBirth && form.subjectDateOfBirth > new Date().toISOString().slice(0, 10)) {
    return refuse(parsed.submission, "", { fieldErrors: { subjectDateOfBirth: ["signals.errors.inFuture"] } });
  }
  const done = await context.services.signals.register(
    { ...actorOf(context, viewer), personId: viewer.personId },
    {
      networkId: params.networkId,
      agencyId: viewer.memberships[params.networkId].agencyId,
      receivedAt,
      channel: form.channel,
      reporter: {
        name: form.reporterName ?? null,
        organisation: form.reporterOrganisation ?? null,
        contact: form.reporterContact ?? null,
        withheld: form.reporterWithheld,
      },
      concern: form.concern,
      summary: form.summary,
      subject: {
        name: form.subjectName,
        dateOfBirth: form.subjectDateOfBirth ?? null,
        address: form.subjectAddress ?? null,
        contacts: form.subjectContacts ?? null,
      },
    },
  );
  // The case page shows the code, the stage and, for a minor, the child-protection flag.
  throw redirect(`/n/${params.networkId}/cases/${done.code}?registered=1${done.isMinor ? "&minor=1" : ""}`);
}

export default function RegisterSignal({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { timeZone, now } = loaderData;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: { receivedAt: now, channel: "school" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSignalSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("signals.register.title")} · ${t("app.name")}`}</title>
      <h1>{t("signals.register.title")}</h1>
      <p className="lead">{t("signals.register.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <fieldset>
          <legend>{t("signals.register.whenAndHow")}</legend>
          <DateTimeField
            meta={fields.receivedAt}
            label={t("signals.register.receivedAt")}
            hint={t("signals.register.receivedAtHint", { timeZone })}
          />
          <SelectField
            meta={fields.channel}
            label={t("signals.register.channel")}
            options={SIGNAL_CHANNELS.map((c) => ({ value: c, label: t(`signals.channels.${c}`) }))}
          />
        </fieldset>
        <ReporterFields fields={fields} self={false} />
        <ConcernField meta={fields.concern} />
        <TextAreaField
          meta={fields.summary}
          label={t("signals.register.summary")}
          hint={t("signals.register.summaryHint")}
          rows={3}
        />
        <SubjectFields fields={fields} hint={t("signals.register.subjectHint")} />
        <button type="submit" className="primary">
          {t("signals.register.submit")}
        </button>
      </Form>
    </div>
  );
}
