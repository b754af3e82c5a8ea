import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { nextCaseCodes } from "../../server/demo/caseCodes.ts";
import { caseRegisterOn, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The codes of the cases the demo writes itself (its first cases, its past year), on SQLite
// and PostgreSQL: numbered as the case register numbers them, and never the same as a code
// the register hands out at the same time. The whole demo: test/integration/demo.test.ts.

const year = new Date().getUTCFullYear();
const codeIn = (y: number, n: number) => `C-${y}-${String(n).padStart(4, "0")}`;

/** The demo's way of writing cases: one of each year in `years`, in one transaction. */
function writeCases(store: Store, networkId: string, years: number[]) {
  return store.transaction(async (tx) => {
    const codeOf = await nextCaseCodes(store, tx, networkId);
    const rows = years.map((y) => ({
      id: randomUUID(),
      networkId,
      code: codeOf(y),
      stage: "signal" as const,
      summary: "",
    }));
    await tx.insert(store.t.cases).values(rows);
    return rows.map((r) => r.code);
  });
}

async function codesOf(store: Store, networkId: string): Promise<string[]> {
  const rows = await store.db
    .select({ code: store.t.cases.code })
    .from(store.t.cases)
    .where(eq(store.t.cases.networkId, networkId));
  return rows.map((r) => r.code).sort();
}

describe.each(await dialectsUnderTest())("the demo's case codes on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("number each year after its highest code, past 9999, and apart from another network's", async () => {
    const s = await seedNetworks(store());
    await store().transaction(async (tx) => {
      await tx.insert(store().t.cases).values(
        [codeIn(year - 1, 3), codeIn(year, 9999), codeIn(year, 1)].map((code) => ({
          id: randomUUID(),
          networkId: s.network,
          code,
          stage: "signal" as const,
          summary: "",
        })),
      );
    });
    expect(await writeCases(store(), s.network, [year, year - 1, year, year - 2])).toEqual([
      codeIn(year, 10000),
      codeIn(year - 1, 4),
      codeIn(year, 10001),
      codeIn(year - 2, 1),
    ]);
    expect(await writeCases(store(), s.other, [year])).toEqual([codeIn(year, 1)]);
  });

  it("written while signals open cases at once: every code once, none skipped", async () => {
    const s = await seedNetworks(store());
    const { caseRegister } = caseRegisterOn(store());
    const subject = { name: "Jan", dateOfBirth: null, address: null, contacts: null };
    const openCase = () =>
      store().transaction((tx) =>
        caseRegister.openCase(tx, s.actor("coordinator"), { networkId: s.network, summary: "", subject }),
      );
    await Promise.all([
      ...Array.from({ length: 6 }, openCase),
      writeCases(store(), s.network, [year, year, year]),
      writeCases(store(), s.network, [year, year, year]),
    ]);
    expect(await codesOf(store(), s.network)).toEqual(Array.from({ length: 12 }, (_, i) => codeIn(year, i + 1)));
  });
});
