import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { tFor } from "../i18n.ts";
import { MANDATES, ROLES } from "../contract/vocabulary.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { CheckboxField, FormErrors, Notice, SelectField } from "../components/fields.tsx";
import { MEMBER_CHANGE_ERRORS, memberChangeSchema } from "../forms/network.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/member";
import { FORM_VALIDATION } from "../forms/validation.ts";

async function loadMember(context: Route.LoaderArgs["context"], networkId: string, membershipId: string) {
  const member = await context.services.members.get(networkId, membershipId);
  if (!member) throw data({ reason: "not_found" }, { status: 404 });
  return member;
}

const isAdmin = (viewer: { memberships: Record<string, { role: string }> }, networkId: string) =>
  viewer.memberships[networkId]?.role === "admin";

/** For administrators: whether the member has a second factor, and an open reset of it. */
async function secondFactorOf(
  context: Route.LoaderArgs["context"],
  viewer: Parameters<typeof isAdmin>[0] & { personId: string },
  networkId: string,
  personId: string,
) {
  if (!isAdmin(viewer, networkId) || personId === viewer.personId) return null;
  const { secondFactor, members } = context.services;
  const open = (await secondFactor.resetsOf(networkId)).find(
    (r) => r.personId === personId && !r.confirmedAt && !r.cancelledAt,
  );
  const requester = open && (await members.list(networkId)).find((m) => m.personId === open.requestedBy);
  return {
    has: await secondFactor.hasFactor(personId),
    open: open
      ? { id: open.id, reason: open.reason, byName: requester?.name ?? "", byMe: open.requestedBy === viewer.personId }
      : null,
  };
}

/** Resetting a second factor: one administrator asks, another confirms (decision 0027). */
async function resetAction(
  context: Route.ActionArgs["context"],
  request: Request,
  networkId: string,
  membershipId: string,
  formData: FormData,
) {
  const viewer = await requireNetworkAction(context, request, networkId, "members:changeRole");
  if (!isAdmin(viewer, networkId)) throw data({ reason: "forbidden" }, { status: 403 });
  const member = await loadMember(context, networkId, membershipId);
  const actor = { ...actorOf(context, viewer), personId: viewer.personId };
  const { secondFactor } = context.services;
  const intent = formData.get("intent");
  const refused = (key: string) => data({ result: null, resetError: tFor(context)(key) }, { status: 409 });
  if (intent === "factor-reset-request") {
    const reason = String(formData.get("reason") ?? "").trim();
    if (!reason || reason.length > 500)
      return data({ result: null, resetError: tFor(context)("errors.required") }, { status: 400 });
    const result = await secondFactor.requestReset(actor, networkId, member.personId, reason);
    if (!result.ok)
      return refused(result.reason === "already_open" ? "secondFactor.reset.alreadyOpen" : "secondFactor.reset.self");
    return { result: null, resetNotice: tFor(context)("secondFactor.reset.waiting") };
  }
  const resetId = String(formData.get("resetId") ?? "");
  if (intent === "factor-reset-cancel") {
    if (!(await secondFactor.cancelReset(actor, networkId, resetId)))
      throw data({ reason: "not_found" }, { status: 404 });
    return { result: null };
  }
  const result = await secondFactor.confirmReset(actor, networkId, resetId);
  if (!result.ok) {
    if (result.reason === "not_found") throw data({ reason: "not_found" }, { status: 404 });
    return refused(result.reason === "same_admin" ? "secondFactor.reset.sameAdmin" : "secondFactor.reset.self");
  }
  return { result: null, resetNotice: tFor(context)("secondFactor.reset.done") };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "members:changeRole");
  const member = await loadMember(context, params.networkId, params.membershipId);
  const { policy } = context.services;
  if (!policy.canChangeMembership(viewer, params.networkId, member, member.role))
    throw data({ reason: "forbidden" }, { status: 403 });
  return {
    member,
    secondFactor: await secondFactorOf(context, viewer, params.networkId, member.personId),
    roles: ROLES.filter((r) => policy.canChangeMembership(viewer, params.networkId, member, r)),
    agencies: await context.services.networks.listAgencies(params.networkId),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const formData = await request.formData();
  const { networkId, membershipId } = params;
  const { members, policy } = context.services;
  if (String(formData.get("intent")).startsWith("factor-reset-"))
    return resetAction(context, request, networkId, membershipId, formData);
  if (formData.get("intent") === "remove") {
    const viewer = await requireNetworkAction(context, request, networkId, "members:remove");
    const member = await loadMember(context, networkId, membershipId);
    if (!policy.canChangeMembership(viewer, networkId, member, member.role))
      throw data({ reason: "forbidden" }, { status: 403 });
    const result = await members.remove(actorOf(context, viewer), networkId, membershipId);
    if (!result.ok)
      return data({ result: null, removeError: tFor(context)(MEMBER_CHANGE_ERRORS[result.error]) }, { status: 409 });
    throw redirect(`/n/${networkId}/members?removed=${encodeURIComponent(member.name)}`);
  }
  const viewer = await requireNetworkAction(context, request, networkId, "members:changeRole");
  const member = await loadMember(context, networkId, membershipId);
  if (!policy.canChangeMembership(viewer, networkId, member, member.role))
    throw data({ reason: "forbidden" }, { status: 403 });
  const parsed = parseForm(formData, memberChangeSchema);
  if (!parsed.ok) return parsed.response;
  if (!policy.canChangeMembership(viewer, networkId, member, parsed.value.role)) {
    return refuse(parsed.submission, "", {
      status: 403,
      fieldErrors: { role: [tFor(context)("members.roleNotAllowed")] },
    });
  }
  const result = await members.change(
    { ...actorOf(context, viewer), personId: viewer.personId },
    networkId,
    membershipId,
    parsed.value,
  );
  if (!result.ok) return refuse(parsed.submission, tFor(context)(MEMBER_CHANGE_ERRORS[result.error]), { status: 409 });
  throw redirect(`/n/${networkId}/members?${result.pending ? "requested" : "saved"}=1`);
}

