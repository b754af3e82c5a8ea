import { describe, expect, it } from "vitest";
import type { PlanInput } from "../../app/contract/planContent.ts";
import { caseCode, planFormFields, registerSignal, seededCase, visibleText } from "../support/planForms.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ secondTenant: true });

const agencyOf = (email: string) => app.net.members.find((m) => m.email === email)!.agencyId;
const personOf = (email: string) => app.net.members.find((m) => m.email === email)!.personId;
const planUrl = (n: number, rest = "") => `/n/${app.net.networkId}/cases/${caseCode(n)}/plan${rest}`;

/** The case's open tasks, as its case file lists them. */
const openTasks = (caseId: string) => app.services.caseFile.openTasks(caseId);
/** The latest plan's actions with their live tasks' status, as the next version starts from them. */
const liveActions = async (caseId: string) =>
  (await app.services.actionPlans.draft(caseId))!.content.actions.map(({ id, goalId, status, stopReason }) => ({
    id,
    goalId,
    status,
    stopReason,
  }));

function firstPlan(): PlanInput {
  return {
    socialContext: "Lives with mother and two sisters; left vocational school in spring.",
    goals: [
      {
        id: "new-1",
        what: "Back in vocational training",
        measure: "Enrolled and attending 4 of 5 days for 6 weeks",
        byWhen: "2030-09-30",
        standing: "open",
      },
    ],
    actions: [
      {
        goalId: "new-1",
        what: "Intake talk with the training centre",
        ownerAgencyId: agencyOf("police@riverside.example"),
        ownerPersonId: personOf("police@riverside.example"),
        startOn: "2030-05-01",
        dueOn: "2030-05-20",
        status: "planned",
      },
    ],
    agencyIds: [agencyOf("coordinator@riverside.example")],
    contentCoordinatorId: personOf("chair@riverside.example"),
    processCoordinatorId: personOf("coordinator@riverside.example"),
    nextCheckInOn: "2030-06-10",
  };
}

