import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayAfter } from "../../app/contract/time.ts";
import { emit, op, prepareMeeting, seatedRoom } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";

// Rule 7 of issue 11: a task made in the room serves the plan goal the chair or the
// proposer picks, by default the item's current goal (the first still open), never
// simply goal 1; a goal that is not in the case's plan is refused and writes nothing.

const app = useTestServer();
let room: ReturnType<typeof seatedRoom>;
let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
let itemId: string;
const goals = { attained: "", open: "" };

beforeAll(async () => {
  prepared = await prepareMeeting(app.services, app.net);
  await prepared.involvePolice();
  const item = await prepared.firstCheckIn();
  itemId = item.id;
  const theCase = (await app.services.caseRegister.get(item.caseId!))!;
  const latest = await app.services.actionPlans.draft(theCase.id);
  const coordinator = prepared.member("coordinator@riverside.example");
  const police = prepared.member("police@riverside.example");
  const saved = await app.services.actionPlans.save(
    { personId: coordinator.personId, ip: null },
    theCase,
    {
      socialContext: "Lives with her mother; plays football.",
      goals: [
        { id: "new-a", what: "Stable housing", measure: "A lease signed", byWhen: "2030-01-31", standing: "attained" },
        {
          id: "new-b",
          what: "Back at school",
          measure: "4 of 5 days for 6 weeks",
          byWhen: "2030-06-30",
          standing: "open",
        },
      ],
      actions: [
        {
          goalId: "new-b",
          what: "Talk with the school",
          ownerAgencyId: police.agencyId,
          dueOn: "2030-02-01",
          status: "planned",
        },
      ],
      agencyIds: [police.agencyId],
      nextCheckInOn: dayAfter(20),
    },
    latest?.version ?? 0,
  );
  expect(saved).toMatchObject({ ok: true });
  const plan = (await app.services.actionPlans.draft(theCase.id))!;
  goals.attained = plan.content.goals[0].id;
  goals.open = plan.content.goals[1].id;
  room = seatedRoom(app.url, prepared.meetingId);
});
afterAll(() => room?.close());

describe("a task made in the room serves a goal of the plan", () => {
  it("goes to the current goal unless the chair picks another, and refuses a goal the plan has not", async () => {
    const chair = await room.join("chair@riverside.example");
    await room.cmd(chair, "meeting:start");
    const police = prepared.member("police@riverside.example");
    const task = (what: string, goalId?: string) => ({
      itemId,
      what,
      ownerAgencyId: police.agencyId,
      dueOn: "2030-03-01",
      ...(goalId === undefined ? {} : { goalId }),
    });
    const { db, t } = app.services.database.store;
    const goalOf = async (what: string) => (await db.select().from(t.tasks).where(eq(t.tasks.what, what)))[0]?.goalId;

    await room.cmd(chair, "task:add", task("Ask the school for the timetable"));
    expect(await goalOf("Ask the school for the timetable")).toBe(goals.open);
    await room.cmd(chair, "task:add", task("Check the lease holds", goals.attained));
    expect(await goalOf("Check the lease holds")).toBe(goals.attained);

    const refused = await emit(chair, "task:add", {
      meetingId: prepared.meetingId,
      opId: op(),
      ...task("A task for no goal", "g-unknown"),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: "refused" } });
    expect(refused.error?.reason).toBe("goal_not_in_plan");
    expect(await goalOf("A task for no goal")).toBeUndefined();
  });

  it("keeps the goal a member proposed when the chair takes the proposal", async () => {
    const { db, t } = app.services.database.store;
    const chair = await room.join("chair@riverside.example");
    const officer = await room.join("police@riverside.example");
    const police = prepared.member("police@riverside.example");
    const proposed = await room.cmd(officer, "task:propose", {
      itemId,
      what: "Visit the new flat",
      ownerAgencyId: police.agencyId,
      ownerPersonId: police.personId,
      dueOn: "2030-04-01",
      goalId: goals.attained,
    });
    const proposal = proposed.proposal as {
      id: string;
      goalId: string;
      ownerPersonId: string;
      ownerPersonName: string;
    };
    expect(proposal).toMatchObject({ goalId: goals.attained, ownerPersonId: police.personId });
    expect(proposal.ownerPersonName).toBeTruthy();
    const [stored] = await db.select().from(t.taskProposals).where(eq(t.taskProposals.id, proposal.id));
    expect(stored?.goalId).toBe(goals.attained);

    // The chair takes it as proposed, without naming the goal again.
    await room.cmd(chair, "task:add", {
      itemId,
      what: "Visit the new flat",
      ownerAgencyId: police.agencyId,
      ownerPersonId: police.personId,
      dueOn: "2030-04-01",
      proposalId: proposal.id,
    });
    const [taken] = await db.select().from(t.tasks).where(eq(t.tasks.what, "Visit the new flat"));
    expect(taken).toMatchObject({ goalId: goals.attained, ownerPersonId: police.personId });
  });
});
