import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isSealed } from "../../server/crypto/keyring.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The case register on the Store (decision 0040), the same tests on SQLite and PostgreSQL.
// Its pages: test/integration/caseFile.test.ts.

const year = new Date().getUTCFullYear();
const codeOf = (n: number) => `C-${year}-${String(n).padStart(4, "0")}`;
const subject = (name: string) => ({ name, dateOfBirth: "2012-03-04", address: "1 Quay Street", contacts: null });

describe.each(await dialectsUnderTest())("the case register on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("cases opened at once get each network's next codes, without gaps or duplicates, in one audit chain", async () => {
    const s = await seedNetworks(store());
    const { caseRegister } = caseRegisterOn(store());
    const open = (networkId: string, i: number) =>
      store().transaction((tx) =>
        caseRegister.openCase(tx, s.actor("chair"), { networkId, summary: `Case ${i}`, subject: subject(`P${i}`) }),
      );
    const opened = await Promise.all(Array.from({ length: 24 }, (_, i) => open(i % 3 ? s.network : s.other, i)));
    const codes = (networkId: string) =>
      store()
        .db.select({ code: store().t.cases.code })
        .from(store().t.cases)
        .where(eq(store().t.cases.networkId, networkId))
        .then((rows) => rows.map((r) => r.code).sort());
    expect(await codes(s.network)).toEqual(Array.from({ length: 16 }, (_, i) => codeOf(i + 1)));
    expect(await codes(s.other)).toEqual(Array.from({ length: 8 }, (_, i) => codeOf(i + 1)));
    expect(new Set(opened.map((o) => o.id)).size).toBe(24);
    const audit = await chainOf(store());
    expect(audit.filter((a) => a.action === "case.opened")).toHaveLength(24);
  });

  it("keeps the identity sealed, opens it only when looked at, and audits the look", async () => {
    const s = await seedNetworks(store());
    const { caseRegister } = caseRegisterOn(store());
    const { id, code, isMinor } = await store().transaction((tx) =>
      caseRegister.openCase(tx, s.actor("chair"), { networkId: s.network, summary: "", subject: subject("Jan") }),
    );
    expect(isMinor).toBe(true);
    const [stored] = await store().db.select().from(store().t.caseSubjects);
    expect(isSealed(stored.name)).toBe(true);
    const theCase = (await caseRegister.findByCode(s.network, code.toLowerCase()))!;
    expect(theCase).toMatchObject({ id, stage: "signal", scope: { networkId: s.network, involvedAgencyIds: [] } });
    expect(await caseRegister.viewIdentity(s.actor("coordinator"), theCase)).toEqual(subject("Jan"));
    expect(
      await caseRegister.saveIdentity(s.actor("coordinator"), theCase, { ...subject("Jan"), dateOfBirth: null }),
    ).toEqual({ isMinor: false });
    await caseRegister.setSummary(s.actor("chair"), theCase, "A neutral summary.");
    expect(await caseRegister.get(id)).toMatchObject({ isMinor: false, summary: "A neutral summary." });
    expect((await chainOf(store())).map((a) => a.action)).toEqual([
      "case.opened",
      "case.identity_viewed",
      "case.identity_changed",
      "case.summary_changed",
    ]);
  });

  it("involves the network's agencies, and refuses another network's ids, changing nothing", async () => {
    const s = await seedNetworks(store());
    const { caseRegister, standing } = caseRegisterOn(store());
    const changes: unknown[] = [];
    standing.onChanged((c) => changes.push(c));
    const { code } = await store().transaction((tx) =>
      caseRegister.openCase(tx, s.actor("chair"), { networkId: s.network, summary: "", subject: subject("Jan") }),
    );
    const theCase = (await caseRegister.findByCode(s.network, code))!;
    expect(await caseRegister.setInvolvedAgencies(s.actor("chair"), theCase, [s.agency.police])).toEqual({ ok: true });
    const involved = (await caseRegister.findByCode(s.network, code))!;
    expect(involved.scope.involvedAgencyIds).toEqual([s.agency.police]);
    expect(changes).toHaveLength(1);

    expect(
      await caseRegister.setInvolvedAgencies(s.actor("chair"), involved, [s.agency.school, s.agency.theirs]),
    ).toEqual({ ok: false, reason: "unknown_agency" });
    expect((await caseRegister.get(involved.id))!.scope.involvedAgencyIds).toEqual([s.agency.police]);
    expect(await caseRegister.findByCode(s.other, code)).toBeNull();
    expect(changes).toHaveLength(1);
    expect((await chainOf(store())).map((a) => a.action)).toEqual(["case.opened", "case.agencies_changed"]);
  });

  it("lists the codes of the network's restricted cases only", async () => {
    const s = await seedNetworks(store());
    const { caseRegister } = caseRegisterOn(store());
    const open = (networkId: string) =>
      store().transaction((tx) =>
        caseRegister.openCase(tx, s.actor("chair"), { networkId, summary: "", subject: subject("Jan") }),
      );
    const [mine, theirs] = [await open(s.network), await open(s.other)];
    await open(s.network);
    const { t } = store();
    await store().transaction((tx) => tx.update(t.cases).set({ restrictedAt: new Date() }));
    expect(await caseRegister.restrictedCodes(s.network)).toEqual([mine.code, codeOf(2)].sort());
    expect(await caseRegister.restrictedCodes(s.other)).toEqual([theirs.code]);
  });
});
