import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useSearchParams } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { Notice } from "../components/fields.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { MEMBER_CHANGE_ERRORS } from "../forms/network.ts";
import type { Route } from "./+types/members";
import { PageHeading } from "../components/PageHeading.tsx";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "members:view");
  const { members, policy, networks } = context.services;
  const canChange = policy.can(viewer, "members:changeRole", params.networkId);
  const list = await members.list(params.networkId);
  const grants = await members.pendingGrants(params.networkId);
  return {
    // No "Change" beside one's own membership, nor, for a coordinator, beside an administrator.
    members: list.map((m) => ({ ...m, changeable: policy.canChangeMembership(viewer, params.networkId, m, m.role) })),
    grants: grants.map((g) => ({
      ...g,
      requestedAt: g.requestedAt.getTime(),
      mayConfirm: policy.canConfirmGrant(viewer, params.networkId, {
        requestedBy: g.requestedBy,
        personId: g.personId,
        fromRole: g.fromRole,
        toRole: g.role,
      }),
      mayCancel:
        g.requestedBy === viewer.personId ||
        policy.canChangeMembership(viewer, params.networkId, { personId: g.personId, role: g.fromRole }, g.role),
    })),
    canChange,
    canInvite: policy.can(viewer, "invitations:manage", params.networkId),
    timeZone: (await networks.get(params.networkId))!.timeZone,
  };
}

/** Confirming or cancelling a pending grant: what the loader offered, checked again. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "members:changeRole");
  const { members, policy } = context.services;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const grant = (await members.pendingGrants(params.networkId)).find(
    (g) => g.id === String(formData.get("grantId") ?? ""),
  );
  if (!grant || (intent !== "confirm" && intent !== "cancel")) throw data({ reason: "not_found" }, { status: 404 });
  const actor = { ...actorOf(context, viewer), personId: viewer.personId };
  const facts = {
    requestedBy: grant.requestedBy,
    personId: grant.personId,
    fromRole: grant.fromRole,
    toRole: grant.role,
  };
  if (intent === "cancel") {
    const mayCancel =
      grant.requestedBy === viewer.personId ||
      policy.canChangeMembership(
        viewer,
        params.networkId,
        { personId: grant.personId, role: grant.fromRole },
        grant.role,
      );
    if (!mayCancel) throw data({ reason: "forbidden" }, { status: 403 });
    await members.cancelGrant(actor, params.networkId, grant.id);
    throw redirect(`/n/${params.networkId}/members?cancelled=1`);
  }
  if (!policy.canConfirmGrant(viewer, params.networkId, facts)) {
    return data(
      {
        grantId: grant.id,
        error: tFor(context)(
          grant.requestedBy === viewer.personId
            ? "members.samePerson"
            : grant.personId === viewer.personId
              ? "members.ownMembership"
              : "members.roleNotAllowed",
        ),
      },
      { status: 403 },
    );
  }
  const done = await members.confirmGrant(actor, params.networkId, grant.id);
  if (!done.ok)
    return data({ grantId: grant.id, error: tFor(context)(MEMBER_CHANGE_ERRORS[done.error]) }, { status: 409 });
  throw redirect(`/n/${params.networkId}/members?confirmed=1`);
}

export default function Members({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const [search] = useSearchParams();
  const removed = search.get("removed");
  const { members, grants, canChange, canInvite } = loaderData;
  const roleChange = (g: (typeof grants)[number]) =>
    [
      g.role !== g.fromRole && t("members.grantRole", { from: t(`roles.${g.fromRole}`), to: t(`roles.${g.role}`) }),
      g.isAccountableOfficer && !g.wasAccountableOfficer && t("members.grantOfficer"),
    ]
      .filter(Boolean)
      .join(", ");
  return (
    <div className="page">
      <title>{`${t("members.title")} · ${t("app.name")}`}</title>
      <PageHeading title={t("members.title")} action={canInvite && { to: "invite", label: t("members.invite") }} />
      <p className="lead">{t("members.intro")}</p>
      {removed && <Notice tone="success">{t("members.removed", { name: removed })}</Notice>}
      {search.get("saved") && <Notice tone="success">{t("members.saved")}</Notice>}
      {search.get("requested") && <Notice tone="info">{t("members.requested")}</Notice>}
      {search.get("confirmed") && <Notice tone="success">{t("members.confirmed")}</Notice>}
      {search.get("cancelled") && <Notice tone="success">{t("members.cancelled")}</Notice>}
      {actionData?.error && <Notice tone="error">{actionData.error}</Notice>}
      {grants.length > 0 && (
        <section aria-labelledby="grants-heading" className="card">
          <h2 id="grants-heading">{t("members.grantsTitle")}</h2>
          <p>{t("members.grantsIntro")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("members.grantFor")}</th>
                  <th scope="col">{t("members.grantChange")}</th>
                  <th scope="col">{t("members.grantAskedBy")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("members.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {grants.map((g) => (
                  <tr key={g.id}>
                    <th scope="row">{g.name}</th>
                    <td>{roleChange(g)}</td>
                    <td>
                      {g.requestedByName}
                      <span className="cell-sub">{formatMoment(g.requestedAt, dateStyle)}</span>
                    </td>
                    <td>
                      <Form method="post" className="row-actions">
                        <input type="hidden" name="grantId" value={g.id} />
                        {g.mayConfirm ? (
                          <button
                            type="submit"
                            name="intent"
                            value="confirm"
                            aria-label={t("members.confirmLabel", { name: g.name })}
                          >
                            {t("members.confirm")}
                          </button>
                        ) : (
                          <span className="muted">{t("members.waitingForOther")}</span>
                        )}
                        {g.mayCancel && (
                          <button
                            type="submit"
                            name="intent"
                            value="cancel"
                            className="secondary"
                            aria-label={t("members.cancelLabel", { name: g.name })}
                          >
                            {t("members.cancel")}
                          </button>
                        )}
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.agency")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">{t("members.mandate")}</th>
              {canChange && (
                <th scope="col">
                  <span className="visually-hidden">{t("members.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  {m.name}
                  <span className="cell-sub">{m.email}</span>
                </th>
                <td>{m.agencyName}</td>
                <td>
                  {t(`roles.${m.role}`)}
                  {m.isAccountableOfficer && <span className="badge">{t("members.accountableOfficer")}</span>}
                </td>
                <td>{t(`mandates.${m.mandate}`)}</td>
                {canChange && (
                  <td>
                    {m.changeable && (
                      <Link to={m.id} aria-label={t("members.editTitle", { name: m.name })}>
                        {t("members.edit")}
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
