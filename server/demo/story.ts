import type { AssessmentInput, DomainInput } from "../cases/assessments.ts";
import type { PlanInput } from "../../app/contract/planContent.ts";
import type { Services } from "../services.ts";
import { dayAfter, days } from "../../app/contract/time.ts";

// The cases a newcomer meets in the demo, each at another point of its life, built
// through the same services the pages use, so every history and audit entry is real.
// All people and places are invented.

const day = (offset: number) => dayAfter(offset);
const daysAgo = (n: number) => new Date(Date.now() - days(n));

function domains(
  judgements: Record<string, DomainInput["judgement"]>,
  texts: Partial<DomainInput> = {},
): Record<string, DomainInput> {
  return Object.fromEntries(
    Object.entries(judgements).map(([key, judgement]) => [
      key,
      {
        riskFactors: texts.riskFactors ?? "",
        protectiveFactors: texts.protectiveFactors ?? "",
        known: texts.known ?? "",
        unknown: texts.unknown ?? "",
        judgement,
        reasoning: texts.reasoning ?? "Discussed at the table; views of all partners heard.",
      },
    ]),
  );
}

const FIRST_ASSESSMENT = {
  beliefs_rhetoric: "medium",
  readiness_violence: "low",
  social_influence: "high",
  psychological_vulnerability: "medium",
  family: "medium",
  networks_leisure: "high",
  education_work: "high",
  individual_resilience: "medium",
} as const;

