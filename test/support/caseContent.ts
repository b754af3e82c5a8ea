import { randomUUID } from "node:crypto";
import { asc, desc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Store } from "../../db/store.ts";
import { GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { itemNotesDoc } from "../../server/retention/caseContent.ts";

// Two networks and cases with words in every place the purge and erasure empty, written
// through the Store, for the contract suites of retention, access requests and evaluation.

export type Person = "coordinator" | "officer" | "member" | "outsider";

export async function seedNetworks(store: Store) {
  const { t } = store;
  const ids = { network: randomUUID(), other: randomUUID(), meeting: randomUUID() };
  const people = Object.fromEntries(
    (["coordinator", "officer", "member", "outsider"] as const).map((n) => [n, randomUUID()]),
  ) as Record<Person, string>;
  const agency = { police: randomUUID(), theirs: randomUUID() };
  await store.transaction(async (tx) => {
    await tx.insert(t.networks).values([
      { id: ids.network, name: "Riverside" },
      { id: ids.other, name: "Hillside" },
    ]);
    await tx
      .insert(t.persons)
      .values(
        Object.entries(people).map(([name, id]) => ({ id, name, email: `${name}@example.org`, passwordHash: "x" })),
      );
    await tx.insert(t.agencies).values([
      { id: agency.police, networkId: ids.network, name: "Police", sector: "police" },
      { id: agency.theirs, networkId: ids.other, name: "Police", sector: "police" },
    ]);
    const member = (personId: string, role: "coordinator" | "chair" | "member", networkId = ids.network) => ({
      id: randomUUID(),
      personId,
      networkId,
      agencyId: networkId === ids.network ? agency.police : agency.theirs,
      role,
      mandate: "decides" as const,
      isAccountableOfficer: role === "chair",
    });
    await tx
      .insert(t.memberships)
      .values([
        member(people.coordinator, "coordinator"),
        member(people.officer, "chair"),
        member(people.member, "member"),
        member(people.outsider, "chair", ids.other),
      ]);
    await tx.insert(t.meetings).values({
      id: ids.meeting,
      networkId: ids.network,
      title: "Case conference",
      startsAt: new Date("2020-01-06T09:00:00Z"),
      template: "standard",
      language: "en",
      createdBy: people.coordinator,
    });
  });
  return { ...ids, people, agency };
}

export type Seeded = Awaited<ReturnType<typeof seedNetworks>>;

/** The words written about a case: each must be gone after a purge or an erasure. */
export const wordsOf = (code: string) => ({
  name: `Subject of ${code}`,
  reporter: `Reporter of ${code}`,
  summary: `What worries us about ${code}`,
  concern: `The concern reported about ${code}`,
  rationale: `Why the table decided so on ${code}`,
  task: `Mentoring sessions for ${code}`,
  said: `What was said in the room about ${code}`,
  plan: `The social context of ${code}`,
});

/**
 * A case with a subject, a signal, a decision (the closure when closed, on `endedAt`), a
 * plan, a task, and an agenda item with an event and notes in `s.meeting`.
 */
export async function seedCase(
  store: Store,
  s: Seeded,
  options: { code: string; stage: "closed" | "active"; endedAt: Date; networkId?: string; restricted?: boolean },
) {
  const { t } = store;
  const networkId = options.networkId ?? s.network;
  const words = wordsOf(options.code);
  const ids = { case: randomUUID(), signal: randomUUID(), item: randomUUID() };
  await store.transaction(async (tx) => {
    await tx.insert(t.cases).values({
      id: ids.case,
      networkId,
      code: options.code,
      stage: options.stage,
      summary: words.summary,
      restrictedAt: options.restricted ? options.endedAt : null,
      createdAt: new Date(options.endedAt.getTime() - 86_400_000 * 90),
      updatedAt: options.endedAt,
    });
    await tx.insert(t.caseSubjects).values({ caseId: ids.case, name: words.name });
    await tx.insert(t.signals).values({
      id: ids.signal,
      networkId,
      caseId: ids.case,
      receivedAt: new Date(options.endedAt.getTime() - 86_400_000 * 90),
      channel: "school",
      reporterName: words.reporter,
      concern: words.concern,
    });
    await tx.insert(t.decisions).values({
      id: randomUUID(),
      networkId,
      caseId: ids.case,
      kind: options.stage === "closed" ? "closure" : "stage",
      outcome: options.stage,
      rationale: words.rationale,
      decidedBy: s.people.officer,
      decidedAt: options.endedAt,
    });
    await tx.insert(t.planVersions).values({
      id: randomUUID(),
      caseId: ids.case,
      version: 1,
      content: {
        socialContext: words.plan,
        goals: [],
        actions: [],
        agencies: [],
        contentCoordinator: null,
        processCoordinator: null,
        nextCheckInOn: "2030-01-01",
      },
      savedBy: s.people.coordinator,
    });
    await tx.insert(t.tasks).values({ id: randomUUID(), networkId, caseId: ids.case, what: words.task });
    if (networkId !== s.network) return;
    await tx.insert(t.agendaItems).values({
      id: ids.item,
      meetingId: s.meeting,
      position: 1,
      section: "checkins",
      reason: "check_in_due",
      kind: "check_in",
      title: options.code,
      caseId: ids.case,
      plannedMinutes: 10,
    });
    const [last] = await tx
      .select({ seq: t.meetingEvents.seq })
      .from(t.meetingEvents)
      .where(eq(t.meetingEvents.meetingId, s.meeting))
      .orderBy(desc(t.meetingEvents.seq))
      .limit(1);
    await tx.insert(t.meetingEvents).values({
      meetingId: s.meeting,
      seq: (last?.seq ?? 0) + 1,
      type: "decision.recorded",
      itemId: ids.item,
      payload: JSON.stringify({ outcome: options.stage, rationale: words.said }),
    });
    await tx
      .insert(t.noteUpdates)
      .values({ doc: itemNotesDoc(ids.item), update: Buffer.from(words.said), at: options.endedAt });
  });
  return { ...ids, code: options.code, words };
}

/** Everything stored about a case that holds words, as one string to search. */
export async function storedAbout(store: Store, caseId: string, itemId: string): Promise<string> {
  const { t, db } = store;
  const rows = [
    await db.select().from(t.cases).where(eq(t.cases.id, caseId)),
    await db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, caseId)),
    await db.select().from(t.signals).where(eq(t.signals.caseId, caseId)),
    await db.select().from(t.decisions).where(eq(t.decisions.caseId, caseId)),
    await db.select().from(t.planVersions).where(eq(t.planVersions.caseId, caseId)),
    await db.select().from(t.tasks).where(eq(t.tasks.caseId, caseId)),
    await db.select().from(t.meetingEvents).where(eq(t.meetingEvents.itemId, itemId)),
    (
      await db
        .select()
        .from(t.noteUpdates)
        .where(eq(t.noteUpdates.doc, itemNotesDoc(itemId)))
    ).map((n) => ({
      ...n,
      update: Buffer.from(n.update).toString(),
    })),
  ];
  return JSON.stringify(rows);
}

/** The audit log as stored, checked link by link. */
export async function chainOf(store: Store) {
  const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(prev);
    expect(hashEntry(row)).toBe(row.hash);
    prev = row.hash;
  }
  return rows;
}
