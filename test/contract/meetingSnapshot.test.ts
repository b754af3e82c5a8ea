import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Store } from "../../db/store.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { engineWithoutCaseServices } from "../support/engineAlone.ts";

// A joining screen's snapshot (engine.snapshotFor) on a grown meeting: what it holds of
// the decisions, tasks and proposals, field by field and in order, and that the number of
// queries it takes does not grow with them (on PostgreSQL each query is a round trip).

const BASE = Date.parse("2026-03-02T09:00:00Z");

/** A running meeting with `size` case items, and three tasks, a decision and a proposal on each. */
async function seed(store: Store, size: number) {
  const { t } = store;
  const network = randomUUID();
  const meeting = randomUUID();
  const agency = { police: randomUUID(), social: randomUUID() };
  const people = { chair: randomUUID(), officer: randomUUID(), worker: randomUUID() };
  const names = { [people.chair]: "Ada Chair", [people.officer]: "Ben Officer", [people.worker]: "Cleo Worker" };
  const cases = Array.from({ length: size }, (_, i) => ({ id: randomUUID(), code: `RS-${100 + i}` }));
  const items = cases.map((c, i) => ({ id: randomUUID(), caseId: c.id, position: i + 1 }));
  // Each item's tasks: one owned by an agency and a person, one by an agency alone, one by neither.
  const tasks = items.flatMap((item, i) =>
    [0, 1, 2].map((k) => ({
      id: randomUUID(),
      networkId: network,
      caseId: item.caseId,
      what: `Task ${i}.${k}`,
      ownerAgencyId: k < 2 ? agency.police : null,
      ownerPersonId: k === 0 ? people.officer : null,
      dueOn: k === 2 ? null : `2026-04-${String((i % 28) + 1).padStart(2, "0")}`,
      status: k === 1 ? ("in_progress" as const) : ("planned" as const),
      createdAt: new Date(BASE + (i * 3 + k) * 1000),
      meetingId: meeting,
      agendaItemId: item.id,
    })),
  );
  const decisions = items.map((item, i) => ({
    id: randomUUID(),
    networkId: network,
    caseId: item.caseId,
    kind: "routing" as const,
    outcome: `Outcome ${i}`,
    rationale: `Because ${i}`,
    decidedBy: i % 2 ? people.chair : people.officer,
    decidedAt: new Date(BASE + (size - i) * 1000),
    meetingId: meeting,
    agendaItemId: item.id,
  }));
  const proposals = items.map((item, i) => ({
    id: randomUUID(),
    meetingId: meeting,
    itemId: item.id,
    what: `Proposal ${i}`,
    ownerAgencyId: i % 2 ? agency.social : agency.police,
    ownerPersonId: i % 2 ? people.worker : null,
    dueOn: "2026-05-01",
    proposedBy: people.chair,
    proposedAt: new Date(BASE + i * 1000),
  }));
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values({ id: network, name: "Riverside" });
    await tx
      .insert(t.persons)
      .values(
        Object.values(people).map((id) => ({ id, name: names[id], email: `${id}@example.org`, passwordHash: "x" })),
      );
    await tx.insert(t.agencies).values([
      { id: agency.police, networkId: network, name: "Police", sector: "police" },
      { id: agency.social, networkId: network, name: "Social services", sector: "social_services" },
    ]);
    await tx.insert(t.memberships).values([
      {
        id: randomUUID(),
        personId: people.chair,
        networkId: network,
        agencyId: agency.police,
        role: "chair",
        mandate: "decides",
      },
      {
        id: randomUUID(),
        personId: people.officer,
        networkId: network,
        agencyId: agency.police,
        role: "member",
        mandate: "decides",
      },
      {
        id: randomUUID(),
        personId: people.worker,
        networkId: network,
        agencyId: agency.social,
        role: "member",
        mandate: "decides",
      },
    ]);
    await tx.insert(t.meetings).values({
      id: meeting,
      networkId: network,
      title: "Case conference",
      startsAt: new Date(BASE),
      template: "standard",
      language: "en",
      createdBy: people.chair,
      status: "running",
      startedAt: new Date(BASE),
    });
    await tx
      .insert(t.cases)
      .values(
        cases.map((c) => ({ id: c.id, networkId: network, code: c.code, stage: "active" as const, summary: "Shared" })),
      );
    await tx.insert(t.caseAgencies).values(
      cases.flatMap((c) => [
        { caseId: c.id, agencyId: agency.police },
        { caseId: c.id, agencyId: agency.social },
      ]),
    );
    await tx.insert(t.agendaItems).values(
      items.map((item) => ({
        id: item.id,
        meetingId: meeting,
        position: item.position,
        section: "checkins" as const,
        reason: "check_in_due" as const,
        kind: "check_in" as const,
        title: "",
        caseId: item.caseId,
        plannedMinutes: 5,
      })),
    );
    await tx.insert(t.tasks).values(tasks);
    // A task of the case taken outside any item: not the room's.
    await tx.insert(t.tasks).values({ ...tasks[0], id: randomUUID(), what: "Off the agenda", agendaItemId: null });
    await tx.insert(t.decisions).values(decisions);
    await tx.insert(t.decisionViews).values(
      decisions.flatMap((d, i) => [
        { decisionId: d.id, agencyId: agency.social, view: "agree" as const, comment: `Seen ${i}` },
        { decisionId: d.id, agencyId: agency.police, view: "abstain" as const, comment: null },
      ]),
    );
    await tx.insert(t.taskProposals).values(proposals);
  });
  const codeOf = new Map(cases.map((c) => [c.id, c.code]));
  const agencyName = { [agency.police]: "Police", [agency.social]: "Social services" };
  return {
    meeting,
    expected: {
      decisions: [...decisions].reverse().map((d, j) => ({
        id: d.id,
        itemId: d.agendaItemId,
        caseCode: codeOf.get(d.caseId),
        kind: "routing",
        outcome: d.outcome,
        rationale: d.rationale,
        decidedByName: names[d.decidedBy],
        decidedAt: d.decidedAt.getTime(),
        views: [
          { agencyId: agency.police, agencyName: "Police", view: "abstain", comment: null },
          { agencyId: agency.social, agencyName: "Social services", view: "agree", comment: `Seen ${size - 1 - j}` },
        ],
      })),
      tasks: tasks.map((task) => ({
        id: task.id,
        itemId: task.agendaItemId,
        what: task.what,
        ownerAgencyName: task.ownerAgencyId ? agencyName[task.ownerAgencyId] : "",
        ownerPersonName: task.ownerPersonId ? names[task.ownerPersonId] : null,
        dueOn: task.dueOn,
        status: task.status,
      })),
      proposals: proposals.map((p) => ({
        id: p.id,
        itemId: p.itemId,
        what: p.what,
        ownerAgencyId: p.ownerAgencyId,
        ownerAgencyName: agencyName[p.ownerAgencyId],
        ownerPersonId: p.ownerPersonId,
        ownerPersonName: p.ownerPersonId ? names[p.ownerPersonId] : null,
        goalId: null,
        dueOn: "2026-05-01",
        proposedByName: "Ada Chair",
        status: "open",
      })),
    },
  };
}

