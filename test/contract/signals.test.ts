import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { INTAKE_LIMITS } from "../../app/contract/limits.ts";
import { createIntake } from "../../server/cases/intake.ts";
import { createSignals, type NewSignal } from "../../server/cases/signals.ts";
import { isSealed } from "../../server/crypto/keyring.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Signals and the intake links on the Store (decision 0040), the same tests on SQLite and
// PostgreSQL. Their pages: test/integration/signals.test.ts and intake.test.ts.

const year = new Date().getUTCFullYear();
const codeOf = (n: number) => `C-${year}-${String(n).padStart(4, "0")}`;

const report = (i: number) => ({
  reporter: { name: `Reporter ${i}`, organisation: "Youth centre", contact: null, withheld: true },
  concern: `Concern ${i}`,
  subject: { name: `Subject ${i}`, dateOfBirth: null, address: null, contacts: null },
});

describe.each(await dialectsUnderTest())("signals and intake on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const services = () => {
    const { caseRegister, keyring, audit } = caseRegisterOn(store());
    const signals = createSignals({ store: store(), audit, caseRegister, keyring });
    const intake = createIntake({ store: store(), audit, signals });
    return { caseRegister, signals, intake };
  };

  it("a signal opens its case with the member's agency involved, in the inbox, reporter sealed", async () => {
    const s = await seedNetworks(store());
    const { signals, caseRegister } = services();
    const heard: unknown[] = [];
    signals.onRegistered((n) => heard.push(n));
    const input: NewSignal & { agencyId: string } = {
      networkId: s.network,
      agencyId: s.agency.school,
      receivedAt: new Date(),
      channel: "school",
      summary: "Worrying drawings.",
      ...report(1),
    };
    const done = await signals.register(s.actor("school"), input);
    expect(done).toMatchObject({ code: codeOf(1), isMinor: false });
    const theCase = (await caseRegister.get(done.caseId))!;
    expect(theCase.scope.involvedAgencyIds).toEqual([s.agency.school]);
    expect(await signals.inboxCount(s.network)).toBe(1);
    expect(await signals.inboxCount(s.other)).toBe(0);
    expect((await signals.inbox(s.network)).map((r) => [r.code, r.analysed, r.viaIntake])).toEqual([
      [codeOf(1), false, false],
    ]);
    const [stored] = await store().db.select().from(store().t.signals);
    expect(isSealed(stored.reporterName!)).toBe(true);
    expect((await signals.ofCase(done.caseId))[0]).toMatchObject({ reporterName: "Reporter 1", concern: "Concern 1" });
    expect(heard).toEqual([{ networkId: s.network, code: codeOf(1) }]);
    expect((await chainOf(store())).map((a) => a.action)).toEqual([
      "case.opened",
      "signal.registered",
      "case.agencies_changed",
    ]);
  });

  it("a signal naming another network's agency is refused and leaves nothing", async () => {
    const s = await seedNetworks(store());
    const { signals } = services();
    await expect(
      signals.register(s.actor("school"), {
        networkId: s.network,
        agencyId: s.agency.theirs,
        receivedAt: new Date(),
        channel: "school",
        summary: "",
        ...report(1),
      }),
    ).rejects.toThrow(/not of network/);
    expect(await store().db.select().from(store().t.cases)).toEqual([]);
    expect(await store().db.select().from(store().t.auditLog)).toEqual([]);
  });

  it("reports through a link and signals at once share the network's codes; the link's daily limit holds exactly", async () => {
    const s = await seedNetworks(store());
    const { signals, intake } = services();
    const link = await intake.create(s.actor("coordinator"), s.network, "Youth centre");
    const sent = await Promise.all([
      ...Array.from({ length: INTAKE_LIMITS.perLinkPerDay + 4 }, (_, i) =>
        intake.submit(link.token, `192.0.2.${i}`, report(i)),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        signals.register(s.actor("police"), {
          networkId: s.network,
          agencyId: s.agency.police,
          receivedAt: new Date(),
          channel: "police",
          summary: "",
          ...report(100 + i),
        }),
      ),
    ]);
    const refused = sent.filter((r) => "ok" in r && !r.ok);
    expect(refused).toEqual(Array(4).fill({ ok: false, problem: "rate_limited" }));
    const { t } = store();
    const codes = (await store().db.select({ code: t.cases.code }).from(t.cases)).map((r) => r.code).sort();
    expect(codes).toEqual(Array.from({ length: INTAKE_LIMITS.perLinkPerDay + 6 }, (_, i) => codeOf(i + 1)));
    expect(await store().db.select().from(t.signals).where(eq(t.signals.intakeLinkId, link.id))).toHaveLength(
      INTAKE_LIMITS.perLinkPerDay,
    );
    expect((await intake.list(s.network))[0]).toMatchObject({ signalsTotal: 50, signalsToday: 50 });
    await chainOf(store());
  });

  it("refuses an unknown or revoked link and another network's revocation, changing nothing", async () => {
    const s = await seedNetworks(store());
    const { intake } = services();
    const link = await intake.create(s.actor("coordinator"), s.network, "Youth centre");
    expect(await intake.open(link.token)).toEqual({ problem: null, networkName: "Riverside" });
    expect(await intake.submit("nope", "192.0.2.1", report(1))).toEqual({ ok: false, problem: "not_found" });
    expect(await intake.revoke(s.actor("outsider"), s.other, link.id)).toBe(false);
    expect(await intake.revoke(s.actor("coordinator"), s.network, link.id)).toBe(true);
    expect(await intake.revoke(s.actor("coordinator"), s.network, link.id)).toBe(false);
    expect(await intake.submit(link.token, "192.0.2.1", report(1))).toEqual({ ok: false, problem: "revoked" });
    expect(await intake.open(link.token)).toEqual({ problem: "revoked" });
    expect(await store().db.select().from(store().t.cases)).toEqual([]);
    expect((await chainOf(store())).map((a) => a.action)).toEqual(["intake_link.created", "intake_link.revoked"]);
  });
});
