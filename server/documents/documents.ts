import type { ActionPlans } from "../cases/actionPlans.ts";
import type { SharingBasisService } from "../cases/sharingBasis.ts";
import type { Networks } from "../networks/networks.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { renderActionPlanPdf } from "./actionPlanPdf.ts";
import { defaultClassification } from "./minutesPdf.ts";

/** Documents a page hands out: assembled from the record and rendered here, not in routes. */
export function createDocuments(deps: {
  actionPlans: ActionPlans;
  networks: Networks;
  sharingBasis: SharingBasisService;
}) {
  const { actionPlans, networks, sharingBasis } = deps;
  return {
    /** The marking a network gets unless it sets its own, in a language. */
    defaultClassification,

    /**
     * The current version of a case's action plan as a PDF in the reader's language, with
     * what changed since the one before; null without a plan.
     */
    async actionPlanPdf(
      theCase: { id: string; code: string; networkId: string },
      language: Language,
    ): Promise<{ version: number; pdf: Buffer } | null> {
      const current = await actionPlans.latest(theCase.id);
      if (!current) return null;
      const previous = current.version > 1 ? await actionPlans.version(theCase.id, current.version - 1) : null;
      const network = await networks.get(theCase.networkId);
      if (!network) return null;
      const pdf = await renderActionPlanPdf(
        {
          network: { name: network.name, timeZone: network.timeZone, locale: network.locale },
          caseCode: theCase.code,
          version: current.version,
          savedBy: current.savedBy.name,
          savedAt: current.savedAt,
          content: current.content,
          previous: previous && { version: previous.version, content: previous.content },
          classification: network.classification,
          sharingBasis: await sharingBasis.stateOf(theCase.id),
        },
        { language },
      );
      return { version: current.version, pdf };
    },
  };
}
