import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import type { AuditEntryInput } from "../../server/audit/auditLog.ts";
import { createAnalysis } from "../../server/cases/analysis.ts";
import { createSharingBasis } from "../../server/cases/sharingBasis.ts";
import { createSignals } from "../../server/cases/signals.ts";
import { createStages } from "../../server/cases/stages.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The decisions on a case on the Store (decision 0040): a signal's analysis and routing, and
// a stage moved by decision, the same tests on SQLite and PostgreSQL. Decisions on one case
// at once (two nodes) wait for the case's row, so one is taken and the others refused. Their
// pages: test/integration/analysis.test.ts and caseFile.test.ts; in the room: meetingRoom.test.ts.

const grade = {
  isSecuritySignal: false,
  sourceGrade: "B",
  informationGrade: "2",
  handling: null,
  gradingRationale: "First-hand.",
  knownConflict: null,
  reporterInterest: null,
  corroboration: null,
};

async function world(store: Store) {
  const s = await seedNetworks(store);
  const { caseRegister, audit, keyring } = caseRegisterOn(store);
  const sharingBasis = createSharingBasis({ store, audit });
  const analysis = createAnalysis({ store, audit, caseRegister, sharingBasis, keyring });
  const stages = createStages({ store, audit, caseRegister, hasPlan: async () => true });
  const signals = createSignals({ store, audit, caseRegister, keyring });
  const received = await signals.register(s.actor("school"), {
    networkId: s.network,
    agencyId: s.agency.school,
    receivedAt: new Date(),
    channel: "school",
    summary: "Worrying drawings.",
    reporter: { name: "A teacher", organisation: "Albert School", contact: null, withheld: true },
    concern: "Worrying drawings in class.",
    subject: { name: "Jan", dateOfBirth: "1990-01-01", address: null, contacts: null },
  });
  const { t } = store;
  const [signal] = await store.db.select().from(t.signals).where(eq(t.signals.caseId, received.caseId));
  const theCase = async () => (await caseRegister.get(received.caseId))!;
  const decisions = () => store.db.select().from(t.decisions).where(eq(t.decisions.caseId, received.caseId));
  const actions = async () => (await chainOf(store)).map((a) => a.action);
  return { s, caseRegister, analysis, stages, signalId: signal!.id, theCase, decisions, actions };
}

