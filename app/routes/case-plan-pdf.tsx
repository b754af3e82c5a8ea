import { data } from "react-router";
import { actorOf, requireCase } from "../../server/auth/guards.ts";
import { renderActionPlanPdf } from "../../server/documents/actionPlanPdf.ts";
import type { Route } from "./+types/case-plan-pdf";

// The current version of a case's action plan as a PDF: for those who may view the case,
// every download audited (who took which version away).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { actionPlans, networks, audit } = context.services;
  const current = await actionPlans.latest(theCase.id);
  if (!current) throw data({ reason: "no_plan" }, { status: 404 });
  const previous = current.version > 1 ? await actionPlans.version(theCase.id, current.version - 1) : null;
  const network = (await networks.get(theCase.networkId))!;
  const pdf = await renderActionPlanPdf({
    network: { name: network.name, timeZone: network.timeZone },
    caseCode: theCase.code,
    version: current.version,
    savedBy: current.savedBy.name,
    savedAt: current.savedAt,
    content: current.content,
    previous: previous && { version: previous.version, content: previous.content },
    classification: network.classification ?? undefined,
  });
  audit.append(actorOf(context, viewer), {
    action: "plan.downloaded",
    networkId: theCase.networkId,
    subjectType: "case",
    subjectId: theCase.id,
    details: { code: theCase.code, version: current.version, bytes: pdf.length },
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="action-plan-${theCase.code}-v${current.version}.pdf"`,
      "Content-Length": String(pdf.length),
      // Sensitive: never kept by a browser or proxy cache.
      "Cache-Control": "no-store",
    },
  });
}
