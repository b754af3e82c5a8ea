import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import { requireViewer } from "../../server/auth/guards.ts";
import type { Route } from "./+types/networks";
import { PageHeading } from "../components/PageHeading.tsx";

export async function loader({ context, request }: Route.LoaderArgs) {
  const viewer = requireViewer(context, request);
  const networks = await context.services.networks.listForPerson(viewer.personId);
  // Most people sit at one table: take them straight there.
  if (networks.length === 1 && !viewer.isInstanceAdmin) throw redirect(`/n/${networks[0].id}`);
  return { networks, canCreate: context.services.policy.canCreateNetwork(viewer) };
}

export default function Networks({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { networks, canCreate } = loaderData;
  return (
    <div className="page">
      <title>{`${t("networks.title")} · ${t("app.name")}`}</title>
      <PageHeading
        title={t("networks.title")}
        action={canCreate && { to: "/networks/new", label: t("networks.create") }}
      />
      {networks.length === 0 ? (
        <p>{t("networks.empty")}</p>
      ) : (
        <ul className="tile-list">
          {networks.map((n) => (
            <li key={n.id}>
              <Link to={`/n/${n.id}`} className="tile">
                <span className="tile-title">{n.name}</span>
                <span className="muted">{t("networks.yourRole", { role: t(`roles.${n.role}`) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