describe.each(await dialectsUnderTest())("the decisions on a case on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("grades a signal on the network's scale and refuses a grade off it or another case's signal, changing nothing", async () => {
    const w = await world(store());
    const coordinator = w.s.actor("coordinator");
    const before = await w.actions();
    expect(
      await w.analysis.recordAnalysis(coordinator, await w.theCase(), w.signalId, { ...grade, sourceGrade: "Z" }),
    ).toMatchObject({
      ok: false,
      reason: "bad_grade",
      field: "source",
    });
    expect(await w.analysis.recordAnalysis(coordinator, await w.theCase(), "no-such-signal", grade)).toEqual({
      ok: false,
      reason: "unknown_signal",
    });
    expect(await w.actions()).toEqual(before);
    expect(await w.analysis.recordAnalysis(coordinator, await w.theCase(), w.signalId, grade)).toMatchObject({
      ok: true,
    });
    const { analysis } = (await w.analysis.signalsOf(await w.theCase()))[0]!;
    expect(analysis).toMatchObject({ scale: "admiralty", sourceGrade: "B", informationGrade: "2" });
    expect((await w.actions()).slice(before.length)).toEqual(["signal.analysed"]);
  });

  it("routes a signal once when routings come at once: one decision, its basis for sharing, one audit entry each", async () => {
    const w = await world(store());
    const chair = w.s.actor("chair");
    const atSignal = await w.theCase();
    expect(
      await w.analysis.route(chair, atSignal, { signalId: w.signalId, routing: "no_further_action", rationale: "x" }),
    ).toEqual({
      ok: false,
      reason: "not_analysed",
    });
    await w.analysis.recordAnalysis(w.s.actor("coordinator"), atSignal, w.signalId, grade);
    const before = await w.actions();
    const basis = {
      basis: "person_consent" as const,
      listedBasisId: null,
      caseReference: null,
      obtainedOn: "2026-01-05",
      obtainedBy: w.s.person.police,
    };
    // A basis obtained by someone outside the network: refused, nothing of the routing stays.
    expect(
      await w.analysis.route(chair, atSignal, {
        signalId: w.signalId,
        routing: "take_into_maw",
        rationale: "Needs the table.",
        basis: { ...basis, obtainedBy: w.s.person.outsider },
      }),
    ).toEqual({ ok: false, reason: "unknown_member" });
    expect(await w.actions()).toEqual(before);
    const tried = await Promise.all([
      w.analysis.route(chair, atSignal, {
        signalId: w.signalId,
        routing: "take_into_maw",
        rationale: "Needs the table.",
        basis,
      }),
      w.analysis.route(chair, atSignal, {
        signalId: w.signalId,
        routing: "take_into_maw",
        rationale: "Needs the table.",
        basis,
      }),
      w.analysis.route(chair, atSignal, {
        signalId: w.signalId,
        routing: "no_further_action",
        rationale: "Nothing in it.",
      }),
    ]);
    expect(tried.filter((r) => r.ok)).toHaveLength(1);
    expect(tried.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "not_at_signal_stage" },
      { ok: false, reason: "not_at_signal_stage" },
    ]);
    const [decision, ...none] = await w.decisions();
    expect(none).toEqual([]);
    const routed = await w.theCase();
    expect(routed.stage).toBe(decision!.outcome === "take_into_maw" ? "assessment" : "closed");
    const added = (await w.actions()).slice(before.length);
    expect(added.filter((a) => a === "case.decision_recorded")).toHaveLength(1);
    expect(added.filter((a) => a === "case.sharing_basis_recorded")).toHaveLength(
      decision!.outcome === "take_into_maw" ? 1 : 0,
    );
  });

  it("gathering information makes its task, leaving the audit entries to a caller's transaction", async () => {
    const w = await world(store());
    const atSignal = await w.theCase();
    await w.analysis.recordAnalysis(w.s.actor("coordinator"), atSignal, w.signalId, grade);
    const before = await w.actions();
    const task = {
      what: "Ask the school.",
      ownerAgencyId: w.s.agency.school,
      ownerPersonId: w.s.person.police,
      dueOn: "2030-01-01",
    };
    const input = { signalId: w.signalId, routing: "gather_information" as const, rationale: "Not enough yet.", task };
    expect(await w.analysis.route(w.s.actor("chair"), atSignal, input)).toEqual({
      ok: false,
      reason: "owner_not_in_agency",
    });
    const audits: AuditEntryInput[] = [];
    const routed = await store().transaction((tx) =>
      w.analysis.route(
        w.s.actor("chair"),
        atSignal,
        { ...input, task: { ...task, ownerPersonId: w.s.person.school } },
        { tx, audits },
      ),
    );
    expect(routed).toMatchObject({ ok: true, taskIds: [expect.any(String)] });
    expect(audits.map((a) => a.action)).toEqual(["case.decision_recorded", "task.created"]);
    expect(await w.actions()).toEqual(before);
    expect((await w.theCase()).stage).toBe("signal");
  });

  it("moves a case by decision once when two ask at once, and refuses a move the life of a case has not", async () => {
    const w = await world(store());
    const chair = w.s.actor("chair");
    const { id } = await w.theCase();
    await store().transaction((tx) =>
      tx.update(store().t.cases).set({ stage: "active" }).where(eq(store().t.cases.id, id)),
    );
    const active = await w.theCase();
    const before = await w.actions();
    expect(await w.stages.move(chair, active, "closed", "Done.")).toEqual({
      ok: false,
      reason: "closure_needs_sign_off",
    });
    const tried = await Promise.all([1, 2].map(() => w.stages.move(chair, active, "monitoring", "Stable.")));
    expect(tried.filter((r) => r.ok)).toHaveLength(1);
    expect(tried.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "same_stage" }]);
    expect((await w.theCase()).stage).toBe("monitoring");
    expect(await w.decisions()).toEqual([expect.objectContaining({ kind: "stage", outcome: "monitoring" })]);
    expect((await w.actions()).slice(before.length)).toEqual(["case.decision_recorded"]);
  });
});