export default function Member({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { member, agencies, roles } = loaderData;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: {
      agencyId: member.agencyId,
      role: member.role,
      mandate: member.mandate,
      isAccountableOfficer: member.isAccountableOfficer ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: memberChangeSchema }),
  });
  const heading = t("members.editTitle", { name: member.name });
  return (
    <div className="page narrow">
      <title>{`${heading} · ${t("app.name")}`}</title>
      <p>
        <Link to="..">← {t("members.back")}</Link>
      </p>
      <h1>{heading}</h1>
      <p className="lead">{member.email}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <SelectField
          meta={fields.agencyId}
          label={t("members.agency")}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          meta={fields.role}
          label={t("members.role")}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <SelectField
          meta={fields.mandate}
          label={t("members.mandate")}
          options={MANDATES.map((m) => ({ value: m, label: t(`mandates.${m}`) }))}
        />
        <CheckboxField
          meta={fields.isAccountableOfficer}
          label={t("members.accountableOfficer")}
          hint={t("members.accountableOfficerHint")}
        />
        <p className="muted">{t("members.secondConfirmationHint")}</p>
        <button type="submit" name="intent" value="save" className="primary">
          {t("members.save")}
        </button>
      </Form>
      {loaderData.secondFactor && (
        <section className="card form" aria-labelledby="second-factor-heading">
          <h2 id="second-factor-heading">{t("secondFactor.reset.title")}</h2>
          <p>{t(loaderData.secondFactor.has ? "secondFactor.reset.state_on" : "secondFactor.reset.state_off")}</p>
          <div aria-live="polite">
            {actionData && "resetError" in actionData && (
              <p role="alert" className="field-error">
                {actionData.resetError}
              </p>
            )}
            {actionData && "resetNotice" in actionData && <Notice tone="success">{actionData.resetNotice}</Notice>}
          </div>
          {loaderData.secondFactor.open ? (
            <Form method="post">
              <input type="hidden" name="resetId" value={loaderData.secondFactor.open.id} />
              <p>
                {t("secondFactor.reset.requested", {
                  name: loaderData.secondFactor.open.byName,
                  reason: loaderData.secondFactor.open.reason,
                })}
              </p>
              {loaderData.secondFactor.open.byMe ? (
                <p className="muted">{t("secondFactor.reset.waiting")}</p>
              ) : (
                <button type="submit" name="intent" value="factor-reset-confirm" className="danger">
                  {t("secondFactor.reset.confirm")}
                </button>
              )}{" "}
              <button type="submit" name="intent" value="factor-reset-cancel">
                {t("secondFactor.reset.cancel")}
              </button>
            </Form>
          ) : (
            loaderData.secondFactor.has && (
              <Form method="post">
                <p className="muted">{t("secondFactor.reset.intro")}</p>
                <div className="field">
                  <label htmlFor="reset-reason">{t("secondFactor.reset.reason")}</label>
                  <textarea id="reset-reason" name="reason" rows={2} maxLength={500} required />
                </div>
                <button type="submit" name="intent" value="factor-reset-request">
                  {t("secondFactor.reset.request")}
                </button>
              </Form>
            )
          )}
        </section>
      )}
      <Form method="post" className="card form danger-zone">
        <h2>{t("members.removeTitle")}</h2>
        <p>{t("members.removeIntro", { name: member.name })}</p>
        {actionData && "removeError" in actionData && (
          <p role="alert" className="field-error">
            {actionData.removeError}
          </p>
        )}
        <button type="submit" name="intent" value="remove" className="danger">
          {t("members.remove")}
        </button>
      </Form>
    </div>
  );
}
