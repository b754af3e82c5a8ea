import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { Notice } from "../components/fields.tsx";
import type { Route } from "./+types/members";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = requireNetworkAction(context, request, params.networkId, "members:view");
  const { members, policy } = context.services;
  const canChange = policy.can(viewer, "members:changeRole", params.networkId);
  const list = await members.list(params.networkId);
  return {
    // A coordinator sees no "Change" beside an administrator they may not change.
    members: list.map((m) => ({ ...m, changeable: canChange && policy.canAssignRole(viewer, params.networkId, m.role, m.role) })),
    canChange,
    canInvite: policy.can(viewer, "invitations:manage", params.networkId),
  };
}

export default function Members({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const removed = search.get("removed");
  const { members, canChange, canInvite } = loaderData;
  return (
    <div className="page">
      <title>{`${t("members.title")} · ${t("app.name")}`}</title>
      <div className="page-heading">
        <h1>{t("members.title")}</h1>
        {canInvite && (
          <Link to="invite" className="button">
            {t("members.invite")}
          </Link>
        )}
      </div>
      <p className="lead">{t("members.intro")}</p>
      {removed && <Notice tone="success">{t("members.removed", { name: removed })}</Notice>}
      {search.get("saved") && <Notice tone="success">{t("members.saved")}</Notice>}
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
