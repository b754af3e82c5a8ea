import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { scratchDoc } from "../contract/noteDocs.ts";
import { CollaborativeNotes } from "../components/CollaborativeNotes.tsx";
import type { Route } from "./+types/notes-scratch";

/**
 * A network's scratch notes: the collaborative notes outside a meeting, for trying them
 * and for testing them end to end. Only `network-scratch:<this network>` is served here;
 * the socket asks the same access rule again.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "network:view");
  if (params.doc !== scratchDoc(params.networkId)) throw data({ reason: "not_found" }, { status: 404 });
  const network = await context.services.networks.get(params.networkId);
  if (!network) throw data({ reason: "not_found" }, { status: 404 });
  return { doc: params.doc, network: { name: network.name }, user: { personId: viewer.personId, name: viewer.name } };
}

export default function ScratchNotes({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { doc, network, user } = loaderData;
  return (
    <div className="page">
      <title>{`${t("notes.scratch.title")} · ${network.name} · ${t("app.name")}`}</title>
      <h1>{t("notes.scratch.title")}</h1>
      <p className="muted">{t("notes.scratch.intro")}</p>
      <CollaborativeNotes doc={doc} label={t("notes.scratch.label", { network: network.name })} user={user} />
    </div>
  );
}
