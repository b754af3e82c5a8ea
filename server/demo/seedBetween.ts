import { and, asc, eq } from "drizzle-orm";
import type { Services } from "../services.ts";
import { days } from "../../app/contract/time.ts";
import { demoMembers, demoViewer } from "./seedMeetings.ts";

// Between the meetings (issue 14): some agencies have posted their update on next week's
// agenda and others not yet, and one decision was taken in writing since the last meeting.

const NEWS = [
  "Attends the vocational course four days a week; the tutor reports he is engaged.",
  "The family asked for a meeting with the mentor; it took place and went well.",
];

/**
 * On each case item of the coming meeting, the involved agencies but one (where there are
 * several) have posted their update, so the coordinator sees who has reported and who
 * will be reminded.
 */
export async function seedUpdates(services: Services, networkId: string, meetingId: string): Promise<number> {
  const people = await demoMembers(services, networkId);
  const reporting = (await services.agencyUpdates.reporting(networkId, meetingId))!;
  let posted = 0;
  for (const item of reporting.items) {
    // All but one of the involved agencies (where there are several) have reported.
    const posters = item.agencies
      .slice(0, Math.max(1, item.agencies.length - 1))
      .flatMap((a) => people.find((p) => p.agencyId === a.id && p.role === "member") ?? []);
    for (const poster of posters) posted += await postFor(poster, item.itemId, posted);
  }
  return posted;

  async function postFor(poster: (typeof people)[number], itemId: string, n: number): Promise<number> {
    const mine = (await services.agencyUpdates.forAgency(networkId, meetingId, poster.agencyId))!;
    const open = mine.find((i) => i.itemId === itemId)?.openTasks ?? [];
    const result = await services.agencyUpdates.post(
      { personId: poster.personId, ip: "127.0.0.1" },
      { networkId, meetingId, itemId, agencyId: poster.agencyId },
      {
        news: NEWS[n % NEWS.length]!,
        closure: null,
        tasks: open.slice(0, 2).map((t, i) => ({
          taskId: t.id,
          progress: i === 0 ? "done" : "in_progress",
          note: i === 0 ? "Done as agreed." : "Under way; next step planned for this month.",
        })),
      },
    );
    if (!result.ok) throw new Error(`Demo update refused: ${result.reason}`);
    return 1;
  }
}

/**
 * One decision in writing, concluded: the chair put a running case's plan to the involved
 * agencies between the meetings; those who may decide agreed, those who must report back
 * said so, and the chair concluded it adopted. The next meeting's agenda lists it.
 */
export async function seedWrittenDecision(services: Services, networkId: string): Promise<void> {
  const { store } = services.database;
  const { cases } = store.t;
  const people = await demoMembers(services, networkId);
  const chair = people.find((m) => m.role === "chair")!;
  const decides = (agencyId: string) =>
    people.some((p) => p.agencyId === agencyId && p.role === "member" && p.mandate === "decides");
  // A running case that an agency able to decide works on.
  let c: Awaited<ReturnType<typeof services.caseRegister.get>> = null;
  const running = await store.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.networkId, networkId), eq(cases.stage, "active")))
    .orderBy(asc(cases.code));
  for (const { id } of running) {
    const candidate = await services.caseRegister.get(id);
    if (candidate && !candidate.scope.openClosureProposal && candidate.scope.involvedAgencyIds.some(decides)) {
      c = candidate;
      break;
    }
  }
  if (!c) throw new Error("Demo written procedure: no running case an agency able to decide works on");
  const caseCode = c.code;
  const actorOf = (personId: string) => ({ personId, ip: "127.0.0.1" });
  const opened = await services.written.open(
    actorOf(chair.personId),
    demoViewer(people, chair.personId),
    networkId,
    {
      caseCode,
      reason: "minor_at_risk",
      deadline: new Date(Date.now() + days(2)),
      proposal: {
        outcome: "adjust_plan",
        rationale:
          "The school placement ends before the next meeting: the plan takes the mentor's weekly sessions over the holidays.",
      },
    },
    "",
  );
  if (!opened.ok) throw new Error(`Demo written procedure refused: ${opened.error.reason}`);
  for (const agencyId of c.scope.involvedAgencyIds)
    for (const m of people.filter((p) => p.agencyId === agencyId && p.role === "member")) {
      const answered = await services.written.answer(actorOf(m.personId), networkId, opened.data.id, {
        stance: m.mandate === "decides" ? "agree" : "report_back",
        reason: m.mandate === "decides" ? null : "Our team lead confirms on Monday.",
      });
      if (!answered.ok) throw new Error(`Demo written answer refused: ${answered.error.reason}`);
    }
  const concluded = await services.written.conclude(
    actorOf(chair.personId),
    demoViewer(people, chair.personId),
    networkId,
    opened.data.id,
    { result: "adopted", note: "Adopted: no agency disagreed." },
  );
  if (!concluded.ok) throw new Error(`Demo written conclusion refused: ${concluded.error.reason}`);
}
