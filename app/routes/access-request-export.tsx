import { data } from "react-router";
import { requireAccessHandler } from "../../server/auth/guards.ts";
import type { Route } from "./+types/access-request-export";

// The export of a confirmed request (decision 0038): a ZIP of data.json and a PDF, for
// the coordinator who asked and the accountable officer who confirmed, for a week; each
// download audited.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, actor } = await requireAccessHandler(context, request, params.networkId);
  const { accessRequests } = context.services;
  const found = await accessRequests.get(params.networkId, params.requestId);
  if (!found || !(await accessRequests.exportAvailable(found))) throw data({ reason: "not_found" }, { status: 404 });
  if (found.requestedBy !== viewer.personId && found.settledBy !== viewer.personId)
    throw data({ reason: "forbidden" }, { status: 403 });
  const { filename, zip } = await accessRequests.export(actor, found);
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
