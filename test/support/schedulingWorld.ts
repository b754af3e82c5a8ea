import { randomUUID } from "node:crypto";
import type { Store } from "../../db/store.ts";

// Two networks for the scheduling and agency-update contract suites (decision 0040),
// written through the Store so that they run on SQLite and PostgreSQL alike. Riverside has
// a case that the police and mental health work on, with one open police task, and a
// meeting next week with that case on its agenda; Hillside has a meeting of its own.

const id = (): string => randomUUID();

export async function seedSchedulingWorld(store: Store) {
  const { t } = store;
  const net = { riverside: id(), hillside: id() };
  const agency = { police: id(), health: id(), school: id(), theirs: id() };
  const person = { chair: id(), coordinator: id(), police: id(), health: id(), school: id(), outsider: id() };
  const caseId = id();
  const otherCaseId = id();
  const meeting = { next: id(), theirs: id() };
  const item = { checkIn: id(), opening: id(), theirs: id() };
  const taskId = id();
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values([
      { id: net.riverside, name: "Riverside" },
      { id: net.hillside, name: "Hillside" },
    ]);
    await tx.insert(t.persons).values(
      Object.entries(person).map(([name, personId]) => ({
        id: personId,
        name,
        email: `${name}@example.org`,
        passwordHash: "x",
      })),
    );
    await tx.insert(t.agencies).values([
      { id: agency.police, networkId: net.riverside, name: "Police", sector: "police" },
      { id: agency.health, networkId: net.riverside, name: "Mental health", sector: "mental_health" },
      { id: agency.school, networkId: net.riverside, name: "Albert School", sector: "education" },
      { id: agency.theirs, networkId: net.hillside, name: "Police", sector: "police" },
    ]);
    const member = (
      personId: string,
      networkId: string,
      agencyId: string,
      role: "chair" | "coordinator" | "member",
    ) => ({
      id: id(),
      personId,
      networkId,
      agencyId,
      role,
      mandate: "decides" as const,
    });
    await tx
      .insert(t.memberships)
      .values([
        member(person.chair, net.riverside, agency.police, "chair"),
        member(person.coordinator, net.riverside, agency.school, "coordinator"),
        member(person.police, net.riverside, agency.police, "member"),
        member(person.health, net.riverside, agency.health, "member"),
        member(person.school, net.riverside, agency.school, "member"),
        member(person.outsider, net.hillside, agency.theirs, "member"),
      ]);
    await tx.insert(t.cases).values([
      {
        id: caseId,
        networkId: net.riverside,
        code: "C-2026-0001",
        stage: "active",
        summary: "",
        nextCheckInOn: "2026-01-01",
      },
      { id: otherCaseId, networkId: net.hillside, code: "C-2026-0001", stage: "active", summary: "" },
    ]);
    await tx.insert(t.caseAgencies).values([
      { caseId, agencyId: agency.police },
      { caseId, agencyId: agency.health },
      { caseId: otherCaseId, agencyId: agency.theirs },
    ]);
    await tx.insert(t.tasks).values({
      id: taskId,
      networkId: net.riverside,
      caseId,
      what: "Visit the family",
      ownerAgencyId: agency.police,
      dueOn: "2030-01-15",
    });
    const scheduled = (meetingId: string, networkId: string, createdBy: string) => ({
      id: meetingId,
      networkId,
      title: "Case conference",
      startsAt: inAWeek,
      template: "default",
      language: "en" as const,
      createdBy,
    });
    await tx
      .insert(t.meetings)
      .values([
        scheduled(meeting.next, net.riverside, person.coordinator),
        scheduled(meeting.theirs, net.hillside, person.outsider),
      ]);
    const agendaItem = (itemId: string, meetingId: string, position: number, c: string | null) => ({
      id: itemId,
      meetingId,
      position,
      section: c ? ("checkins" as const) : ("opening" as const),
      reason: c ? ("check_in_due" as const) : ("opening" as const),
      kind: c ? ("check_in" as const) : ("opening" as const),
      title: "",
      caseId: c,
      plannedMinutes: 10,
    });
    await tx
      .insert(t.agendaItems)
      .values([
        agendaItem(item.opening, meeting.next, 0, null),
        agendaItem(item.checkIn, meeting.next, 1, caseId),
        agendaItem(item.theirs, meeting.theirs, 0, otherCaseId),
      ]);
    await tx.insert(t.meetingParticipants).values(
      (["chair", "coordinator", "police", "health", "school"] as const).map((n) => ({
        meetingId: meeting.next,
        personId: person[n],
        agencyId: n === "health" ? agency.health : n === "police" || n === "chair" ? agency.police : agency.school,
        mandate: "decides" as const,
      })),
    );
  });
  return { net, agency, person, caseId, otherCaseId, meeting, item, taskId, inAWeek };
}

export type SchedulingWorld = Awaited<ReturnType<typeof seedSchedulingWorld>>;
