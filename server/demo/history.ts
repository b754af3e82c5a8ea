import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Query } from "../../db/store.ts";
import type { PlanContent } from "../../app/contract/planContent.ts";
import type { Routing, SignalChannel } from "../../app/contract/vocabulary.ts";
import { addWorkingDays } from "../../app/contract/minutesDeadline.ts";
import { days, hours } from "../../app/contract/time.ts";
import type { Services } from "../services.ts";
import { nextCaseCodes } from "./caseCodes.ts";
import { demoMembers } from "./seedMeetings.ts";

// A year of the demo network's past, so the evaluation page has figures to draw: about
// three signals a month, their grading and routing, the cases taken in and how far they
// got, plans with goals, closures, a reopening, and eleven monthly meetings whose minutes
// went out mostly on time. Written straight into the register with the dates they happened on
// (the services stamp "now"); every case is fictional and has no identity on record.

/** A small deterministic generator, so every demo has the same year behind it. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick: <T>(weighted: readonly (readonly [T, number])[]): T => {
      let roll = next() * weighted.reduce((sum, [, w]) => sum + w, 0);
      for (const [value, weight] of weighted) if ((roll -= weight) < 0) return value;
      return weighted[weighted.length - 1][0];
    },
  };
}

const CHANNELS = [
  ["school", 4],
  ["police", 3],
  ["family", 2],
  ["partner", 2],
  ["hotline", 1],
] as const satisfies readonly (readonly [SignalChannel, number])[];
const SOURCE_GRADES = [
  ["A", 1],
  ["B", 5],
  ["C", 5],
  ["D", 2],
  ["E", 1],
  ["F", 2],
] as const;
const ROUTES = [
  ["take_into_maw", 9],
  ["regular_care", 4],
  ["no_further_action", 4],
  ["gather_information", 2],
  ["security_referral", 1],
] as const satisfies readonly (readonly [Routing, number])[];

const CONCERNS = [
  "Statements in class glorifying an armed group; withdrawn from friends.",
  "Parent worried about nights online in closed extremist channels.",
  "Youth worker heard talk of travelling to a conflict zone.",
  "Shared propaganda videos in a group chat; teachers concerned.",
  "Sudden break with family and former friends; new older contacts.",
];

export async function seedDemoHistory(services: Services, networkId: string, now = new Date()): Promise<void> {
  const { store } = services.database;
  const { cases, decisions, planVersions, signalAnalyses, signals } = store.t;
  const random = generator(20_261_130);
  const people = await demoMembers(services, networkId);
  const chair = people.find((m) => m.role === "chair")!;
  const coordinator = people.find((m) => m.role === "coordinator")!;
  const ago = (n: number) => new Date(now.getTime() - days(n));
  const isPast = (at: Date) => at.getTime() < now.getTime() - hours(1);
  const day = (at: Date) => at.toISOString().slice(0, 10);

  await store.transaction(async (tx) => {
    // After the codes the demo's present already holds for each year.
    const codeOf = await nextCaseCodes(store, tx, networkId);
    let reopened = false;
    for (let back = 365; back > 20; back -= random.between(7, 13)) {
      const receivedAt = ago(back);
      const caseId = randomUUID();
      const signalId = randomUUID();
      const decide = (kind: (typeof decisions.$inferInsert)["kind"], outcome: string, at: Date) =>
        tx.insert(decisions).values({
          id: randomUUID(),
          networkId,
          caseId,
          kind,
          outcome,
          rationale: "Decided at the monthly case conference (demo history).",
          decidedBy: chair.personId,
          decidedAt: at,
          signalId: kind === "routing" ? signalId : null,
        });
      await tx.insert(cases).values({
        id: caseId,
        networkId,
        code: codeOf(receivedAt.getUTCFullYear()),
        stage: "signal",
        summary: "A case of the past year (demo history).",
        createdAt: receivedAt,
        updatedAt: receivedAt,
      });
      await tx.insert(signals).values({
        id: signalId,
        networkId,
        caseId,
        receivedAt,
        channel: random.pick(CHANNELS),
        concern: CONCERNS[random.between(0, CONCERNS.length - 1)],
        registeredBy: coordinator.personId,
        createdAt: receivedAt,
      });
      const analysedAt = new Date(receivedAt.getTime() + days(random.between(2, 9)));
      if (!isPast(analysedAt)) continue;
      await tx.insert(signalAnalyses).values({
        id: randomUUID(),
        signalId,
        isSecuritySignal: false,
        scale: "admiralty",
        sourceGrade: random.pick(SOURCE_GRADES),
        informationGrade: String(random.between(1, 4)),
        gradingRationale: "Graded at the first analysis (demo history).",
        recordedBy: chair.personId,
        recordedAt: analysedAt,
      });
      let at = new Date(analysedAt.getTime() + days(random.between(0, 12)));
      if (!isPast(at)) continue;
      let routing: Routing = random.pick(ROUTES);
      await decide("routing", routing, at);
      if (routing === "gather_information") {
        at = new Date(at.getTime() + days(random.between(20, 40)));
        if (!isPast(at)) continue;
        routing = random.pick(ROUTES.filter(([r]) => r !== "gather_information"));
        await decide("routing", routing, at);
      }
      let stage: (typeof cases.$inferInsert)["stage"] = "signal";
      let outcome: (typeof cases.$inferInsert)["outcome"] = null;
      if (routing !== "take_into_maw" && routing !== "gather_information") {
        stage = "closed";
        outcome = routing;
      } else if (routing === "take_into_maw") {
        stage = "assessment";
        // Assessment, a plan and active work, fade-out monitoring, closure: as far as time allows.
        const steps = [
          ["active", random.between(14, 45)],
          ["monitoring", random.between(60, 150)],
          ["closed", random.between(45, 110)],
        ] as const;
        for (const [next, after] of steps) {
          at = new Date(at.getTime() + days(after));
          if (!isPast(at)) break;
          if (next === "active") await plan(tx, caseId, at, random.between(2, 3));
          if (next === "closed") await decide("closure", "closed", at);
          else await decide("stage", next, at);
          stage = next;
          outcome = next === "closed" ? "closed_by_decision" : null;
        }
        if (stage === "closed" && !reopened && isPast(new Date(at.getTime() + days(40)))) {
          // One case came back: a new concern after closing.
          reopened = true;
          await decide("reopening", "reopened", new Date(at.getTime() + days(40)));
          stage = "assessment";
          outcome = null;
        }
      }
      await tx.update(cases).set({ stage, outcome, updatedAt: at }).where(eq(cases.id, caseId));
    }
  });

  await monthlyMeetings(services, networkId, now);

  async function plan(tx: Query, caseId: string, savedAt: Date, goalCount: number) {
    const content: PlanContent = {
      socialContext: "Family, school and a youth-work mentor around the young person (demo history).",
      goals: Array.from({ length: goalCount }, (_, i) => {
        const byWhen = new Date(savedAt.getTime() + days(60 + 45 * i));
        return {
          id: randomUUID(),
          what: ["Back in training or school", "A trusted adult outside the family", "Distance from the group"][i],
          measure: "Reported by the agency that owns the action at a check-in.",
          byWhen: day(byWhen),
          standing: !isPast(byWhen) ? "open" : random.between(1, 4) === 1 ? "not_attained" : "attained",
        };
      }),
      actions: [],
      agencies: [],
      contentCoordinator: null,
      processCoordinator: null,
      nextCheckInOn: day(new Date(savedAt.getTime() + days(30))),
    };
    await tx.insert(planVersions).values({
      id: randomUUID(),
      caseId,
      version: 1,
      content,
      savedBy: coordinator.personId,
      savedAt,
    });
  }
}

/**
 * The past year's monthly meetings, ended, with their minutes approved and sent: most
 * within three working days, a few late, so the deadline figure has something to show.
 */