describe("saving an action plan makes versions", () => {
  it("v1 then v2: earlier versions stay readable, tasks follow the actions, the check-in is set, all audited", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const empty = await coordinator.get(planUrl(3));
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain("This case has no action plan yet.");

    const v1 = await coordinator.post(planUrl(3), planFormFields(firstPlan(), 0));
    expect(v1.status).toBe(302);
    expect(v1.headers.get("location")).toBe(planUrl(3, "?saved=1"));
    const theCase = await seededCase(app.services, app.net.networkId, 3);
    expect(theCase.nextCheckInOn).toBe("2030-06-10");
    // The owning agency and the named member's agency are now involved: they need to know.
    expect(theCase.scope.involvedAgencyIds).toEqual(
      expect.arrayContaining([agencyOf("police@riverside.example"), agencyOf("coordinator@riverside.example")]),
    );
    const open = await openTasks(theCase.id);
    expect(open).toMatchObject([{ what: "Intake talk with the training centre", status: "planned" }]);
    const [task] = open;

    const saved = (await app.services.actionPlans.latest(theCase.id))!;
    expect(saved.version).toBe(1);
    expect(await liveActions(theCase.id)).toMatchObject([
      { id: task.id, goalId: saved.content.goals[0].id, status: "planned" },
    ]);

    // Version 2 starts from version 1: the action is done, a second goal is added.
    const next: PlanInput = {
      ...firstPlan(),
      goals: [
        { ...saved.content.goals[0] },
        {
          id: "new-2",
          what: "A mentor outside the old circle",
          measure: "Meets the mentor every week for 3 months",
          byWhen: "2030-12-31",
          standing: "open",
        },
      ],
      actions: [{ ...firstPlan().actions[0], id: task.id, goalId: saved.content.goals[0].id, status: "done" }],
      nextCheckInOn: "2030-07-08",
    };
    const v2 = await coordinator.post(planUrl(3), planFormFields(next, 1));
    expect(v2.headers.get("location")).toBe(planUrl(3, "?saved=2"));
    expect(await openTasks(theCase.id)).toEqual([]);
    expect(await liveActions(theCase.id)).toMatchObject([{ id: task.id, status: "done" }]);
    expect((await seededCase(app.services, app.net.networkId, 3)).nextCheckInOn).toBe("2030-07-08");

    const page = await (await coordinator.get(planUrl(3, "?saved=2"))).text();
    expect(page).toContain("Saved as version 2.");
    expect(page).toContain("Version 2, saved by Tomás Ruiz");

    const old = await coordinator.get(planUrl(3, "/versions?version=1"));
    expect(old.status).toBe(200);
    const oldHtml = await old.text();
    expect(oldHtml).toContain("Back in vocational training");
    expect(oldHtml).not.toContain("A mentor outside the old circle");

    const compared = visibleText(await (await coordinator.get(planUrl(3, "/versions?a=1&b=2"))).text());
    expect(compared).toContain("Version 1 and version 2 side by side");
    expect(compared).toContain("Added Goal: A mentor outside the old circle");
    expect(compared).toContain("Status: Planned → becomes Done");
    expect(compared).toContain("Next check-in: 10 Jun 2030 → becomes 8 Jul 2030");

    expect((await coordinator.get(planUrl(3, "/versions?version=9"))).status).toBe(404);
    expect((await coordinator.get(planUrl(3, "/versions?a=1&b=x"))).status).toBe(404);

    const audit = await auditEntries(app.services, app.net.networkId, "plan.saved", theCase.id);
    expect(audit.map((a) => JSON.parse(a.details).version)).toEqual([1, 2]);
  });

  it("an action taken out of the plan is no longer a live task; a stopped one keeps why", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const theCase = await seededCase(app.services, app.net.networkId, 4);
    const plan = firstPlan();
    plan.actions.push({
      goalId: "new-1",
      what: "Family support visits",
      ownerAgencyId: agencyOf("social@riverside.example"),
      dueOn: "2030-06-01",
      status: "in_progress",
    });
    expect((await coordinator.post(planUrl(4), planFormFields(plan, 0))).status).toBe(302);
    const v1 = (await app.services.actionPlans.latest(theCase.id))!;
    const [first, second] = v1.content.actions;
    const v2: PlanInput = {
      ...plan,
      goals: v1.content.goals,
      actions: [
        {
          ...plan.actions[1],
          id: second.id,
          goalId: v1.content.goals[0].id,
          status: "stopped",
          stopReason: "agency_not_done",
        },
      ],
    };
    expect((await coordinator.post(planUrl(4), planFormFields(v2, 1))).status).toBe(302);
    // The action taken out is no live task any more; the stopped one keeps why.
    expect(await openTasks(theCase.id)).toEqual([]);
    expect(await liveActions(theCase.id)).toMatchObject([
      { id: second.id, status: "stopped", stopReason: "agency_not_done" },
    ]);
    expect((await app.services.actionPlans.version(theCase.id, 1))!.content.actions.map((a) => a.id)).toEqual([
      first.id,
      second.id,
    ]);
    const compared = visibleText(await (await coordinator.get(planUrl(4, "/versions?a=1&b=2"))).text());
    expect(compared).toContain("Removed Action: Intake talk with the training centre");
    expect(compared).toContain("Not done by the agency");
  });
});

