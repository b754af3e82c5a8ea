import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH, hashEntry } from "../../server/audit/auditLog.ts";
import { createMeetingAnswers } from "../../server/meetings/meetingAnswers.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";

// Meeting answers, the first service on the Store (decision 0040): the same tests on
// SQLite and on PostgreSQL. Their pages: test/integration/invitations.test.ts.

async function seed(store: Store) {
  const { t } = store;
  const ids = { network: randomUUID(), other: randomUUID(), meeting: randomUUID(), otherMeeting: randomUUID() };
  const people = Object.fromEntries(["chair", "police", "school", "outsider"].map((n) => [n, randomUUID()])) as Record<
    "chair" | "police" | "school" | "outsider",
    string
  >;
  const agency = { police: randomUUID(), school: randomUUID(), theirs: randomUUID() };
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
      { id: agency.school, networkId: ids.network, name: "Albert School", sector: "education" },
      { id: agency.theirs, networkId: ids.other, name: "Police", sector: "police" },
    ]);
    await tx.insert(t.memberships).values([
      {
        id: randomUUID(),
        personId: people.chair,
        networkId: ids.network,
        agencyId: agency.police,
        role: "chair",
        mandate: "decides",
      },
      {
        id: randomUUID(),
        personId: people.police,
        networkId: ids.network,
        agencyId: agency.police,
        role: "member",
        mandate: "decides",
      },
      {
        id: randomUUID(),
        personId: people.school,
        networkId: ids.network,
        agencyId: agency.school,
        role: "member",
        mandate: "decides",
      },
      {
        id: randomUUID(),
        personId: people.outsider,
        networkId: ids.other,
        agencyId: agency.theirs,
        role: "member",
        mandate: "decides",
      },
    ]);
    await tx.insert(t.meetings).values([
      {
        id: ids.meeting,
        networkId: ids.network,
        title: "Case conference",
        startsAt: new Date(),
        template: "standard",
        language: "en",
        createdBy: people.chair,
      },
      {
        id: ids.otherMeeting,
        networkId: ids.other,
        title: "Theirs",
        startsAt: new Date(),
        template: "standard",
        language: "en",
        createdBy: people.outsider,
      },
    ]);
    await tx.insert(t.meetingParticipants).values(
      (["chair", "police", "school"] as const).map((n) => ({
        meetingId: ids.meeting,
        personId: people[n],
        agencyId: n === "school" ? agency.school : agency.police,
        mandate: "decides",
      })),
    );
  });
  return { ...ids, people };
}

/** The audit log as stored, checked link by link. */
async function chainOf(store: Store) {
  const rows = await store.db.select().from(store.t.auditLog).orderBy(asc(store.t.auditLog.id));
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prevHash).toBe(prev);
    expect(hashEntry(row)).toBe(row.hash);
    prev = row.hash;
  }
  return rows;
}

describe.each(await dialectsUnderTest())("meeting answers on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const service = () => createMeetingAnswers({ store: store(), audit: createAuditChain(store()) });

  it("records a person's answer, replaces it with their next one, and audits each", async () => {
    const s = await seed(store());
    const answers = service();
    const police = { personId: s.people.police, ip: "10.1.2.3" };
    expect(await answers.answer(police, s.network, s.meeting, { answer: "attending", delegateName: null })).toEqual({
      ok: true,
    });
    expect(
      await answers.answer(police, s.network, s.meeting, { answer: "apologies", delegateName: "Dr. Eva Lind" }),
    ).toEqual({ ok: true });
    expect(await answers.answerOf(s.network, s.meeting, s.people.police)).toMatchObject({
      answer: "apologies",
      delegateName: "Dr. Eva Lind",
      agencyName: "Police",
    });
    expect((await answers.answerOf(s.network, s.meeting, s.people.police))!.answeredAt).toBeInstanceOf(Date);
    const audit = await chainOf(store());
    expect(audit.map((r) => [r.action, r.actorId, r.subjectId, JSON.parse(r.details)])).toEqual([
      ["meeting.answered", s.people.police, s.meeting, { answer: "attending", delegate: false }],
      ["meeting.answered", s.people.police, s.meeting, { answer: "apologies", delegate: true }],
    ]);
  });

  it("lists the invited members by agency and name, with their answers; another network's meeting lists nobody", async () => {
    const s = await seed(store());
    const answers = service();
    await answers.answer({ personId: s.people.school, ip: null }, s.network, s.meeting, {
      answer: "attending",
      delegateName: null,
    });
    const listed = await answers.responsesFor(s.network, s.meeting);
    expect(listed.map((r) => [r.agencyName, r.name, r.answer])).toEqual([
      ["Albert School", "school", "attending"],
      ["Police", "chair", null],
      ["Police", "police", null],
    ]);
    expect(await answers.responsesFor(s.network, s.otherMeeting)).toEqual([]);
    expect(await answers.answerOf(s.network, s.meeting, s.people.outsider)).toBeNull();
  });

  it("refuses what is not theirs to answer, and changes nothing", async () => {
    const s = await seed(store());
    const answers = service();
    const { t } = store();
    const attending = { answer: "attending" as const, delegateName: null };
    const outsider = { personId: s.people.outsider, ip: null };
    const police = { personId: s.people.police, ip: null };
    expect(await answers.answer(outsider, s.network, s.meeting, attending)).toEqual({
      ok: false,
      reason: "not_invited",
    });
    expect(await answers.answer(police, s.other, s.meeting, attending)).toEqual({ ok: false, reason: "not_found" });
    expect(await answers.answer(outsider, s.other, s.otherMeeting, attending)).toEqual({
      ok: false,
      reason: "not_invited",
    });
    expect(
      await answers.answer(police, s.network, s.meeting, { answer: "attending", delegateName: "Someone" }),
    ).toEqual({ ok: false, reason: "delegate_without_apologies" });
    for (const status of ["cancelled", "ended"] as const) {
      await store().transaction((tx) => tx.update(t.meetings).set({ status }).where(eq(t.meetings.id, s.meeting)));
      expect(await answers.answer(police, s.network, s.meeting, attending)).toEqual({ ok: false, reason: status });
    }
    expect(await store().db.select().from(t.meetingAnswers)).toEqual([]);
    expect(await store().db.select().from(t.auditLog)).toEqual([]);
  });

  it("answers given at once each land once, and the audit chain stays one chain", async () => {
    const s = await seed(store());
    const answers = service();
    const who = [s.people.chair, s.people.police, s.people.school];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        answers.answer({ personId: who[i % 3], ip: null }, s.network, s.meeting, {
          answer: i % 2 ? "attending" : "apologies",
          delegateName: null,
        }),
      ),
    );
    expect(await store().db.select().from(store().t.meetingAnswers)).toHaveLength(3);
    expect(await chainOf(store())).toHaveLength(15);
  });
});
