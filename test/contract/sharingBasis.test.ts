import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { days, todayIn } from "../../app/contract/time.ts";
import { createSharingBasis, type SharingBasisInput } from "../../server/cases/sharingBasis.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The sharing basis on the Store (decision 0040): the network's listed bases, the record of
// a basis and the withdrawal of consent, the same tests on SQLite and PostgreSQL. Its pages:
// test/integration/sharingBasis.test.ts; recorded with a routing: caseDecisions.test.ts.

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

  it("takes a basis obtained today in the network's time zone, whatever UTC's day, and refuses its tomorrow", async () => {
    const { s, sharingBasis, theCase } = await setUp();
    // A zone whose day is not UTC's right now: Kiritimati (UTC+14) is a day ahead from 10:00
    // UTC, Pago Pago (UTC-11) a day behind until 11:00 UTC.
    const zone = ["Pacific/Kiritimati", "Pacific/Pago_Pago"].find((z) => todayIn(z) !== todayIn("UTC"))!;
    const { t } = store();
    await store().transaction((tx) =>
      tx.update(t.networks).set({ timeZone: zone }).where(eq(t.networks.id, s.network)),
    );
    const today = todayIn(zone);
    const tomorrow = new Date(Date.parse(today) + days(1)).toISOString().slice(0, 10);
    const basis = (obtainedOn: string): SharingBasisInput => ({
      basis: "person_consent",
      listedBasisId: null,
      caseReference: null,
      obtainedOn,
      obtainedBy: s.person.police,
    });
    expect(await sharingBasis.record(s.actor("coordinator"), theCase, basis(tomorrow))).toEqual({
      ok: false,
      reason: "in_future",
    });
    expect(await sharingBasis.record(s.actor("coordinator"), theCase, basis(today))).toMatchObject({ ok: true });
    expect(await sharingBasis.withdraw(s.actor("coordinator"), theCase, { withdrawnOn: tomorrow, note: null })).toEqual(
      { ok: false, reason: "in_future" },
    );
    expect(
      await sharingBasis.withdraw(s.actor("coordinator"), theCase, { withdrawnOn: today, note: null }),
    ).toMatchObject({ ok: true });
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

  it("records a basis that fits, at once as two records, and refuses one that does not, changing nothing", async () => {
    const { s, sharingBasis, theCase } = await setUp();
    const coordinator = s.actor("coordinator");
    const consent: SharingBasisInput = {
      basis: "person_consent",
      listedBasisId: null,
      caseReference: null,
      obtainedOn: "2025-01-01",
      obtainedBy: s.person.police,
    };
    const court = await sharingBasis.addListedBasis(coordinator, s.network, {
      name: "Court order",
      reference: "Art. 7",
    });
    const theirs = await sharingBasis.addListedBasis(s.actor("outsider"), s.other, { name: "Theirs", reference: "1" });
    const before = (await chainOf(store())).length;
    const refusal = async (input: Partial<SharingBasisInput>) => {
      const r = await sharingBasis.record(coordinator, theCase, { ...consent, ...input });
      return r.ok ? "recorded" : r.reason;
    };
    expect(await refusal({ basis: "parent_consent" })).toBe("basis_does_not_fit");
    expect(await refusal({ obtainedOn: "2999-01-01" })).toBe("in_future");
    expect(await refusal({ obtainedBy: s.person.outsider })).toBe("unknown_member");
    expect(await refusal({ basis: "listed_basis", listedBasisId: theirs })).toBe("unknown_listed_basis");
    expect(await sharingBasis.historyOf(theCase.id)).toEqual([]);
    expect(await chainOf(store())).toHaveLength(before);

    const both = await Promise.all([
      sharingBasis.record(coordinator, theCase, consent),
      sharingBasis.record(coordinator, theCase, {
        ...consent,
        basis: "listed_basis",
        listedBasisId: court,
        caseReference: "2025/17",
      }),
    ]);
    expect(both.map((r) => r.ok)).toEqual([true, true]);
    expect(await sharingBasis.historyOf(theCase.id)).toHaveLength(2);
    expect((await chainOf(store())).slice(before).map((a) => a.action)).toEqual([
      "case.sharing_basis_recorded",
      "case.sharing_basis_recorded",
    ]);
  });
});
