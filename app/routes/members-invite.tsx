import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { tFor } from "../i18n.ts";
import { MANDATES, ROLES } from "../contract/vocabulary.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { INVITATION_DAYS } from "../contract/limits.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/fields.tsx";
import { NewLinkNotice, RevokeForm } from "../components/SharedLink.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { inviteSchema } from "../forms/network.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/members-invite";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "invitations:manage");
  const { networks, invitations, policy } = context.services;
  const network = (await networks.get(params.networkId))!;
  return {
    agencies: await networks.listAgencies(params.networkId),
    pending: await invitations.listPending(params.networkId),
    roles: ROLES.filter((r) => policy.canAssignRole(viewer, params.networkId, null, r)),
    timeZone: network.timeZone,
    invitationDays: INVITATION_DAYS,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "invitations:manage");
  const { invitations, policy } = context.services;
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const revoked = await invitations.revoke(
      actorOf(context, viewer),
      params.networkId,
      String(formData.get("invitationId")),
    );
    // Nothing of this network by that id (or no longer pending): nothing was changed.
    return data({ result: undefined, revoked }, { status: revoked ? 200 : 404 });
  }
  const parsed = parseForm(formData, inviteSchema);
  if (!parsed.ok) return parsed.response;
  if (!policy.canAssignRole(viewer, params.networkId, null, parsed.value.role)) {
    return refuse(parsed.submission, "", {
      status: 403,
      fieldErrors: { role: [tFor(context)("members.roleNotAllowed")] },
    });
  }
  const created = await invitations.create(actorOf(context, viewer), params.networkId, parsed.value);
  if (!created.ok) {
    const field = created.error === "already_member" ? "email" : "agencyId";
    const key = created.error === "already_member" ? "invitations.alreadyMember" : "members.unknownAgency";
    return refuse(parsed.submission, "", { status: 409, fieldErrors: { [field]: [tFor(context)(key)] } });
  }
  const origin = context.publicUrl ?? new URL(request.url).origin;
  return {
    result: parsed.submission.reply({ resetForm: true }),
    link: `${origin}/invite/${created.token}`,
    email: parsed.value.email,
  };
}

export default function InviteMember({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { agencies, pending, roles, invitationDays } = loaderData;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: { role: "member", mandate: "decides" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("invitations.title")} · ${t("app.name")}`}</title>
      <p>
        <Link to="..">← {t("members.back")}</Link>
      </p>
      <h1>{t("invitations.title")}</h1>
      <p className="lead">{t("invitations.intro", { days: invitationDays })}</p>
      {actionData && "link" in actionData && (
        <NewLinkNotice
          message={t("invitations.created", { email: actionData.email })}
          link={actionData.link}
          copyHint={t("invitations.copyHint")}
          testId="invite-link"
        />
      )}
      {actionData && "revoked" in actionData && actionData.revoked && (
        <Notice tone="success">{t("invitations.revoked")}</Notice>
      )}
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField meta={fields.email} label={t("invitations.email")} type="email" autoComplete="off" />
        <SelectField
          meta={fields.agencyId}
          label={t("invitations.agency")}
          placeholder=""
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          meta={fields.role}
          label={t("invitations.role")}
          hint={t("invitations.roleHint")}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <SelectField
          meta={fields.mandate}
          label={t("invitations.mandate")}
          options={MANDATES.map((m) => ({ value: m, label: t(`mandates.${m}`) }))}
        />
        <button type="submit" name="intent" value="create" className="primary">
          {t("invitations.submit")}
        </button>
      </Form>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">{t("invitations.pending")}</h2>
        {pending.length === 0 ? (
          <p className="muted">{t("invitations.nonePending")}</p>
        ) : (
          <ul className="plain-list">
            {pending.map((p) => (
              <li key={p.id} className="row-between">
                <span>
                  {p.email} · {p.agencyName} · {t(`roles.${p.role}`)}
                  <span className="cell-sub">
                    {t("invitations.expires")} {formatMoment(p.expiresAt, dateStyle)}
                  </span>
                </span>
                <RevokeForm
                  field="invitationId"
                  id={p.id}
                  label={t("invitations.revoke")}
                  accessibleName={`${t("invitations.revoke")}: ${p.email}`}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