export async function seedDemoStory(services: Services, networkId: string): Promise<void> {
  const { signals, analysis, assessments, actionPlans, stages, closure, caseRegister, intake, members } = services;
  const people = await members.list(networkId);
  const who = (email: string) => people.find((p) => p.email === email)!;
  const coordinator = who("coordinator@riverside.example");
  const chair = who("chair@riverside.example");
  const police = who("police@riverside.example");
  const school = who("school@riverside.example");
  const social = who("social@riverside.example");
  const health = who("health@riverside.example");
  const actor = (p: { personId: string }) => ({ personId: p.personId, ip: "127.0.0.1" });
  const byCode = async (code: string) => (await caseRegister.findByCode(networkId, code))!;

  async function signal(
    by: typeof school,
    daysBack: number,
    channel: "school" | "police" | "family" | "partner",
    concern: string,
    summary: string,
    subject: { name: string; dateOfBirth: string | null },
  ) {
    return signals.register(actor(by), {
      networkId,
      agencyId: by.agencyId,
      receivedAt: daysAgo(daysBack),
      channel,
      reporter: { name: by.name, organisation: by.agencyName, contact: by.email, withheld: false },
      concern,
      summary,
      subject: { ...subject, address: "Riverside (fictional)", contacts: null },
    });
  }

  async function analyseAndRoute(
    code: string,
    signalId: string,
    grades: [string, string],
    routing: "take_into_maw" | "regular_care",
    rationale: string,
  ) {
    const c = await byCode(code);
    const analysed = await analysis.recordAnalysis(actor(coordinator), c, signalId, {
      isSecuritySignal: false,
      sourceGrade: grades[0],
      informationGrade: grades[1],
      handling: null,
      gradingRationale:
        "The reporter knows the young person well and has no stake in the outcome; part of it is confirmed by a second partner.",
      knownConflict: "None known.",
      reporterInterest: "Worried for the young person's wellbeing.",
      corroboration: "Partly confirmed by another partner at the table.",
    });
    if (!analysed.ok) throw new Error(`Demo analysis of ${code} failed: ${analysed.reason}`);
    const routed = await analysis.route(
      actor(chair),
      await byCode(code),
      routing === "regular_care"
        ? { routing, signalId, rationale, careService: "Riverside family support team" }
        : { routing, signalId, rationale },
    );
    if (!routed.ok) throw new Error(`Demo routing of ${code} failed: ${routed.reason}`);
  }

  function plan(
    goals: PlanInput["goals"],
    actions: PlanInput["actions"],
    context: string,
    nextCheckInOn: string,
  ): PlanInput {
    return {
      socialContext: context,
      goals,
      actions,
      agencyIds: [...new Set(actions.map((a) => a.ownerAgencyId))],
      contentCoordinatorId: chair.personId,
      processCoordinatorId: coordinator.personId,
      nextCheckInOn,
    };
  }

  async function record(code: string, input: AssessmentInput) {
    const done = await assessments.record(actor(coordinator), await byCode(code), input);
    if (!done.ok) throw new Error(`Demo assessment of ${code} failed: ${done.reason}`);
  }

  async function savePlan(code: string, input: PlanInput, base: number) {
    const saved = await actionPlans.save(actor(coordinator), await byCode(code), input, base);
    if (!saved.ok) throw new Error(`Demo plan of ${code} failed: ${saved.reason}`);
  }

  // 1. New signals waiting in the shared inbox: one of a minor, one through an intake link.
  await signal(
    school,
    3,
    "school",
    "In class he said that people like his neighbours 'deserve what is coming'. He has stopped talking to his friends and spends breaks alone on his phone.",
    "Change in behaviour and statements in class reported by a school.",
    { name: "Mateusz Wróbel", dateOfBirth: "2010-03-14" },
  );
  const link = await intake.create(actor(coordinator), networkId, "Youth centres, north district");
  await intake.submit(link.token, "192.0.2.10", {
    reporter: {
      name: "Inês Carvalho",
      organisation: "North youth centre",
      contact: "inês@youth-north.example",
      withheld: true,
    },
    concern:
      "A regular visitor hands out leaflets of a group that calls for 'cleansing' the city, and tries to recruit the younger ones.",
    subject: { name: "Dimitris Alexiou", dateOfBirth: "2004-07-30", address: null, contacts: null },
  });

  // 2. Active, with two versions of its plan.
  const active = await signal(
    police,
    40,
    "police",
    "Stopped at a demonstration carrying a knife; says he was 'ready to defend the people'. Recently lost his apprenticeship.",
    "Incident at a demonstration; recently lost his apprenticeship.",
    { name: "Jonas Åberg", dateOfBirth: "2001-11-02" },
  );
  await analyseAndRoute(
    active.code,
    active.signalId,
    ["B", "2"],
    "take_into_maw",
    "Concern confirmed by two partners; no immediate threat; the person is willing to talk to youth work.",
  );
  await record(active.code, {
    assessedOn: day(-30),
    domains: domains(FIRST_ASSESSMENT, {
      unknown: "What he does online in the evenings.",
      known: "Lost his apprenticeship in spring.",
    }),
  });
  const goals = [
    {
      id: "g1",
      what: "Back in vocational training",
      measure: "Enrolled and attending at least four days a week",
      byWhen: day(90),
      standing: "open" as const,
    },
    {
      id: "g2",
      what: "A trusted adult outside the family",
      measure: "Meets the youth-work mentor every week",
      byWhen: day(45),
      standing: "open" as const,
    },
  ];
  const firstActions = [
    {
      goalId: "g1",
      what: "Arrange an intake at the vocational college",
      ownerAgencyId: school.agencyId,
      ownerPersonId: school.personId,
      startOn: day(-25),
      dueOn: day(-5),
      status: "planned" as const,
    },
    {
      goalId: "g2",
      what: "Introduce a youth-work mentor",
      ownerAgencyId: social.agencyId,
      ownerPersonId: social.personId,
      startOn: day(-25),
      dueOn: day(10),
      status: "in_progress" as const,
    },
  ];
  await savePlan(
    active.code,
    plan(
      goals,
      firstActions,
      "Lives with his mother and younger sister; father abroad. Lost his apprenticeship in the spring; spends much time online.",
      day(20),
    ),
    0,
  );
  await stages.move(
    actor(chair),
    await byCode(active.code),
    "active",
    "The plan is agreed by all partners; delivery starts.",
  );
  const v1 = (await actionPlans.latest((await byCode(active.code)).id))!;
  await savePlan(
    active.code,
    plan(
      v1.content.goals.map((g) => ({
        id: g.id,
        what: g.what,
        measure: g.measure,
        byWhen: g.byWhen,
        standing: g.standing,
      })),
      [
        ...v1.content.actions.map((a) => ({
          id: a.id,
          goalId: a.goalId,
          what: a.what,
          ownerAgencyId: a.ownerAgency.id,
          ownerPersonId: a.ownerPerson?.id ?? null,
          startOn: a.startOn,
          dueOn: a.dueOn,
          status: a.what.startsWith("Arrange") ? ("done" as const) : a.status,
        })),
        {
          goalId: v1.content.goals[0].id,
          what: "Check attendance with the college after the first month",
          ownerAgencyId: school.agencyId,
          ownerPersonId: school.personId,
          startOn: day(0),
          dueOn: day(30),
          status: "planned" as const,
        },
      ],
      v1.content.socialContext,
      day(20),
    ),
    v1.version,
  );

  // 3. In monitoring: goals attained, a repeat assessment shows the change.
  const monitoring = await signal(
    social,
    200,
    "family",
    "His aunt worries about the videos he watches and the new friends he brings home.",
    "Family worried about online content and new contacts.",
    { name: "Lukas Novák", dateOfBirth: "1999-05-21" },
  );
  await analyseAndRoute(
    monitoring.code,
    monitoring.signalId,
    ["C", "3"],
    "take_into_maw",
    "Worrying pattern; the family asks for help.",
  );
  await record(monitoring.code, { assessedOn: day(-180), domains: domains(FIRST_ASSESSMENT) });
  await savePlan(
    monitoring.code,
    plan(
      [
        {
          id: "g1",
          what: "Regular contact with a mental health counsellor",
          measure: "Attends at least two sessions a month for three months",
          byWhen: day(-30),
          standing: "attained",
        },
      ],
      [
        {
          goalId: "g1",
          what: "Referral to the mental health trust",
          ownerAgencyId: health.agencyId,
          ownerPersonId: health.personId,
          startOn: day(-170),
          dueOn: day(-150),
          status: "done",
        },
      ],
      "Lives alone; close to his aunt; unemployed since the factory closed.",
      day(60),
    ),
    0,
  );
  await stages.move(actor(chair), await byCode(monitoring.code), "active", "Plan agreed.");
  await record(monitoring.code, {
    assessedOn: day(-20),
    domains: domains(
      { ...FIRST_ASSESSMENT, social_influence: "low", networks_leisure: "low", psychological_vulnerability: "low" },
      { protectiveFactors: "Weekly football; counselling continues." },
    ),
  });
  await stages.move(
    actor(chair),
    await byCode(monitoring.code),
    "monitoring",
    "Goals attained; actions done. Watching for three months before proposing closure.",
  );

  // 4. Closed by joint decision (with a dissent on record), then reopened on a new signal.
  const reopened = await signal(
    school,
    400,
    "school",
    "Wrote an essay praising an attack abroad and shared it with classmates.",
    "Statements in school work praising violence.",
    { name: "Sofía Martínez", dateOfBirth: "2006-09-09" },
  );
  await analyseAndRoute(
    reopened.code,
    reopened.signalId,
    ["B", "3"],
    "take_into_maw",
    "Confirmed by the teacher and the school counsellor.",
  );
  await record(reopened.code, { assessedOn: day(-380), domains: domains(FIRST_ASSESSMENT) });
  await savePlan(
    reopened.code,
    plan(
      [
        {
          id: "g1",
          what: "Finish the school year",
          measure: "Passes to the next year",
          byWhen: day(-200),
          standing: "attained",
        },
      ],
      [
        {
          goalId: "g1",
          what: "Weekly talks with the school counsellor",
          ownerAgencyId: school.agencyId,
          ownerPersonId: school.personId,
          startOn: day(-370),
          dueOn: day(-200),
          status: "done",
        },
        {
          goalId: "g1",
          what: "Family support sessions",
          ownerAgencyId: social.agencyId,
          ownerPersonId: social.personId,
          startOn: day(-370),
          dueOn: day(-250),
          status: "stopped",
          stopReason: "circumstances_changed",
        },
      ],
      "Lives with both parents; strong at school until the last year.",
      day(-200),
    ),
    0,
  );
  const closing = await byCode(reopened.code);
  await stages.move(actor(chair), closing, "active", "Plan agreed.");
  const checklist = Object.fromEntries(
    closure
      .template()
      .items.map((i) => [i.key, { answer: i.key === "no_cooperation" ? ("no" as const) : ("yes" as const), note: "" }]),
  );
  await closure.propose(actor(coordinator), await byCode(reopened.code), {
    checklist,
    rationale: "Goals attained; regular care (school counsellor) carries on.",
  });
  const forClosing = await byCode(reopened.code);
  const views = [
    await closure.giveView(actor(school), forClosing, school.agencyId, {
      view: "agree",
      comment: "Doing well at school.",
    }),
    await closure.giveView(actor(social), forClosing, social.agencyId, {
      view: "disagree",
      comment: "Too early: the family sessions stopped when they moved.",
    }),
  ];
  for (const given of views) if (!given.ok) throw new Error(`Demo closure view refused: ${given.reason}`);
  const signed = await closure.signOff(
    actor(chair),
    forClosing,
    "Closed with fade-out monitoring; the dissent of social services is noted.",
  );
  if (!signed.ok) throw new Error(`Demo closure failed: ${signed.reason}`);
  await stages.move(
    actor(chair),
    await byCode(reopened.code),
    "assessment",
    "A new signal from the college: renewed contact with the old group. Reopened with its history.",
  );

  // 5. Handed to regular care at the first analysis: left the MAW track.
  const care = await signal(
    police,
    60,
    "family",
    "Her father says she is withdrawn and angry since the divorce and spends nights online.",
    "Family worried about withdrawal after a divorce.",
    { name: "Anna Kowalska", dateOfBirth: "2007-01-12" },
  );
  await analyseAndRoute(
    care.code,
    care.signalId,
    ["C", "4"],
    "regular_care",
    "No sign of radicalisation; a call for help that family support serves better.",
  );
}
