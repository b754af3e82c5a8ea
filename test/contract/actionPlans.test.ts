import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PlanInput } from "../../app/contract/planContent.ts";
import { createActionPlans } from "../../server/cases/actionPlans.ts";
import { caseRegisterOn, chainOf, seedNetworks } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Action plans on the Store (decision 0040): each version is "the latest plus one" under the
// case's plan-version lock, the same tests on SQLite and PostgreSQL. Their pages:
// test/integration/actionPlans.test.ts.

describe.each(await dialectsUnderTest())("action plans on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const setUp = async () => {
    const s = await seedNetworks(store());
    const { caseRegister, audit, standing } = caseRegisterOn(store());
    const actionPlans = createActionPlans({ store: store(), caseRegister, audit, standing });
    const { id } = await store().transaction((tx) =>
      caseRegister.openCase(tx, s.actor("chair"), {
        networkId: s.network,
        summary: "",
        subject: { name: "Jan", dateOfBirth: null, address: null, contacts: null },
      }),
    );
    await store().transaction((tx) =>
      tx.update(store().t.cases).set({ stage: "assessment" }).where(eq(store().t.cases.id, id)),
    );
    const plan = (what: string): PlanInput => ({
      socialContext: "Lives with his mother.",
      goals: [{ id: "g", what, measure: "Attends 4 of 5 days", byWhen: "2030-09-30", standing: "open" }],
      actions: [
        {
          goalId: "g",
          what: "Intake talk",
          ownerAgencyId: s.agency.school,
          ownerPersonId: s.person.school,
          startOn: "2030-05-01",
          dueOn: "2030-05-20",
          status: "planned",
        },
      ],
      agencyIds: [s.agency.police],
      contentCoordinatorId: s.person.chair,
      processCoordinatorId: s.person.coordinator,
      nextCheckInOn: "2030-06-01",
    });
    return { s, actionPlans, caseRegister, theCase: (await caseRegister.get(id))!, plan };
  };

  it("first saves at once: one becomes version 1, the others are told of it and wrote nothing", async () => {
    const { s, actionPlans, theCase, plan, caseRegister } = await setUp();
    const tried = await Promise.all(
      Array.from({ length: 12 }, (_, i) => actionPlans.save(s.actor("coordinator"), theCase, plan(`Goal ${i}`), 0)),
    );
    expect(tried.filter((r) => r.ok)).toEqual([{ ok: true, version: 1 }]);
    expect(tried.filter((r) => !r.ok).every((r) => r.reason === "conflict" && r.latest.version === 1)).toBe(true);
    expect((await actionPlans.versions(theCase.id)).map((v) => v.version)).toEqual([1]);
    expect(await store().db.select().from(store().t.tasks)).toHaveLength(1);
    expect([...(await caseRegister.get(theCase.id))!.scope.involvedAgencyIds].sort()).toEqual(
      [s.agency.police, s.agency.school].sort(),
    );
    expect(await actionPlans.hasPlan(theCase.id)).toBe(true);
    expect((await chainOf(store())).filter((a) => a.action === "plan.saved")).toHaveLength(1);
  });

  it("editors saving at once, each retrying on a conflict, make consecutive versions without gaps or duplicates", async () => {
    const { s, actionPlans, theCase, plan } = await setUp();
    const editor = async (i: number) => {
      for (;;) {
        const base = (await actionPlans.latest(theCase.id))?.version ?? 0;
        const r = await actionPlans.save(s.actor("coordinator"), theCase, plan(`Goal by ${i}`), base);
        if (r.ok) return r.version;
        if (r.reason !== "conflict") throw new Error(r.reason);
      }
    };
    const saved = await Promise.all(Array.from({ length: 8 }, (_, i) => editor(i)));
    expect(saved.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await actionPlans.versions(theCase.id)).map((v) => v.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await actionPlans.draft(theCase.id))!.content.goals[0].what).toMatch(/^Goal by \d$/);
    expect((await chainOf(store())).filter((a) => a.action === "plan.saved")).toHaveLength(8);
  });

  it("refuses a plan naming another network's agency or person, and a closed case, changing nothing", async () => {
    const { s, actionPlans, theCase, plan } = await setUp();
    const foreign = { ...plan("Goal"), agencyIds: [s.agency.theirs], processCoordinatorId: s.person.outsider };
    expect(await actionPlans.save(s.actor("coordinator"), theCase, foreign, 0)).toEqual({
      ok: false,
      reason: "invalid",
      fields: { "agencyIds[0]": "plans.errors.unknownAgency", processCoordinatorId: "plans.errors.unknownPerson" },
    });
    const { t } = store();
    await store().transaction((tx) => tx.update(t.cases).set({ stage: "closed" }).where(eq(t.cases.id, theCase.id)));
    expect(await actionPlans.save(s.actor("coordinator"), theCase, plan("Goal"), 0)).toEqual({
      ok: false,
      reason: "closed",
    });
    expect(await actionPlans.latest(theCase.id)).toBeNull();
    expect(await store().db.select().from(t.tasks)).toEqual([]);
  });
});
