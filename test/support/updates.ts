import { dayAfter } from "../../app/contract/time.ts";
import type { Services } from "../../server/services.ts";
import type { roomWithNeedToKnow } from "./room.ts";

/**
 * Check-in A's case gets a plan with one open police task (a home visit), so the police
 * have something to report on ahead of the meeting. Returns the task's id.
 */
export async function policeTaskOnCheckInA(
  services: Services,
  networkId: string,
  room: Awaited<ReturnType<typeof roomWithNeedToKnow>>,
): Promise<string> {
  const police = room.membershipOf("police@riverside.example");
  const c = (await services.caseRegister.get(room.item.checkinA.caseId!))!;
  const latest = await services.actionPlans.latest(c.id);
  const saved = await services.actionPlans.save(
    { personId: room.membershipOf("coordinator@riverside.example").personId, ip: null },
    c,
    {
      socialContext: "Lives with his mother.",
      goals: [{ id: "g1", what: "Back at school", measure: "Attends", byWhen: "2030-09-30", standing: "open" }],
      actions: [
        {
          goalId: "g1",
          what: "Home visit",
          ownerAgencyId: police.agencyId,
          ownerPersonId: police.personId,
          startOn: null,
          dueOn: "2030-05-20",
          status: "planned",
        },
      ],
      agencyIds: [police.agencyId],
      nextCheckInOn: dayAfter(10),
    },
    latest?.version ?? 0,
  );
  if (!saved.ok) throw new Error(`plan: ${JSON.stringify(saved)}`);
  const items = (await services.agencyUpdates.forAgency(networkId, room.meetingId, police.agencyId))!;
  return items.find((i) => i.itemId === room.item.checkinA.id)!.openTasks[0]!.id;
}
