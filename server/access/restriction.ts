import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema/index.ts";

// A restricted case (GDPR art. 18, decision 0038) is kept but not used: the policy lets
// only the coordinator and the accountable officer see it (canOnCase), the register lists
// it only for them, no agenda takes it, and no meeting view or minutes copy shows it.

/** The codes of a network's cases restricted now, which no copy of the minutes holds. */
export function restrictedCaseCodes(db: Pick<Db, "select">, networkId: string): string[] {
  return db
    .select({ code: cases.code })
    .from(cases)
    .where(and(eq(cases.networkId, networkId), isNotNull(cases.restrictedAt)))
    .all()
    .map((c) => c.code);
}
