import { data } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { isEvaluationExport } from "../contract/evaluationExports.ts";
import type { Route } from "./+types/report-csv";

// One figure of the evaluation page, or the register (codes only), as CSV; every download audited.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "report:view");
  const what = params.figure;
  if (!isEvaluationExport(what)) throw data({ reason: "not_found" }, { status: 404 });
  const { evaluation, policy } = context.services;
  // The register lists every case's code: only those who run it see every case.
  if (what === "register" && !policy.seesAllCases(viewer, params.networkId)) {
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  const csv = await evaluation.exportCsv(actorOf(context, viewer), params.networkId, what);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="casetable-${what}-${day}.csv"`,
    },
  });
}
