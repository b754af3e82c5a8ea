import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import type { Viewer } from "../../server/auth/policy.ts";
import { createAnalysis } from "../../server/cases/analysis.ts";
import { createClosure } from "../../server/cases/closure.ts";
import { createSharingBasis } from "../../server/cases/sharingBasis.ts";
import { createSignals } from "../../server/cases/signals.ts";
import { createOutbox } from "../../server/mail/outbox.ts";
import { createWrittenProcedures } from "../../server/written/procedures.ts";
import { caseRegisterOn, chainOf, seedNetworks, type Seat } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Decisions in writing on the Store (decision 0040): the same tests on SQLite and
// PostgreSQL, an adopted proposal recorded by the case services in the conclusion's
// transaction. Their pages: test/integration/writtenProcedure.test.ts and sharingBasis.test.ts.

const subject = (name: string) => ({ name, dateOfBirth: null, address: null, contacts: null });
const inADay = () => new Date(Date.now() + 86400_000);

async function seed(store: Store) {
  const s = await seedNetworks(store);
  const registered = caseRegisterOn(store);
  const { caseRegister } = registered;
  const open = (summary: string) =>
    store.transaction((tx) =>
      caseRegister.openCase(tx, s.actor("chair"), { networkId: s.network, summary, subject: subject(summary) }),
    );
  const active = await open("Active case");
  const closed = await open("Closed case");
  const signals = createSignals({ store, audit: registered.audit, caseRegister, keyring: registered.keyring });
  const received = await signals.register(s.actor("school"), {
    networkId: s.network,
    agencyId: s.agency.school,
    receivedAt: new Date(),
    channel: "school",
    summary: "Worrying drawings.",
    reporter: { name: "A teacher", organisation: "Albert School", contact: null, withheld: true },
    concern: "Worrying drawings in class.",
    subject: subject("New signal"),
  });
  const signal = { id: received.caseId, code: received.code };
  await store.transaction(async (tx) => {
    await tx.update(store.t.cases).set({ stage: "active" }).where(eq(store.t.cases.id, active.id));
    await tx.update(store.t.cases).set({ stage: "closed" }).where(eq(store.t.cases.id, closed.id));
  });
  const theCase = (await caseRegister.get(active.id))!;
  expect(await caseRegister.setInvolvedAgencies(s.actor("chair"), theCase, [s.agency.police, s.agency.school])).toEqual(
    { ok: true },
  );
  const viewer = (seat: Seat | "outsider"): Viewer => ({
    personId: s.person[seat],
    isInstanceAdmin: false,
    memberships:
      seat === "outsider"
        ? { [s.other]: { role: "coordinator", agencyId: s.agency.theirs, isAccountableOfficer: false } }
        : {
            [s.network]: {
              role: seat === "chair" || seat === "coordinator" ? seat : "member",
              agencyId: s.agencyOf[seat],
              isAccountableOfficer: false,
            },
          },
  });
  return { ...s, ...registered, cases: { active, signal, closed }, viewer };
}

