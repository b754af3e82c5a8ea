import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoStory } from "../../server/demo/story.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer();

beforeAll(() => seedDemoStory(app.services, app.net.networkId));

describe("the demo", () => {
  it("shows cases at every point of their life, built through the real services", async () => {
    const { caseList, signals, actionPlans, caseFile, auditChain } = app.services;
    const all = await caseList.list(
      app.net.networkId,
      { overdue: false },
      { today: new Date().toISOString().slice(0, 10) },
    );
    const story = all.filter((c) => Number(c.code.slice(-4)) > 5);
    expect(story.map((c) => c.stage)).toEqual(["signal", "signal", "active", "monitoring", "assessment", "closed"]);
    expect(story[0].isMinor).toBe(true);
    expect(story[5].outcome).toBe("regular_care");
    expect((await signals.inbox(app.net.networkId)).length).toBeGreaterThanOrEqual(2);
    expect((await actionPlans.versions(story[2].id)).length).toBe(2);
    const reopened = await caseFile.timeline((await app.services.caseRegister.get(story[4].id))!);
    expect(reopened.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        "closure_signed",
        "closure_view",
        "decision",
        "plan",
        "assessment",
        "signal",
        "analysis",
      ]),
    );
    expect(await auditChain.verify()).toMatchObject({ intact: true });
  });

  it("has figures on the evaluation page", async () => {
    const { quarters } = await app.services.evaluation.figures(app.net.networkId);
    const withPlans = quarters.filter((q) => q.medianDaysToFirstPlan !== null);
    expect(withPlans.length).toBeGreaterThan(0);
    expect(quarters.reduce((n, q) => n + q.closures, 0)).toBe(1);
    expect(quarters.reduce((n, q) => n + q.reopenings, 0)).toBe(1);
  });
});
