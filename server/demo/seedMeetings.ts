import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tables } from "../../db/store.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { Services } from "../services.ts";
import { days } from "../../app/contract/time.ts";

/** The seed acts as these people would from their screens, through the same services. */
export function demoViewer(people: Tables["memberships"]["$inferSelect"][], personId: string): SignedInPerson {
  const mine = people.filter((p) => p.personId === personId);
  return {
    personId,
    sessionId: "demo-seed",
    name: "",
    email: "",
    language: null,
    idleEndsAt: new Date(),
    endsAt: new Date(),
    isInstanceAdmin: false,
    memberships: Object.fromEntries(
      mine.map((m) => [
        m.networkId,
        { role: m.role, agencyId: m.agencyId, isAccountableOfficer: m.isAccountableOfficer },
      ]),
    ),
  };
}

/** The network's memberships, as the seed picks its actors from them. */
export function demoMembers(services: Services, networkId: string): Promise<Tables["memberships"]["$inferSelect"][]> {
  const { store } = services.database;
  const { memberships } = store.t;
  return store.db.select().from(memberships).where(eq(memberships.networkId, networkId));
}

/**
 * Two demo meetings: one ready to start next week, and one in progress today (started,
 * on its first check-in, with the chair and two members joined), so a newcomer can open
 * the chair's view and a participant's view side by side.
 */
export async function seedMeetings(
  services: Services,
  networkId: string,
): Promise<{ readyId: string; runningId: string }> {
  const people = await demoMembers(services, networkId);
  const coordinator = people.find((m) => m.role === "coordinator")!;
  const actor = { personId: coordinator.personId, ip: "127.0.0.1" };
  const today = new Date();
  today.setUTCHours(13, 0, 0, 0);
  const running = await services.meetings.schedule(actor, networkId, {
    title: "Monthly case conference (in progress)",
    // Called for now: a meeting is never scheduled in the past.
    startsAt: new Date(Math.floor(Date.now() / 60_000) * 60_000),
    place: "Town hall, room 2",
    callLink: null,
  });
  const ready = await services.meetings.schedule(actor, networkId, {
    title: "Monthly case conference",
    startsAt: new Date(today.getTime() + days(7)),
    place: "Town hall, room 2",
    callLink: null,
  });

  const engine = services.meetingEngine;
  const viewerOf = (personId: string) => demoViewer(people, personId);
  const chair = people.find((m) => m.role === "chair")!;
  const members = people.filter((m) => m.role === "member").slice(0, 2);
  const run = async (
    personId: string,
    name: Parameters<typeof engine.execute>[2],
    payload: Record<string, unknown>,
  ) => {
    const result = await engine.execute(viewerOf(personId), "127.0.0.1", name, {
      meetingId: running.id,
      opId: randomUUID(),
      ...payload,
    });
    if (!result.ack.ok) throw new Error(`Demo meeting: ${name} refused: ${result.ack.error.reason}`);
  };
  for (const p of [chair, coordinator, ...members]) {
    await run(p.personId, "confidentiality:accept", { version: 1 });
    await run(p.personId, "attendance:set", {
      personId: p.personId,
      attendance: p === members[1] ? "on_screen" : "in_room",
    });
  }
  await run(chair.personId, "meeting:start", {});
  await run(chair.personId, "item:complete", {
    itemId: (await services.meetings.get(networkId, running.id))!.currentItemId!,
    outcome: "done",
  });
  await run(chair.personId, "item:open", { to: "next" });
  return { readyId: ready.id, runningId: running.id };
}
