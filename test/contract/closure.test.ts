import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import type { AuditEntryInput } from "../../server/audit/auditLog.ts";
import { createClosure } from "../../server/cases/closure.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Closing a case on the Store (decision 0040): the proposal, the agencies' views, the
// sign-off and the fade-out checks, the same tests on SQLite and PostgreSQL. Their pages:
// test/integration/closure.test.ts; in the room: test/integration/meetingRoom.test.ts.

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

describe.each(await dialectsUnderTest())("closing's views and sign-off on %s", (dialect) => {
  const store = useFreshStore(dialect);

  /** An active case the police and the school are involved in, with a closure proposal on the table. */
  async function proposed() {
    const set = await activeCase(store());
    const { s, closure, caseRegister } = set;
    await caseRegister.setInvolvedAgencies(s.actor("chair"), set.theCase, [s.agency.police, s.agency.school]);
    expect(
      await closure.propose(s.actor("coordinator"), set.theCase, { checklist, rationale: "Goals attained." }),
    ).toEqual({ ok: true });
    return { ...set, theCase: (await caseRegister.get(set.theCase.id))! };
  }
  const actions = async () => (await chainOf(store())).map((a) => a.action);

  it("takes each involved agency's view, changed until sign-off, and refuses an uninvolved one's, changing nothing", async () => {
    const { s, closure, theCase } = await proposed();
    const police = s.actor("police");
    expect(await closure.giveView(police, theCase, s.agency.theirs, { view: "agree", comment: null })).toEqual({
      ok: false,
      reason: "not_involved",
    });
    expect(
      await closure.giveView(police, theCase, s.agency.police, { view: "disagree", comment: "Too early." }),
    ).toEqual({ ok: true });
    await closure.giveView(police, theCase, s.agency.police, { view: "agree", comment: "On reflection." });
    const [proposal] = await closure.state(theCase.id);
    expect(proposal!.views).toEqual([expect.objectContaining({ agencyId: s.agency.police, view: "agree" })]);
    expect((await actions()).filter((a) => a === "closure.view_given")).toHaveLength(2);
  });

  it("refuses a sign-off while a view is missing, changing nothing; then signs off once when two come at once", async () => {
    const { s, closure, theCase, caseRegister } = await proposed();
    const chair = s.actor("chair");
    await closure.giveView(s.actor("police"), theCase, s.agency.police, { view: "agree", comment: null });
    const before = await actions();
    expect(await closure.signOff(chair, theCase, "Closed.")).toEqual({
      ok: false,
      reason: "views_missing",
      missing: [s.agency.school],
    });
    expect(await actions()).toEqual(before);
    expect((await caseRegister.get(theCase.id))!.stage).toBe("active");

    await closure.giveView(s.actor("school"), theCase, s.agency.school, {
      view: "disagree",
      comment: "Keep watching.",
    });
    const tried = await Promise.all([1, 2, 3].map((n) => closure.signOff(chair, theCase, `Closed ${n}.`)));
    const [signed, ...refused] = [...tried].sort((a) => (a.ok ? -1 : 1));
    expect(signed).toMatchObject({ ok: true });
    expect(refused).toEqual([
      { ok: false, reason: "no_open_proposal" },
      { ok: false, reason: "no_open_proposal" },
    ]);
    const closed = (await caseRegister.get(theCase.id))!;
    expect(closed).toMatchObject({ stage: "closed", outcome: "closed_by_decision" });
    const { t } = store();
    const decisions = await store().db.select().from(t.decisions).where(eq(t.decisions.caseId, theCase.id));
    expect(decisions).toEqual([expect.objectContaining({ kind: "closure", outcome: "closed" })]);
    const checks = await store().db.select().from(t.monitoringChecks).where(eq(t.monitoringChecks.caseId, theCase.id));
    expect(checks.map((c) => c.dueOn).sort()).toEqual(signed!.ok ? [...signed!.checks].sort() : []);
    expect(closed.nextCheckInOn).toBe([...checks.map((c) => c.dueOn)].sort()[0] ?? null);
    const after = (await actions()).slice(before.length);
    expect(after.filter((a) => a === "closure.signed_off")).toHaveLength(1);
    expect(after.filter((a) => a === "case.decision_recorded")).toHaveLength(1);
  });

  it("withdraws the open proposal once; in a caller's transaction it leaves its audit entry to the caller", async () => {
    const { s, closure, theCase } = await proposed();
    const coordinator = s.actor("coordinator");
    const before = await actions();
    const audits: AuditEntryInput[] = [];
    const withdrawn = await store().transaction(async (tx) => {
      const done = await closure.withdraw(coordinator, theCase, { tx, audits });
      expect(await actions()).toEqual(before);
      return done;
    });
    expect(withdrawn).toBe(true);
    expect(audits).toEqual([expect.objectContaining({ action: "closure.withdrawn", subjectId: theCase.id })]);
    expect(await closure.withdraw(coordinator, theCase)).toBe(false);
    expect((await closure.state(theCase.id)).map((p) => p.status)).toEqual(["withdrawn"]);
    expect(await actions()).toEqual(before);
  });
});
