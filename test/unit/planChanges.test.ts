import { describe, expect, it } from "vitest";
import { comparePlans } from "../../app/contract/planChanges.ts";
import type { PlanContent } from "../../app/contract/planContent.ts";

const police = { id: "ag-police", name: "Riverside Police" };
const youth = { id: "ag-youth", name: "Riverside Youth Work" };
const jonas = { id: "p-jonas", name: "Jonas Becker" };

function v1(): PlanContent {
  return {
    socialContext: "Lives with his mother.",
    goals: [
      { id: "g1", what: "Back in training", measure: "Attends 4 of 5 days", byWhen: "2030-09-30", standing: "open" },
    ],
    actions: [
      {
        id: "t1",
        goalId: "g1",
        what: "Intake talk",
        ownerAgency: police,
        ownerPerson: jonas,
        startOn: null,
        dueOn: "2030-05-20",
        status: "planned",
        stopReason: null,
      },
    ],
    agencies: [police],
    contentCoordinator: null,
    processCoordinator: jonas,
    nextCheckInOn: "2030-06-10",
  };
}

describe("comparing two versions of a plan", () => {
  it("finds nothing between a version and itself", () => {
    const c = comparePlans(v1(), v1());
    expect(c.same).toBe(true);
    expect(c).toMatchObject({ plan: [], goals: [], actions: [], agencies: { added: [], removed: [] } });
  });

  it("matches goals and actions by id: a reworded goal is changed, not removed and added", () => {
    const next = v1();
    next.goals[0] = { ...next.goals[0], what: "Back in vocational training", standing: "attained" };
    const c = comparePlans(v1(), next);
    expect(c.goals).toEqual([
      {
        id: "g1",
        label: "Back in vocational training",
        kind: "changed",
        fields: [
          { field: "what", from: "Back in training", to: "Back in vocational training" },
          { field: "standing", from: "open", to: "attained" },
        ],
      },
    ]);
    // The action still serves the same goal, so it did not change.
    expect(c.actions).toEqual([]);
  });

  it("reports added and removed goals, actions and organisations, and the plan's own fields", () => {
    const next = v1();
    next.goals.push({ id: "g2", what: "A mentor", measure: "Weekly meetings", byWhen: "2030-12-31", standing: "open" });
    next.actions = [
      {
        id: "t2",
        goalId: "g2",
        what: "Find a mentor",
        ownerAgency: youth,
        ownerPerson: null,
        startOn: "2030-06-01",
        dueOn: "2030-07-01",
        status: "planned",
        stopReason: null,
      },
    ];
    next.agencies = [youth];
    next.nextCheckInOn = "2030-07-08";
    next.contentCoordinator = jonas;
    const c = comparePlans(v1(), next);
    expect(c.same).toBe(false);
    expect(c.goals).toEqual([{ id: "g2", label: "A mentor", kind: "added", fields: [] }]);
    expect(c.actions.map((a) => [a.kind, a.label])).toEqual([
      ["added", "Find a mentor"],
      ["removed", "Intake talk"],
    ]);
    expect(c.agencies).toEqual({ added: [youth], removed: [police] });
    expect(c.plan).toEqual([
      { field: "nextCheckInOn", from: "2030-06-10", to: "2030-07-08" },
      { field: "contentCoordinator", from: null, to: "Jonas Becker" },
    ]);
  });

  it("shows an action moved to another goal by the goals' texts, and a stop with its reason", () => {
    const older = v1();
    older.goals.push({ id: "g2", what: "A mentor", measure: "Weekly", byWhen: "2030-12-31", standing: "open" });
    const newer: PlanContent = structuredClone(older);
    newer.actions[0] = { ...newer.actions[0], goalId: "g2", status: "stopped", stopReason: "circumstances_changed" };
    const [change] = comparePlans(older, newer).actions;
    expect(change.fields).toEqual([
      { field: "goal", from: "Back in training", to: "A mentor" },
      { field: "status", from: "planned", to: "stopped" },
      { field: "stopReason", from: null, to: "circumstances_changed" },
    ]);
  });

  it("counts a coordinator replaced by a namesake as a change", () => {
    const next = v1();
    next.processCoordinator = { id: "p-other", name: "Jonas Becker" };
    expect(comparePlans(v1(), next).plan).toEqual([
      { field: "processCoordinator", from: "Jonas Becker", to: "Jonas Becker" },
    ]);
  });
});