describe.each(await dialectsUnderTest())("a meeting's snapshot on %s", (dialect) => {
  const store = useFreshStore(dialect);
  // A snapshot reaches none of the case services.
  const engine = () => engineWithoutCaseServices(store());
  afterEach(() => vi.restoreAllMocks());

  /** Counts the statements sent to the database while `work` runs. */
  async function queriesOf(work: () => Promise<unknown>): Promise<number> {
    const s = store();
    let count = 0;
    const countCalls = (prototype: object, method: string) => {
      const original = (prototype as Record<string, (...args: unknown[]) => unknown>)[method];
      vi.spyOn(prototype as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(function (
        this: unknown,
        ...args: unknown[]
      ) {
        count++;
        return original.apply(this, args);
      });
    };
    if (s.driver.dialect === "postgresql") countCalls(pg.Client.prototype, "query");
    else {
      const statement = Object.getPrototypeOf(s.driver.writer.prepare("select 1")) as object;
      for (const method of ["all", "get", "run", "iterate"]) countCalls(statement, method);
    }
    await work();
    vi.restoreAllMocks();
    return count;
  }

  it("holds each decision, task and proposal of the meeting, in order, as the room shows them", async () => {
    const { meeting, expected } = await seed(store(), 10);
    const snapshot = await engine().snapshotFor({ kind: "runner" }, meeting);
    expect(snapshot?.decisions).toEqual(expected.decisions);
    expect(snapshot?.tasks).toEqual(expected.tasks);
    expect(snapshot?.proposals).toEqual(expected.proposals);
  });

  it("takes as many queries for thirty items as for two", async () => {
    const small = await seed(store(), 2);
    const large = await seed(store(), 30);
    const e = engine();
    const member = { kind: "member", personId: "", agencyId: randomUUID(), guestItemIds: [] } as const;
    await e.snapshotFor({ kind: "runner" }, small.meeting); // prepares what is prepared once per connection
    const two = await queriesOf(() => e.snapshotFor({ kind: "runner" }, small.meeting));
    const thirty = await queriesOf(() => e.snapshotFor({ kind: "runner" }, large.meeting));
    expect(thirty).toBe(two);
    expect(await queriesOf(() => e.snapshotFor(member, large.meeting))).toBe(two);
    console.info(`${dialect}: ${thirty} queries for a snapshot of 30 items, 90 tasks, 30 decisions, 30 proposals`);
  });
});
