import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSharingBasis } from "../../server/cases/sharingBasis.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The sharing basis on the Store (decision 0040): the network's listed bases and the
// withdrawal of consent, the same tests on SQLite and PostgreSQL. Recording a basis still
// runs inside the routing's synchronous transaction; its pages: test/integration/sharingBasis.test.ts.

describe.each(await dialectsUnderTest())("the sharing basis on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const setUp = async () => {
    const s = await seedNetworks(store());
    const { caseRegister, audit } = caseRegisterOn(store());
    const sharingBasis = createSharingBasis({ store: store(), audit });
    const { id } = await store().transaction((tx) =>
      caseRegister.openCase(tx, s.actor("chair"), {
        networkId: s.network,
        summary: "",
        subject: { name: "Jan", dateOfBirth: "1990-01-01", address: null, contacts: null },
      }),
    );
    return { s, sharingBasis, theCase: (await caseRegister.get(id))! };
  };

  it("lists a network's bases by name, retires one once, and refuses another network's retirement", async () => {
    const { s, sharingBasis } = await setUp();
    const coordinator = s.actor("coordinator");
    const court = await sharingBasis.addListedBasis(coordinator, s.network, {
      name: "Court order",
      reference: "Art. 7",
    });
    await sharingBasis.addListedBasis(coordinator, s.network, { name: "Child protection", reference: "Art. 3" });
    expect((await sharingBasis.listedBases(s.network)).map((b) => b.name)).toEqual(["Child protection", "Court order"]);
    expect(await sharingBasis.listedBases(s.other)).toEqual([]);
    expect(await sharingBasis.retireListedBasis(s.actor("outsider"), s.other, court)).toBe(false);
    expect(await Promise.all([1, 2].map(() => sharingBasis.retireListedBasis(coordinator, s.network, court)))).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect((await sharingBasis.listedBases(s.network)).map((b) => b.name)).toEqual(["Child protection"]);
    expect(await sharingBasis.listedBases(s.network, { all: true })).toHaveLength(2);
    expect((await chainOf(store())).map((a) => a.action)).toEqual([
      "case.opened",
      "network.listed_basis_added",
      "network.listed_basis_added",
      "network.listed_basis_retired",
    ]);
  });

  it("withdraws consent on record once, keeps the history, and refuses what cannot be withdrawn", async () => {
    const { s, sharingBasis, theCase } = await setUp();
    const coordinator = s.actor("coordinator");
    const withdrawal = { withdrawnOn: "2025-02-01", note: "Said so by phone." };
    expect(await sharingBasis.withdraw(coordinator, theCase, withdrawal)).toEqual({
      ok: false,
      reason: "no_consent_to_withdraw",
    });
    expect(await sharingBasis.withdraw(coordinator, theCase, { ...withdrawal, withdrawnOn: "2999-01-01" })).toEqual({
      ok: false,
      reason: "in_future",
    });
    const { t } = store();
    await store().transaction((tx) =>
      tx.insert(t.caseSharingBases).values({
        id: randomUUID(),
        networkId: s.network,
        caseId: theCase.id,
        event: "recorded",
        basis: "person_consent",
        effectiveOn: "2025-01-01",
        obtainedBy: s.person.police,
        recordedBy: s.person.coordinator,
        recordedAt: new Date(Date.now() - 60_000),
      }),
    );
    expect(await sharingBasis.stateOf(theCase.id)).toEqual({ state: "consent", by: "person", on: "2025-01-01" });
    const atOnce = await Promise.all(
      Array.from({ length: 8 }, () => sharingBasis.withdraw(coordinator, theCase, withdrawal)),
    );
    expect(atOnce.filter((r) => r.ok)).toHaveLength(1);
    expect(atOnce.filter((r) => !r.ok)).toEqual(Array(7).fill({ ok: false, reason: "no_consent_to_withdraw" }));
    expect(await sharingBasis.stateOf(theCase.id)).toEqual({ state: "withdrawn", by: "person", on: "2025-02-01" });
    expect((await sharingBasis.statesOf([theCase.id])).get(theCase.id)).toMatchObject({ state: "withdrawn" });
    const history = await sharingBasis.historyOf(theCase.id);
    expect(history.map((h) => [h.event, h.obtainedByName, h.recordedByName, h.note])).toEqual([
      ["withdrawn", "coordinator", "coordinator", "Said so by phone."],
      ["recorded", "police", "coordinator", null],
    ]);
    expect(await sharingBasis.withdrawnSince(store().db, s.network, null)).toHaveLength(1);
    expect(await sharingBasis.withdrawnSince(store().db, s.other, null)).toEqual([]);
  });
});
