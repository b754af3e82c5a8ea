import { beforeAll, describe, expect, it } from "vitest";
import type { Visitor } from "../support/http.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";
import { registerSignal } from "../support/planForms.ts";

const app = useTestServer({ secondTenant: true });
let chair: Visitor;

beforeAll(async () => {
  chair = await app.signIn("chair@riverside.example");
});

const caseOf = async (code: string) => (await app.services.caseRegister.findByCode(app.net.networkId, code))!;
/** The signal's analyses as the case's history lists them, and the latest (the one that counts). */
async function analysesOf(s: { code: string; signalId: string }) {
  const c = await caseOf(s.code);
  const history = (await app.services.caseFile.timeline(c)).filter((e) => e.kind === "analysis");
  const latest = (await app.services.analysis.signalsOf(c)).find((x) => x.signal.id === s.signalId)!.analysis;
  return { count: history.length, latest };
}
const audited = (action: string, subjectId?: string) =>
  auditEntries(app.services, app.net.networkId, action, subjectId);

const member = (email: string) => app.net.members.find((m) => m.email === email)!;

/** A new signal registered by the school's member, as the form would. */
const newSignal = (name?: string) => registerSignal(app.services, app.net, name);

const page = (code: string) => `/n/${app.net.networkId}/cases/${code}/analysis`;
const grade = (signalId: string, overrides: Record<string, string> = {}) => ({
  intent: "analyse",
  signalId,
  sourceGrade: "B",
  informationGrade: "2",
  gradingRationale: "Teacher known to the school service for years; saw it first-hand.",
  knownConflict: "None known.",
  ...overrides,
});
/** Taking a case into multi-agency work asks on what basis its information is shared. */
const consent = () => ({
  basis: "person_consent",
  basisObtainedOn: new Date().toISOString().slice(0, 10),
  basisObtainedBy: member("social@riverside.example").personId,
});
const stageOf = async (code: string) => {
  const { stage, outcome } = await caseOf(code);
  return { stage, outcome };
};
/** The routing decisions of the case, as its analysis page lists them. */
const routingsOf = async (code: string) => app.services.analysis.routingsOf((await caseOf(code)).id);

describe("who may open the first analysis", () => {
  it("the chair sees the signal, the reporter and what the grades mean; the look at the reporter is audited", async () => {
    const s = await newSignal();
    const res = await chair.get(page(s.code));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Statements in class about a conflict abroad");
    expect(html).toContain("Mr Hendriks");
    expect(html).toContain("The reporter asked that other agencies not learn who they are.");
    expect(html).toContain("A: Completely reliable");
    expect(html).toContain("6: Truth cannot be judged");
    expect(html).not.toContain("Case Subject");
    const viewed = await audited("signal.reporter_viewed", s.caseId);
    expect(viewed.map((e) => e.actorId)).toEqual([member("chair@riverside.example").personId]);
  });

  it("an uninvolved member gets 404, an involved member 403, a chair of another network 404", async () => {
    const s = await newSignal();
    const uninvolved = await app.signIn("health@riverside.example");
    expect((await uninvolved.get(page(s.code))).status).toBe(404);
    expect((await uninvolved.post(page(s.code), grade(s.signalId))).status).toBe(404);
    const involved = await app.signIn("school@riverside.example");
    expect((await involved.get(page(s.code))).status).toBe(403);
    expect((await involved.post(page(s.code), grade(s.signalId))).status).toBe(403);

    const outsider = await app.signIn(app.secondTenant.chairEmail);
    const res = await outsider.get(page(s.code));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Mr Hendriks");
    expect((await outsider.post(page(s.code), grade(s.signalId))).status).toBe(404);
    expect(await analysesOf(s)).toEqual({ count: 0, latest: null });
  });
});

