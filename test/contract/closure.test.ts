import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createClosure } from "../../server/cases/closure.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Closing a case on the Store (decision 0040): the proposal and the fade-out checks, the same
// tests on SQLite and PostgreSQL. The views and the sign-off still run in the meeting room's
// synchronous transactions; their pages: test/integration/closure.test.ts.

const checklist = { goals: { answer: "yes" as const, note: "Attained." } };

async function activeCase(store: Store) {
  const s = await seedNetworks(store);
  const { caseRegister, audit } = caseRegisterOn(store);
  const { id } = await store.transaction((tx) =>
    caseRegister.openCase(tx, s.actor("chair"), {
      networkId: s.network,
      summary: "",
      subject: { name: "Jan", dateOfBirth: null, address: null, contacts: null },
    }),
  );
  await store.transaction((tx) => tx.update(store.t.cases).set({ stage: "active" }).where(eq(store.t.cases.id, id)));
  const closure = createClosure({ store, audit, caseRegister });
  return { s, closure, theCase: (await caseRegister.get(id))!, caseRegister };
}

describe.each(await dialectsUnderTest())("closure on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("proposals at once: one is on the table, the others are refused, and the audit chain stays one", async () => {
    const { s, closure, theCase } = await activeCase(store());
    const tried = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        closure.propose(s.actor("coordinator"), theCase, { checklist, rationale: `Reason ${i}` }),
      ),
    );
    expect(tried.filter((r) => r.ok)).toHaveLength(1);
    expect(tried.filter((r) => !r.ok)).toEqual(Array(19).fill({ ok: false, reason: "already_proposed" }));
    const [proposal, ...none] = await closure.state(theCase.id);
    expect(none).toEqual([]);
    expect(proposal).toMatchObject({ status: "open", checklist, views: [] });
    expect((await chainOf(store())).filter((a) => a.action === "closure.proposed")).toHaveLength(1);
  });

  it("refuses a proposal before the case is active, changing nothing", async () => {
    const { s, closure, theCase } = await activeCase(store());
    const atSignal = { ...theCase, stage: "signal" as const };
    expect(await closure.propose(s.actor("coordinator"), atSignal, { checklist, rationale: "Too early" })).toEqual({
      ok: false,
      reason: "wrong_stage",
    });
    expect(await closure.state(theCase.id)).toEqual([]);
  });

  it("records a fade-out check once, moves the next check-in on, and refuses another case's check", async () => {
    const { s, closure, theCase, caseRegister } = await activeCase(store());
    const { t } = store();
    const [first, second] = [crypto.randomUUID(), crypto.randomUUID()];
    await store().transaction((tx) =>
      tx.insert(t.monitoringChecks).values([
        { id: first, caseId: theCase.id, dueOn: "2030-01-01" },
        { id: second, caseId: theCase.id, dueOn: "2030-04-01" },
      ]),
    );
    const coordinator = s.actor("coordinator");
    const other = await store().transaction((tx) =>
      caseRegister.openCase(tx, coordinator, {
        networkId: s.network,
        summary: "",
        subject: { name: "Eva", dateOfBirth: null, address: null, contacts: null },
      }),
    );
    expect(await closure.recordCheck(coordinator, (await caseRegister.get(other.id))!, first, "Fine.")).toBe(false);
    const twice = await Promise.all([
      closure.recordCheck(coordinator, theCase, first, "Fine."),
      closure.recordCheck(coordinator, theCase, first, "Fine again."),
    ]);
    expect(twice.sort()).toEqual([false, true]);
    expect((await caseRegister.get(theCase.id))!.nextCheckInOn).toBe("2030-04-01");
    expect((await chainOf(store())).filter((a) => a.action === "monitoring.check_recorded")).toHaveLength(1);
  });
});