async function monthlyMeetings(services: Services, networkId: string, now: Date): Promise<void> {
  const { store } = services.database;
  const { meetings, memberships, minutesVersions, networks } = store.t;
  const [chair] = await store.db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, "chair")))
    .limit(1);
  const [{ language }] = await store.db
    .select({ language: networks.language })
    .from(networks)
    .where(eq(networks.id, networkId));
  // Working days from each meeting to its minutes going out, oldest first; the deadline is three.
  const lateness = [1, 2, 3, 2, 5, 1, 3, 2, 6, 2, 1];
  for (let month = lateness.length; month >= 1; month--) {
    const startsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - month, 10, 12, 0));
    const endedAt = new Date(startsAt.getTime() + hours(2));
    const id = randomUUID();
    // Held in the past, which the meetings service never schedules: written as it stands.
    await store.transaction(async (tx) => {
      await tx.insert(meetings).values({
        id,
        networkId,
        title: "Monthly case conference",
        startsAt,
        place: "Town hall, room 2",
        template: "default",
        language,
        status: "ended",
        createdBy: chair.personId,
        createdAt: new Date(startsAt.getTime() - days(21)),
        startedAt: startsAt,
        endedAt,
      });
    });
    const approved = await services.minutes.approve({ personId: chair.personId, ip: "127.0.0.1" }, id);
    if (!approved.ok) throw new Error(`Demo history: minutes of ${startsAt.toISOString()} not approved.`);
    const sentOn = addWorkingDays(endedAt.toISOString().slice(0, 10), lateness[lateness.length - month]);
    const distributedAt = new Date(`${sentOn}T09:30:00Z`);
    // Sent on the day it went out then: distributing now would stamp today and mail everyone.
    await store.transaction(async (tx) => {
      await tx
        .update(minutesVersions)
        .set({
          approvedAt: new Date(distributedAt.getTime() - hours(20)),
          status: "distributed",
          distributedBy: chair.personId,
          distributedAt,
        })
        .where(eq(minutesVersions.meetingId, id));
    });
  }
}