describe("two people saving the same version", () => {
  it("the second gets a conflict that shows what the first saved, keeps everything typed, and can save after merging", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const police = await app.signIn("police@riverside.example");
    const theCase = await seededCase(app.services, app.net.networkId, 3);
    const base = (await app.services.actionPlans.latest(theCase.id))!;
    const fromBase = (): PlanInput => ({
      socialContext: base.content.socialContext,
      goals: base.content.goals.map((g) => ({ ...g })),
      actions: base.content.actions.map((a) => ({
        id: a.id,
        goalId: a.goalId,
        what: a.what,
        ownerAgencyId: a.ownerAgency.id,
        ownerPersonId: a.ownerPerson?.id,
        startOn: a.startOn,
        dueOn: a.dueOn,
        status: a.status,
      })),
      agencyIds: base.content.agencies.map((a) => a.id),
      nextCheckInOn: base.content.nextCheckInOn,
    });

    const mine = { ...fromBase(), nextCheckInOn: "2030-08-01" };
    expect((await coordinator.post(planUrl(3), planFormFields(mine, base.version))).headers.get("location")).toBe(
      planUrl(3, `?saved=${base.version + 1}`),
    );

    const theirs = {
      ...fromBase(),
      socialContext: "Police note: the family moved to the east side in May (typed while the other saved).",
    };
    const conflict = await police.post(planUrl(3), planFormFields(theirs, base.version));
    expect(conflict.status).toBe(409);
    const html = await conflict.text();
    const text = visibleText(html);
    expect(text).toContain("Someone else saved this plan while you were editing");
    expect(text).toContain(`Tomás Ruiz saved version ${base.version + 1}`);
    // What the other person changed, and everything this person typed, back in the form.
    expect(text).toContain("Next check-in: 8 Jul 2030 → becomes 1 Aug 2030");
    expect(html).toContain("Police note: the family moved to the east side in May (typed while the other saved).");
    expect(html).toContain(`name="baseVersion" value="${base.version + 1}"`);
    expect((await app.services.actionPlans.latest(theCase.id))!.version).toBe(base.version + 1);

    const merged = { ...theirs, nextCheckInOn: "2030-08-01" };
    const again = await police.post(planUrl(3), planFormFields(merged, base.version + 1));
    expect(again.headers.get("location")).toBe(planUrl(3, `?saved=${base.version + 2}`));
    const latest = (await app.services.actionPlans.latest(theCase.id))!;
    expect(latest.content.socialContext).toContain("Police note");
    expect(latest.savedBy.name).toBe("Jonas Becker");
  });
});

describe("bad input", () => {
  it("a goal without a measure or a date is refused beside the fields, and nothing is saved", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const plan = firstPlan();
    plan.goals[0] = { ...plan.goals[0], measure: "", byWhen: "" };
    const res = await coordinator.post(planUrl(5), planFormFields(plan, 0));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Say how the group will know this goal is reached.");
    expect(html).toContain("Give the date by when this goal should be reached");
    expect(html).toMatch(
      /id="[^"]*goals\[0\]\.measure[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="[^"]*goals\[0\]\.measure/,
    );
    const theCase = await seededCase(app.services, app.net.networkId, 5);
    expect(await app.services.actionPlans.latest(theCase.id)).toBeNull();
    expect(await openTasks(theCase.id)).toEqual([]);
  });

  it("a stopped action must say why; an action must serve a goal of the plan; agencies must be the network's", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const plan = firstPlan();
    plan.actions[0] = { ...plan.actions[0], status: "stopped", goalId: "new-9" };
    let html = await (await coordinator.post(planUrl(5), planFormFields(plan, 0))).text();
    expect(html).toContain("Say why the action stopped");
    expect(html).toContain("Choose the goal this action serves.");

    const foreign = firstPlan();
    foreign.actions[0].ownerAgencyId = (await app.services.networks.listAgencies(app.secondTenant.networkId))[0].id;
    const res = await coordinator.post(planUrl(5), planFormFields(foreign, 0));
    expect(res.status).toBe(400);
    html = await res.text();
    expect(html).toContain("Choose an agency of this network.");
    expect(html).not.toContain("Eastport");
    expect(await app.services.actionPlans.latest((await seededCase(app.services, app.net.networkId, 5)).id)).toBeNull();
  });

  it("goals and actions are added and removed without JavaScript, keeping what was typed", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const fields = {
      ...planFormFields(firstPlan(), 0),
      __intent__: JSON.stringify({
        type: "insert",
        payload: { name: "goals", defaultValue: { id: "new-2", standing: "open" } },
      }),
    };
    const res = await coordinator.post(planUrl(5), fields);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<legend>Goal 2</legend>");
    expect(html).toContain("Back in vocational training");
    expect(html).not.toContain("Say how the group will know");
    const removed = await coordinator.post(planUrl(5), {
      ...planFormFields(firstPlan(), 0),
      __intent__: JSON.stringify({ type: "remove", payload: { name: "actions", index: 0 } }),
    });
    expect(await removed.text()).toContain("No actions yet.");
  });

  it("a closed case's plan cannot be changed", async () => {
    // A new case, closed by the chair at its first analysis: no further action.
    const s = await registerSignal(app.services, app.net);
    const chair = await app.signIn("chair@riverside.example");
    const analysis = `/n/${app.net.networkId}/cases/${s.code}/analysis`;
    const graded = await chair.post(analysis, {
      intent: "analyse",
      signalId: s.signalId,
      sourceGrade: "E",
      informationGrade: "5",
      gradingRationale: "Hearsay.",
    });
    expect(graded.status).toBe(200);
    const routed = await chair.post(analysis, {
      intent: "route",
      signalId: s.signalId,
      routing: "no_further_action",
      rationale: "Nothing to act on.",
    });
    expect(routed.status).toBe(200);
    expect((await app.services.caseRegister.get(s.caseId))!.stage).toBe("closed");
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(`/n/${app.net.networkId}/cases/${s.code}/plan`, planFormFields(firstPlan(), 0));
    expect(res.status).toBe(409);
    expect(visibleText(await res.text())).toContain("This case is closed: its plan can be read but not changed.");
    expect(await app.services.actionPlans.latest(s.caseId)).toBeNull();
  });
});