describe("grading the source", () => {
  it("refuses a grade outside the scale and a missing rationale beside the fields, storing nothing", async () => {
    const s = await newSignal();
    const bad = await chair.post(page(s.code), grade(s.signalId, { sourceGrade: "G", gradingRationale: "" }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Choose a grade from this network&#x27;s scale.");
    expect(html).toContain("Fill this in.");
    expect(await analysesOf(s)).toEqual({ count: 0, latest: null });
  });

  it("records a grading on the network's scale, audited, and shows it with its meaning", async () => {
    const s = await newSignal();
    const res = await chair.post(page(s.code), grade(s.signalId));
    expect(res.status).toBe(200);
    const { count, latest } = await analysesOf(s);
    expect(count).toBe(1);
    expect(latest).toMatchObject({
      scale: "admiralty",
      sourceGrade: "B",
      informationGrade: "2",
      handling: null,
      isSecuritySignal: false,
      knownConflict: "None known.",
    });
    expect(await audited("signal.analysed", s.signalId)).toHaveLength(1);
    const html = await (await chair.get(page(s.code))).text();
    expect(html).toContain("Latest analysis: B2 on the Admiralty scale, by Elena Novak");
    expect(html).toContain("B: Usually reliable");
  });
});

describe("routing", () => {
  it("is refused before the signal is analysed", async () => {
    const s = await newSignal();
    const res = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "take_into_maw",
      rationale: "Enough to act on.",
      ...consent(),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Record the first analysis of this signal before routing it.");
    expect((await stageOf(s.code)).stage).toBe("signal");
  });

  it("take into MAW moves the case to assessment, as a decision with who and why; a second routing is refused", async () => {
    const s = await newSignal();
    await chair.post(page(s.code), grade(s.signalId));
    const res = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "take_into_maw",
      rationale: "Several partners see the same change.",
      ...consent(),
    });
    expect(res.status).toBe(200);
    expect(await stageOf(s.code)).toEqual({ stage: "assessment", outcome: null });
    expect(await routingsOf(s.code)).toMatchObject([
      {
        outcome: "take_into_maw",
        rationale: "Several partners see the same change.",
        signalId: s.signalId,
        decidedByName: member("chair@riverside.example").name,
      },
    ]);
    const audit = await audited("case.decision_recorded", s.caseId);
    expect(audit.map((e) => e.actorId)).toEqual([member("chair@riverside.example").personId]);
    expect(JSON.parse(audit[0].details)).toMatchObject({ kind: "routing", from: "signal", to: "assessment" });
    const html = await (await chair.get(page(s.code))).text();
    expect(html).toContain("Several partners see the same change.");
    expect(html).toContain("This case has been routed and is no longer at the signal stage.");

    const again = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "no_further_action",
      rationale: "Changed our minds.",
    });
    expect(again.status).toBe(409);
    expect((await stageOf(s.code)).stage).toBe("assessment");
  });

  it("no further action closes the case with that outcome; regular care needs the service", async () => {
    const a = await newSignal();
    await chair.post(page(a.code), grade(a.signalId, { sourceGrade: "E", informationGrade: "5" }));
    expect(
      (
        await chair.post(page(a.code), {
          intent: "route",
          signalId: a.signalId,
          routing: "no_further_action",
          rationale: "A neighbour dispute; no concern.",
        })
      ).status,
    ).toBe(200);
    expect(await stageOf(a.code)).toEqual({ stage: "closed", outcome: "no_further_action" });

    const b = await newSignal();
    await chair.post(page(b.code), grade(b.signalId));
    const missing = await chair.post(page(b.code), {
      intent: "route",
      signalId: b.signalId,
      routing: "regular_care",
      rationale: "Family support fits better.",
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Fill this in.");
    expect((await stageOf(b.code)).stage).toBe("signal");
    const done = await chair.post(page(b.code), {
      intent: "route",
      signalId: b.signalId,
      routing: "regular_care",
      rationale: "Family support fits better.",
      careService: "Riverside Family Support",
    });
    expect(done.status).toBe(200);
    expect(await stageOf(b.code)).toEqual({ stage: "closed", outcome: "regular_care" });
    expect((await routingsOf(b.code)).map((d) => d.details)).toEqual([{ careService: "Riverside Family Support" }]);
  });

  it("gather more information creates a task with owner and due date and keeps the case at the signal stage", async () => {
    const s = await newSignal();
    await chair.post(page(s.code), grade(s.signalId, { informationGrade: "3" }));
    const police = member("police@riverside.example");
    const school = member("school@riverside.example");
    const wrongPerson = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "gather_information",
      rationale: "Only one source so far.",
      taskWhat: "Ask the school's year tutor what they observed.",
      taskAgencyId: school.agencyId,
      taskPersonId: police.personId,
      taskDueOn: "2026-12-01",
    });
    expect(wrongPerson.status).toBe(409);
    expect(await wrongPerson.text()).toContain("This person does not work for the chosen agency.");
    expect(await app.services.caseFile.openTasks(s.caseId)).toEqual([]);

    const res = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "gather_information",
      rationale: "Only one source so far.",
      taskWhat: "Ask the school's year tutor what they observed.",
      taskAgencyId: school.agencyId,
      taskPersonId: school.personId,
      taskDueOn: "2026-12-01",
    });
    expect(res.status).toBe(200);
    expect(await stageOf(s.code)).toEqual({ stage: "signal", outcome: null });
    expect(await app.services.caseFile.openTasks(s.caseId)).toMatchObject([
      {
        what: "Ask the school's year tutor what they observed.",
        agencyName: school.agencyName,
        ownerName: school.name,
        dueOn: "2026-12-01",
        status: "planned",
      },
    ]);
    // Created by the chair.
    const created = (await audited("task.created")).filter((e) => e.details.includes(s.code));
    expect(created.map((e) => e.actorId)).toEqual([member("chair@riverside.example").personId]);
    const html = await (await chair.get(page(s.code))).text();
    expect(html).toContain("Open tasks");
    expect(html).toContain("Sofia Papadopoulou");
  });

  it("a security signal can only be referred to the security services, with to whom and when", async () => {
    const s = await newSignal();
    await chair.post(
      page(s.code),
      grade(s.signalId, { isSecuritySignal: "on", sourceGrade: "A", informationGrade: "1" }),
    );
    const refused = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "take_into_maw",
      rationale: "We want to help.",
      ...consent(),
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      "This is a security signal: it can only be referred to the security services.",
    );
    expect((await stageOf(s.code)).stage).toBe("signal");

    const res = await chair.post(page(s.code), {
      intent: "route",
      signalId: s.signalId,
      routing: "security_referral",
      rationale: "Specific threat named.",
      referredTo: "Riverside Police duty officer",
      referredAt: "2026-01-15T10:05",
    });
    expect(res.status).toBe(200);
    expect(await stageOf(s.code)).toEqual({ stage: "closed", outcome: "security_referral" });
    const [{ details }] = await routingsOf(s.code);
    expect(details).toEqual({ referredTo: "Riverside Police duty officer", referredAt: "2026-01-15T09:05:00.000Z" });
  });
});

