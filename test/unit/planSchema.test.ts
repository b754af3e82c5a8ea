import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { planSchema } from "../../app/forms/plans.ts";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const good = {
  baseVersion: "0",
  socialContext: "Lives with his mother.",
  "goals[0].id": "new-1",
  "goals[0].what": "Back in training",
  "goals[0].measure": "Attends 4 of 5 days for 6 weeks",
  "goals[0].byWhen": "2030-09-30",
  "actions[0].goalId": "new-1",
  "actions[0].what": "Intake talk",
  "actions[0].ownerAgencyId": "ag-1",
  "actions[0].dueOn": "2030-05-20",
  "actions[0].status": "planned",
  nextCheckInOn: "2030-06-10",
};

const errorsOf = (fields: Record<string, string>) => {
  const s = parseWithZod(form(fields), { schema: planSchema });
  return s.status === "error" ? s.error : null;
};

describe("the action plan form: SMART goals and well-formed actions", () => {
  it("accepts a plan with a measured, dated goal and an action serving it", () => {
    const s = parseWithZod(form(good), { schema: planSchema });
    expect(s.status).toBe("success");
    if (s.status === "success")
      expect(s.value).toMatchObject({ baseVersion: 0, goals: [{ standing: "open" }], agencyIds: [] });
  });

  it("refuses a goal without a measure or a date, with the error on that field", () => {
    expect(errorsOf({ ...good, "goals[0].measure": "", "goals[0].byWhen": "" })).toEqual({
      "goals[0].measure": ["plans.errors.measure"],
      "goals[0].byWhen": ["plans.errors.byWhen"],
    });
    expect(errorsOf({ ...good, "goals[0].byWhen": "next spring" })).toEqual({
      "goals[0].byWhen": ["plans.errors.byWhen"],
    });
    expect(errorsOf({ ...good, "goals[0].measure": "   " })).toEqual({ "goals[0].measure": ["plans.errors.measure"] });
  });

  it("refuses a plan with no goal at all", () => {
    const noGoal = Object.fromEntries(
      Object.entries(good).filter(([k]) => !k.startsWith("goals") && !k.startsWith("actions")),
    );
    expect(errorsOf(noGoal)).toEqual({ goals: ["plans.errors.noGoal"] });
  });

  it("needs an action's goal to be in the plan, a reason when stopped, and a due date not before the start", () => {
    expect(
      errorsOf({
        ...good,
        "actions[0].goalId": "new-7",
        "actions[0].status": "stopped",
        "actions[0].startOn": "2030-06-01",
      }),
    ).toEqual({
      "actions[0].goalId": ["plans.errors.goal"],
      "actions[0].dueOn": ["plans.errors.dueBeforeStart"],
      "actions[0].stopReason": ["plans.errors.stopReason"],
    });
    expect(
      errorsOf({ ...good, "actions[0].status": "stopped", "actions[0].stopReason": "agency_not_done" }),
    ).toBeNull();
    expect(errorsOf({ ...good, "actions[0].stopReason": "because" })).toEqual({
      "actions[0].stopReason": [expect.any(String)],
    });
  });
});