describe("the service API (as the demo seed uses it, without HTTP)", () => {
  it("saves, refuses a plan that breaks the rules with field names, and answers a stale base with the latest version", async () => {
    const theCase = await seededCase(app.services, app.net.networkId, 5);
    const actor = { personId: app.net.byRole("coordinator").personId, ip: null };
    const { actionPlans } = app.services;
    const bad = await actionPlans.save(
      actor,
      theCase,
      { ...firstPlan(), goals: [{ id: "g", what: "Goal", measure: "", byWhen: "soon", standing: "open" }] },
      0,
    );
    expect(bad).toEqual({
      ok: false,
      reason: "invalid",
      fields: {
        "goals[0].measure": "plans.errors.measure",
        "goals[0].byWhen": "plans.errors.byWhen",
        "actions[0].goalId": "plans.errors.goal",
      },
    });
    const stranger = await actionPlans.save(
      actor,
      theCase,
      { ...firstPlan(), contentCoordinatorId: app.net.byRole("guest").personId },
      0,
    );
    expect(stranger).toEqual({
      ok: false,
      reason: "invalid",
      fields: { contentCoordinatorId: "plans.errors.unknownPerson" },
    });
    expect(await actionPlans.save(actor, theCase, firstPlan(), 0)).toEqual({ ok: true, version: 1 });
    expect(await actionPlans.hasPlan(theCase.id)).toBe(true);
    const stale = await actionPlans.save(actor, theCase, firstPlan(), 0);
    expect(stale).toMatchObject({
      ok: false,
      reason: "conflict",
      latest: { version: 1, savedBy: { name: "Tomás Ruiz" } },
    });
    expect(await actionPlans.save(actor, theCase, firstPlan(), 7)).toMatchObject({ ok: false, reason: "conflict" });
  });
});

describe("who may read and edit a plan", () => {
  it("an involved member edits; an uninvolved member, a guest and another network get 404", async () => {
    const theCase = await seededCase(app.services, app.net.networkId, 2);
    await app.services.caseRegister.setInvolvedAgencies(
      { personId: app.net.byRole("admin").personId, ip: null },
      theCase,
      [agencyOf("police@riverside.example")],
    );
    const police = await app.signIn("police@riverside.example");
    expect((await police.get(planUrl(2))).status).toBe(200);
    expect((await police.post(planUrl(2), planFormFields(firstPlan(), 0))).status).toBe(302);

    for (const email of ["school@riverside.example", "youth@riverside.example"]) {
      const outsider = await app.signIn(email);
      for (const path of ["", "/versions", "/versions?version=1"])
        expect((await outsider.get(planUrl(2, path))).status).toBe(404);
      expect((await outsider.post(planUrl(2), planFormFields(firstPlan(), 1))).status).toBe(404);
    }
    expect((await police.get(`/n/${app.secondTenant.networkId}/cases/${caseCode(2)}/plan`)).status).toBe(404);
    expect(
      (await police.post(`/n/${app.secondTenant.networkId}/cases/${caseCode(2)}/plan`, planFormFields(firstPlan(), 0)))
        .status,
    ).toBe(404);
    expect((await app.services.actionPlans.latest(theCase.id))!.version).toBe(1);
  });
});