describe("the grading-scale setting", () => {
  it("a coordinator switches to UK 3x5x2 (audited); older gradings keep their scale; new ones follow the new scale", async () => {
    const old = await newSignal();
    await chair.post(page(old.code), grade(old.signalId));

    expect((await chair.get(`/n/${app.net.networkId}/settings`)).status).toBe(403);
    expect((await chair.post(`/n/${app.net.networkId}/settings`, { gradingScale: "uk3x5x2" })).status).toBe(403);
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await coordinator.post(`/n/${app.net.networkId}/settings`, { gradingScale: "nato" })).status).toBe(400);
    const res = await coordinator.post(`/n/${app.net.networkId}/settings`, { gradingScale: "uk3x5x2" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Settings saved.");
    expect(await app.services.analysis.gradingScale(app.net.networkId)).toBe("uk3x5x2");
    const [entry] = await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 1 });
    expect(entry.action).toBe("network.grading_scale_changed");

    expect(await (await chair.get(page(old.code))).text()).toContain("B2 on the Admiralty scale");

    const s = await newSignal();
    const html = await (await chair.get(page(s.code))).text();
    expect(html).toContain("P: May be shared");
    expect(html).not.toContain("F: Reliability cannot be judged");
    expect((await chair.post(page(s.code), grade(s.signalId, { sourceGrade: "D" }))).status).toBe(400);
    expect(
      (await chair.post(page(s.code), grade(s.signalId, { sourceGrade: "A", informationGrade: "1" }))).status,
    ).toBe(400);
    expect(
      (await chair.post(page(s.code), grade(s.signalId, { sourceGrade: "A", informationGrade: "1", handling: "P" })))
        .status,
    ).toBe(200);
    expect(await analysesOf(s)).toMatchObject({ count: 1, latest: { scale: "uk3x5x2", handling: "P" } });
    expect(await analysesOf(old)).toMatchObject({ count: 1, latest: { scale: "admiralty" } });
  });
});
