import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { INTAKE_LIMITS } from "../contract/limits.ts";
import { FormErrors, Notice, TextField } from "../components/fields.tsx";
import { NewLinkNotice, RevokeForm } from "../components/SharedLink.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { intakeLinkSchema } from "../forms/signals.ts";
import { parseForm } from "../forms/submission.ts";
import type { Route } from "./+types/intake-links";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "intake:manage");
  const network = (await context.services.networks.get(params.networkId))!;
  return {
    links: await context.services.intake.list(params.networkId),
    timeZone: network.timeZone,
    limits: INTAKE_LIMITS,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "intake:manage");
  const formData = await request.formData();
  const actor = { ...actorOf(context, viewer), personId: viewer.personId };
  if (formData.get("intent") === "revoke") {
    const revoked = await context.services.intake.revoke(actor, params.networkId, String(formData.get("linkId")));
    return data({ result: undefined, revoked }, { status: revoked ? 200 : 404 });
  }
  const parsed = parseForm(formData, intakeLinkSchema);
  if (!parsed.ok) return parsed.response;
  const created = await context.services.intake.create(actor, params.networkId, parsed.value.label);
  const origin = context.publicUrl ?? new URL(request.url).origin;
  return {
    result: parsed.submission.reply({ resetForm: true }),
    link: `${origin}/intake/${created.token}`,
    label: parsed.value.label,
  };
}

export default function IntakeLinks({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { links, limits } = loaderData;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: intakeLinkSchema }),
  });
  const when = (at: Date | string) => formatMoment(at, dateStyle);
  return (
    <div className="page narrow">
      <title>{`${t("signals.intakeLinks.title")} · ${t("app.name")}`}</title>
      <h1>{t("signals.intakeLinks.title")}</h1>
      <p className="lead">{t("signals.intakeLinks.intro")}</p>
      <p className="muted">
        {t("signals.intakeLinks.limits", { perLink: limits.perLinkPerDay, perAddress: limits.perAddressPerHour })}
      </p>
      {actionData && "link" in actionData && (
        <NewLinkNotice
          message={t("signals.intakeLinks.created", { label: actionData.label })}
          link={actionData.link}
          copyHint={t("signals.intakeLinks.copyHint")}
          testId="intake-link"
        />
      )}
      {actionData && "revoked" in actionData && actionData.revoked && (
        <Notice tone="success">{t("signals.intakeLinks.revoked")}</Notice>
      )}
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField
          meta={fields.label}
          label={t("signals.intakeLinks.label")}
          hint={t("signals.intakeLinks.labelHint")}
          autoComplete="off"
        />
        <button type="submit" name="intent" value="create" className="primary">
          {t("signals.intakeLinks.create")}
        </button>
      </Form>
      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{t("signals.intakeLinks.list")}</h2>
        {links.length === 0 ? (
          <p className="muted">{t("signals.intakeLinks.none")}</p>
        ) : (
          <ul className="plain-list">
            {links.map((l) => (
              <li key={l.id} className="row-between">
                <span>
                  <strong>{l.label}</strong>
                  <span className="cell-sub">
                    {t("signals.intakeLinks.createdBy", { name: l.createdByName, when: when(l.createdAt) })}
                  </span>
                  <span className="cell-sub">
                    {t("signals.intakeLinks.usage", { total: l.signalsTotal, today: l.signalsToday })}
                  </span>
                </span>
                {l.revokedAt ? (
                  <span className="muted">{t("signals.intakeLinks.revokedOn", { when: when(l.revokedAt) })}</span>
                ) : (
                  <RevokeForm
                    field="linkId"
                    id={l.id}
                    label={t("signals.intakeLinks.revoke")}
                    accessibleName={t("signals.intakeLinks.revokeLabel", { label: l.label })}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
