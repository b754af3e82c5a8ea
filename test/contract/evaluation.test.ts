import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createAuditChain } from "../../server/audit/auditLog.ts";
import { createEvaluation } from "../../server/evaluation/evaluation.ts";
import { quarterOf } from "../../server/evaluation/periods.ts";
import { chainOf, seedCase, seedNetworks } from "../support/caseContent.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// The evaluation's figures on the Store (decision 0040): the same tests on SQLite and
// PostgreSQL. The demo's year, the charts and the CSV pages: test/integration/evaluation.test.ts.

const DAY = 86_400_000;

describe.each(await dialectsUnderTest())("evaluation on %s", (dialect) => {
  const store = useFreshStore(dialect);

  async function seeded() {
    const s = await seedNetworks(store());
    const now = new Date();
    const closedOn = new Date(now.getTime() - 10 * DAY);
    const closed = await seedCase(store(), s, { code: "C-2026-0001", stage: "closed", endedAt: closedOn });
    const active = await seedCase(store(), s, { code: "C-2026-0002", stage: "active", endedAt: closedOn });
    await seedCase(store(), s, { code: "C-2026-0001", stage: "closed", endedAt: closedOn, networkId: s.other });
    const { t } = store();
    // The closed case's signal was taken in two days after it came, and graded.
    const received = new Date(closedOn.getTime() - 90 * DAY);
    await store().transaction(async (tx) => {
      await tx.insert(t.decisions).values({
        id: randomUUID(),
        networkId: s.network,
        caseId: closed.case,
        kind: "routing",
        outcome: "take_into_maw",
        rationale: "",
        decidedBy: s.people.officer,
        decidedAt: new Date(received.getTime() + 2 * DAY),
        signalId: closed.signal,
      });
      await tx.insert(t.signalAnalyses).values({
        id: randomUUID(),
        signalId: closed.signal,
        isSecuritySignal: false,
        scale: "admiralty",
        sourceGrade: "B",
        informationGrade: "2",
        gradingRationale: "",
        recordedBy: s.people.officer,
      });
    });
    return { s, closed, active, closedOn, received };
  }

  it("counts stages, closures, routings and grades of the network's own cases only", async () => {
    const { s, closedOn, received } = await seeded();
    const e = await createEvaluation({ store: store(), audit: createAuditChain(store()) }).figures(s.network);
    expect(e.stagesToday).toMatchObject({ closed: 1, active: 1, signal: 0 });
    expect(e.stagesOverTime.at(-1)!.counts).toEqual(e.stagesToday);
    const quarter = (at: Date) => e.quarters.find((q) => q.quarter === quarterOf(at))!;
    expect(quarter(closedOn).closures).toBe(1);
    expect(e.quarters.reduce((n, q) => n + q.closures, 0)).toBe(1);
    expect(e.quarters.reduce((n, q) => n + q.signals, 0)).toBe(2);
    expect(quarter(received).medianDaysToRouting).toBe(2);
    expect(e.signalsByRouting.filter((r) => r.signals > 0)).toEqual([
      { routing: "take_into_maw", signals: 1 },
      { routing: "not_routed", signals: 1 },
    ]);
    expect(e.signalsBySourceGrade).toEqual([
      { scale: "admiralty", grade: "B", signals: 1 },
      { scale: "none", grade: "none", signals: 1 },
    ]);
    // The closed case's stay in assessment ended with its closure.
    expect(e.timeInStage.find((x) => x.stage === "assessment")!.stays).toBe(1);
  });

  it("exports the register, codes only, and a figure as CSV, each audited without content", async () => {
    const { s, closed, active } = await seeded();
    const evaluation = createEvaluation({ store: store(), audit: createAuditChain(store()) });
    const actor = { personId: s.people.coordinator, ip: null };
    const register = parse(await evaluation.exportCsv(actor, s.network, "register"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(register.map((l) => [l.code, l.stage, l.signals, l.last_decision_on !== ""])).toEqual([
      [closed.code, "closed", "1", true],
      [active.code, "active", "1", true],
    ]);
    const csv = await evaluation.exportCsv(actor, s.network, "closures");
    expect(csv.split("\r\n")[0]).toBe("quarter,closures,reopenings");
    for (const words of Object.values(closed.words)) expect(csv).not.toContain(words);
    const entries = await chainOf(store());
    expect(entries.map((x) => [x.action, x.networkId, JSON.parse(x.details).what])).toEqual([
      ["evaluation.exported", s.network, "register"],
      ["evaluation.exported", s.network, "closures"],
    ]);
  });
});