describe.each(await dialectsUnderTest())("decisions in writing on %s", (dialect) => {
  const store = useFreshStore(dialect);

  function service(s: Awaited<ReturnType<typeof seed>>) {
    const audit = s.audit;
    const { caseRegister } = s;
    const sharingBasis = createSharingBasis({ store: store(), audit });
    return createWrittenProcedures({
      store: store(),
      audit,
      caseRegister,
      analysis: createAnalysis({
        store: store(),
        audit,
        caseRegister,
        sharingBasis,
        keyring: s.keyring,
      }),
      closure: createClosure({ store: store(), audit, caseRegister }),
      outbox: createOutbox(store()),
      worker: { wake() {} },
    });
  }

  /** An open procedure on the active case, as `open` writes it (its mails aside). */
  async function openProcedure(s: Awaited<ReturnType<typeof seed>>, deadline = inADay()) {
    const id = randomUUID();
    await store().transaction((tx) =>
      tx.insert(store().t.writtenProcedures).values({
        id,
        networkId: s.network,
        caseId: s.cases.active.id,
        reason: "other",
        kind: "check_in",
        proposal: { outcome: "adjust_plan", rationale: "The school placement ends before the next meeting." },
        deadline,
        openedBy: s.person.chair,
      }),
    );
    return id;
  }

  it("refuses to open what the rules do not allow, before anything is written", async () => {
    const s = await seed(store());
    const written = service(s);
    const open = (seat: Seat, caseCode: string, proposal: object, deadline = inADay()) =>
      written.open(
        s.actor(seat),
        s.viewer(seat),
        s.network,
        { caseCode, reason: "other", deadline, proposal: proposal as never },
        "https://casetable.example",
      );
    const adjust = { outcome: "adjust_plan", rationale: "Because." };
    const reason = async (p: ReturnType<typeof open>) => {
      const r = await p;
      return r.ok ? "opened" : r.error.reason;
    };
    expect(await reason(open("police", s.cases.active.code, adjust))).toBe("written_chair_only");
    expect(await reason(open("chair", "C-1999-0001", adjust))).toBe("no_such_case");
    expect(await reason(open("chair", s.cases.closed.code, adjust))).toBe("case_closed_reopen");
    expect(await reason(open("chair", s.cases.active.code, { outcome: "close", rationale: "x" }))).toBe(
      "outcome_does_not_fit",
    );
    expect(await reason(open("chair", s.cases.signal.code, { outcome: "take_into_maw", rationale: "x" }))).toBe(
      "not_analysed",
    );
    expect(await reason(open("chair", s.cases.active.code, adjust, new Date(Date.now() - 1000)))).toBe(
      "deadline_ahead",
    );
    expect(await store().db.select().from(store().t.writtenProcedures)).toEqual([]);
    expect((await chainOf(store())).map((a) => a.action)).not.toContain("written.opened");
  });

  it("opens one procedure per case when the chair asks several times at once, and writes one mail to each decider with it", async () => {
    const s = await seed(store());
    const written = service(s);
    const tries = await Promise.all(
      [1, 2, 3, 4].map(() =>
        written.open(
          s.actor("chair"),
          s.viewer("chair"),
          s.network,
          {
            caseCode: s.cases.active.code,
            reason: "closure_drift",
            deadline: inADay(),
            proposal: { outcome: "adjust_plan", rationale: "Before the holidays." },
          },
          "https://casetable.example",
        ),
      ),
    );
    expect(tries.filter((r) => r.ok)).toHaveLength(1);
    expect(tries.filter((r) => !r.ok).map((r) => !r.ok && r.error.reason)).toEqual([
      "already_in_writing",
      "already_in_writing",
      "already_in_writing",
    ]);
    const [procedure] = await store().db.select().from(store().t.writtenProcedures);
    expect(procedure).toMatchObject({
      status: "open",
      proposal: { outcome: "adjust_plan", rationale: "Before the holidays." },
    });
    const mails = await store().db.select().from(store().t.deliveries);
    // Every member who may decide for the police or the school: the chair, the coordinator, the police, the school.
    expect(mails.map((d) => d.recipientPersonId).sort()).toEqual(
      [s.person.chair, s.person.coordinator, s.person.police, s.person.school].sort(),
    );
    expect(mails.every((d) => d.kind === "written_procedure" && d.state === "pending")).toBe(true);
    expect((await chainOf(store())).filter((a) => a.action === "written.opened")).toHaveLength(1);
  });

  it("a proposal that takes a case into multi-agency work needs a basis for sharing", async () => {
    const s = await seed(store());
    const written = service(s);
    // The signal is graded: what the room needs before routing it.
    const [signal] = await store()
      .db.select({ id: store().t.signals.id })
      .from(store().t.signals)
      .where(eq(store().t.signals.caseId, s.cases.signal.id));
    await store().transaction((tx) =>
      tx.insert(store().t.signalAnalyses).values({
        id: randomUUID(),
        signalId: signal!.id,
        scale: "admiralty",
        sourceGrade: "B",
        informationGrade: "2",
        isSecuritySignal: false,
        gradingRationale: "Known source.",
        recordedBy: s.person.chair,
      }),
    );
    const r = await written.open(
      s.actor("chair"),
      s.viewer("chair"),
      s.network,
      {
        caseCode: s.cases.signal.code,
        reason: "minor_at_risk",
        deadline: inADay(),
        proposal: { outcome: "take_into_maw", rationale: "It cannot wait." },
      },
      "https://casetable.example",
    );
    expect(r).toMatchObject({ ok: false, error: { reason: "sharing_basis_needed" } });
    expect(await store().db.select().from(store().t.writtenProcedures)).toEqual([]);
  });

  it("each involved agency answers once, a member who reports back can be followed by the agency's view; the screen shows it in full only to those who see the case", async () => {
    const s = await seed(store());
    const written = service(s);
    const id = await openProcedure(s);
    expect(await written.answer(s.actor("police"), s.network, id, { stance: "agree", reason: null })).toEqual({
      ok: true,
      data: { procedureId: id },
    });
    expect(await written.answer(s.actor("school"), s.network, id, { stance: "disagree", reason: null })).toMatchObject({
      ok: false,
      error: { reason: "dissent_needs_reason" },
    });
    expect(
      await written.answer(s.actor("school"), s.network, id, { stance: "disagree", reason: "Too early." }),
    ).toMatchObject({ ok: true });
    const seen = await written.get(s.viewer("chair"), s.network, id);
    expect(seen?.procedure.detail).toMatchObject({
      proposal: { outcome: "adjust_plan", rationale: "The school placement ends before the next meeting." },
      agencies: [
        { agencyName: "Albert School", deciders: 1 },
        { agencyName: "Police", deciders: 3 },
      ],
      answers: [
        { agencyName: "Albert School", stance: "disagree", reason: "Too early." },
        { agencyName: "Police", stance: "agree" },
      ],
    });
    expect(seen?.seat).toEqual({ answers: "decides", concludes: true });
    expect((await written.list(s.viewer("police"), s.network)).map((p) => [p.id, p.access])).toEqual([[id, "full"]]);
    expect(await written.get(s.viewer("outsider"), s.network, id)).toBeNull();
    expect((await chainOf(store())).filter((a) => a.action === "written.answered")).toHaveLength(2);
  });

  it("refuses answers from another network, an uninvolved agency, after the deadline or once concluded; nothing changes", async () => {
    const s = await seed(store());
    const written = service(s);
    const id = await openProcedure(s);
    const agree = { stance: "agree" as const, reason: null };
    const reason = async (seat: Seat | "outsider", networkId: string, procedureId: string) => {
      const r = await written.answer(s.actor(seat), networkId, procedureId, agree);
      return r.ok ? "answered" : r.error.reason;
    };
    expect(await reason("outsider", s.other, id)).toBe("no_such_procedure");
    expect(await reason("outsider", s.network, id)).toBe("written_members_answer");
    expect(await reason("police", s.other, id)).toBe("written_members_answer");
    expect(await reason("police", s.network, randomUUID())).toBe("no_such_procedure");
    // The school's agency is no longer involved in the case.
    const theCase = (await s.caseRegister.get(s.cases.active.id))!;
    expect(await s.caseRegister.setInvolvedAgencies(s.actor("chair"), theCase, [s.agency.police])).toEqual({
      ok: true,
    });
    expect(await reason("school", s.network, id)).toBe("written_involved_answer");
    const late = await openProcedure(s, new Date(Date.now() + 50));
    await new Promise((done) => setTimeout(done, 60));
    expect(await reason("police", s.network, late)).toBe("deadline_passed");
    expect(await store().db.select().from(store().t.writtenAnswers)).toEqual([]);
    expect((await chainOf(store())).map((a) => a.action)).not.toContain("written.answered");
  });

  it("the chair concludes once: not adopted, the procedure closes with the answers kept; a second conclusion is refused", async () => {
    const s = await seed(store());
    const written = service(s);
    const id = await openProcedure(s);
    await written.answer(s.actor("police"), s.network, id, { stance: "agree", reason: null });
    const changes: string[] = [];
    written.onChange((c) => changes.push(c.event.type));
    const conclude = () =>
      written.conclude(s.actor("chair"), s.viewer("chair"), s.network, id, { result: "not_adopted", note: "Wait." });
    const both = await Promise.all([conclude(), conclude()]);
    expect(both.filter((r) => r.ok)).toEqual([{ ok: true, data: { procedureId: id, decisionId: null } }]);
    expect(both.filter((r) => !r.ok)).toMatchObject([{ ok: false, error: { reason: "procedure_concluded" } }]);
    expect(
      await written.conclude(s.actor("police"), s.viewer("police"), s.network, id, { result: "adopted", note: null }),
    ).toMatchObject({ ok: false, error: { reason: "written_chair_concludes" } });
    expect(await written.answer(s.actor("school"), s.network, id, { stance: "agree", reason: null })).toMatchObject({
      ok: false,
      error: { reason: "answers_closed" },
    });
    const [row] = await store().db.select().from(store().t.writtenProcedures);
    expect(row).toMatchObject({ status: "concluded", result: "not_adopted", note: "Wait.", decisionId: null });
    expect(changes).toEqual(["procedure:concluded"]);
    expect((await chainOf(store())).filter((a) => a.action === "written.concluded")).toHaveLength(1);
  });

  it("adopted, a closure signs off on the views given in writing: the case closes, its audit entries before the conclusion's", async () => {
    const s = await seed(store());
    const written = service(s);
    const { t } = store();
    const theCase = s.cases.active;
    await store().transaction((tx) =>
      tx.insert(t.closureProposals).values({
        id: randomUUID(),
        caseId: theCase.id,
        template: "default",
        checklist: {},
        rationale: "Goals attained.",
        proposedBy: s.person.coordinator,
      }),
    );
    const id = randomUUID();
    await store().transaction((tx) =>
      tx.insert(t.writtenProcedures).values({
        id,
        networkId: s.network,
        caseId: theCase.id,
        reason: "other",
        kind: "closure",
        proposal: { outcome: "close", rationale: "Closed in writing." },
        deadline: inADay(),
        openedBy: s.person.chair,
      }),
    );
    await written.answer(s.actor("police"), s.network, id, { stance: "agree", reason: null });
    const before = (await chainOf(store())).length;
    const officer: Viewer = {
      ...s.viewer("chair"),
      memberships: { [s.network]: { role: "chair", agencyId: s.agency.police, isAccountableOfficer: true } },
    };
    const conclude = () =>
      written.conclude(s.actor("chair"), officer, s.network, id, { result: "adopted", note: null });
    // The school has not answered: its view is missing, so nothing of the adoption stays.
    expect(await conclude()).toMatchObject({ ok: false, error: { reason: "views_missing" } });
    expect(await store().db.select().from(t.closureViews)).toEqual([]);
    expect(await chainOf(store())).toHaveLength(before);

    await written.answer(s.actor("school"), s.network, id, { stance: "disagree", reason: "Too early." });
    const both = await Promise.all([conclude(), conclude()]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toMatchObject([{ ok: false, error: { reason: "procedure_concluded" } }]);
    const [decision, ...none] = await store().db.select().from(t.decisions).where(eq(t.decisions.caseId, theCase.id));
    expect(none).toEqual([]);
    expect(decision).toMatchObject({ kind: "closure", outcome: "closed", details: { writtenProcedureId: id } });
    expect(await s.caseRegister.get(theCase.id)).toMatchObject({ stage: "closed", outcome: "closed_by_decision" });
    expect((await store().db.select().from(t.decisionViews)).map((v) => v.view).sort()).toEqual(["agree", "disagree"]);
    expect(
      (await chainOf(store()))
        .slice(before)
        .map((a) => a.action)
        .filter((a) => a !== "written.answered"),
    ).toEqual([
      "closure.view_given",
      "closure.view_given",
      "case.decision_recorded",
      "closure.signed_off",
      "written.concluded",
    ]);
  });
});
