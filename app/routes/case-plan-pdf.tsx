import { data } from "react-router";
import { actorOf, requireCase } from "../../server/auth/guards.ts";
import type { Route } from "./+types/case-plan-pdf";

// The current version of a case's action plan as a PDF in the reader's language: for those
// who may view the case, every download audited (who took which version away).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { documents, database, auditChain } = context.services;
  const plan = await documents.actionPlanPdf(theCase, context.language);
  if (!plan) throw data({ reason: "no_plan" }, { status: 404 });
  const { version, pdf } = plan;
  await database.store.transaction((tx) =>
    auditChain.append(tx, actorOf(context, viewer), {
      action: "plan.downloaded",
      networkId: theCase.networkId,
      subjectType: "case",
      subjectId: theCase.id,
      details: { code: theCase.code, version, bytes: pdf.length },
    }),
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="action-plan-${theCase.code}-v${version}.pdf"`,
      "Content-Length": String(pdf.length),
    },
  });
}
