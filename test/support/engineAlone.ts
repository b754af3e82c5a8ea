import type { Store } from "../../db/store.ts";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { createMeetingEngine } from "../../server/meetings/engine.ts";

/**
 * The meeting engine on `store` with none of the case services: for commands that reach
 * none of them (a test calling one that does fails at the first call).
 */
export const engineWithoutCaseServices = (store: Store) =>
  createMeetingEngine({
    store,
    audit: createAuditChain(store),
    caseRegister: undefined as never,
    analysis: undefined as never,
    closure: undefined as never,
    actionPlans: undefined as never,
  });
