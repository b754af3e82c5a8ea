import type { Services } from "../../server/services.ts";

/**
 * The network's audit entries of one action (about one subject, if given), oldest first:
 * what an admin reads on the audit page.
 */
export async function auditEntries(services: Services, networkId: string, action: string, subjectId?: string) {
  const entries = await services.auditChain.listForNetwork(networkId, { limit: 100_000 });
  return entries.filter((e) => e.action === action && (subjectId === undefined || e.subjectId === subjectId)).reverse();
}
