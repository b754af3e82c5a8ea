import { eq } from "drizzle-orm";
import type { Query, Store } from "../../db/store.ts";

/**
 * The network's next case codes for the cases the demo writes itself, numbered as the case
 * register numbers them: per year, after the highest code taken (C-2026-0007 after
 * C-2026-0006). Takes the network's case-code lock in `tx` first, so a signal registered
 * at the same time waits for this transaction and numbers after its codes.
 */
export async function nextCaseCodes(store: Store, tx: Query, networkId: string): Promise<(year: number) => string> {
  const { t } = store;
  await store.lock(tx, `case-code:${networkId}`);
  const taken = await tx.select({ code: t.cases.code }).from(t.cases).where(eq(t.cases.networkId, networkId));
  const highest = new Map<number, number>();
  for (const { code } of taken) {
    const [, year, n] = /^C-(\d{4})-(\d+)$/.exec(code) ?? [];
    if (year) highest.set(Number(year), Math.max(highest.get(Number(year)) ?? 0, Number(n)));
  }
  return (year) => {
    const n = (highest.get(year) ?? 0) + 1;
    highest.set(year, n);
    return `C-${year}-${String(n).padStart(4, "0")}`;
  };
}
