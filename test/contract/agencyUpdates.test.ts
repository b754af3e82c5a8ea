import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Store } from "../../db/store.ts";
import { createAuditChain, GENESIS_HASH, hashEntry, type AuditEntryInput } from "../../server/audit/auditLog.ts";
import { rolesWith } from "../../server/auth/policy.ts";
import type { SignedInPerson } from "../../server/auth/sessions.ts";
import { createClosure } from "../../server/cases/closure.ts";
import { createLog } from "../../server/log.ts";
import { createMailWorker } from "../../server/mail/mailWorker.ts";
import { createOutbox } from "../../server/mail/outbox.ts";
import {
  confirmUpdate,
  createAgencyUpdates,
  itemHasUpdates,
  type UpdateInput,
} from "../../server/updates/agencyUpdates.ts";
import { createUpdateReminders } from "../../server/updates/updateReminders.ts";
import { caseRegisterOn } from "../support/caseStore.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { seedSchedulingWorld } from "../support/schedulingWorld.ts";
import { engineWithoutCaseServices } from "../support/engineAlone.ts";

// Agency updates and their reminder on the Store (decision 0040), the same tests on SQLite
// and PostgreSQL; a view on a closure proposal goes through the cases' closure service in
// the update's transaction. The pages: test/integration/agencyUpdates.test.ts.

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

describe.each(await dialectsUnderTest())("agency updates on %s", (dialect) => {
  const store = useFreshStore(dialect);
  const updates = () => {
    const { audit, caseRegister } = caseRegisterOn(store());
    return createAgencyUpdates({
      store: store(),
      audit,
      closure: createClosure({ store: store(), audit, caseRegister }),
    });
  };

  it("an involved agency posts its update and replaces it; who has reported is counted per item", async () => {
    const w = await seedSchedulingWorld(store());
    const police = { personId: w.person.police, ip: null };
    const where = { networkId: w.net.riverside, meetingId: w.meeting.next, itemId: w.item.checkIn };
    const first = await updates().post(
      police,
      { ...where, agencyId: w.agency.police },
      { news: "Visited twice", closure: null, tasks: [{ taskId: w.taskId, progress: "in_progress", note: null }] },
    );
    expect(first).toMatchObject({ ok: true });
    const again = await updates().post(
      police,
      { ...where, agencyId: w.agency.police },
      { news: "Visited three times", closure: null, tasks: [{ taskId: w.taskId, progress: "done", note: "Done" }] },
    );
    expect(again).toEqual(first);

    const reporting = (await updates().reporting(w.net.riverside, w.meeting.next))!;
    expect(reporting).toMatchObject({ reported: 1, expected: 2, missingAgencyIds: [w.agency.health] });
    expect(reporting.items.map((i) => [i.itemId, i.reporting])).toEqual([
      [w.item.checkIn, { reported: 1, expected: 2, missing: ["Mental health"] }],
    ]);
    const mine = (await updates().forAgency(w.net.riverside, w.meeting.next, w.agency.police))!;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      itemId: w.item.checkIn,
      closureOpen: false,
      openTasks: [{ id: w.taskId, what: "Visit the family" }],
      update: { news: "Visited three times", tasks: [{ taskId: w.taskId, progress: "done", note: "Done" }] },
    });
    expect(await updates().forAgency(w.net.riverside, w.meeting.next, w.agency.school)).toEqual([]);
    expect(await updates().reporting(w.net.hillside, w.meeting.next)).toBeNull();
    const audit = await chainOf(store());
    expect(audit.map((r) => [r.action, r.actorId, r.subjectId])).toEqual([
      ["meeting.agency_update_posted", w.person.police, w.meeting.next],
      ["meeting.agency_update_changed", w.person.police, w.meeting.next],
    ]);
  });

  it("an update's closure view is the agency's view on the proposal, audited before the update; none without a proposal", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    const police = { personId: w.person.police, ip: null };
    const where = {
      networkId: w.net.riverside,
      meetingId: w.meeting.next,
      itemId: w.item.checkIn,
      agencyId: w.agency.police,
    };
    const input = { news: null, closure: { view: "agree" as const, comment: "Ready." }, tasks: [] };
    expect(await updates().post(police, where, input)).toEqual({ ok: false, reason: "no_open_proposal" });
    expect(await store().db.select().from(t.agencyUpdates)).toEqual([]);
    expect(await chainOf(store())).toEqual([]);
    const proposalId = crypto.randomUUID();
    await store().transaction((tx) =>
      tx.insert(t.closureProposals).values({
        id: proposalId,
        caseId: w.caseId,
        template: "default",
        checklist: {},
        rationale: "Goals attained.",
        proposedBy: w.person.police,
      }),
    );
    expect(await updates().post(police, where, input)).toMatchObject({ ok: true });
    expect(await store().db.select().from(t.closureViews)).toEqual([
      expect.objectContaining({ proposalId, agencyId: w.agency.police, view: "agree", comment: "Ready." }),
    ]);
    expect((await chainOf(store())).map((r) => r.action)).toEqual([
      "closure.view_given",
      "meeting.agency_update_posted",
    ]);
  });

  it("refuses another network's meeting or item, an agency not involved, a task not its own, an empty update, a meeting not to come; nothing changes", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    const police = { personId: w.person.police, ip: null };
    const news = { news: "News", closure: null, tasks: [] };
    const at = (networkId: string, meetingId: string, itemId: string, agencyId = w.agency.police) => ({
      networkId,
      meetingId,
      itemId,
      agencyId,
    });
    const refused = async (where: ReturnType<typeof at>, input: UpdateInput = news) =>
      ((await updates().post(police, where, input)) as { reason?: string }).reason;
    expect(await refused(at(w.net.hillside, w.meeting.next, w.item.checkIn))).toBe("not_found");
    expect(await refused(at(w.net.riverside, w.meeting.theirs, w.item.theirs))).toBe("not_found");
    expect(await refused(at(w.net.riverside, w.meeting.next, w.item.theirs))).toBe("not_found");
    expect(await refused(at(w.net.riverside, w.meeting.next, w.item.opening))).toBe("not_found");
    expect(await refused(at(w.net.riverside, w.meeting.next, w.item.checkIn, w.agency.school))).toBe("not_involved");
    expect(await refused(at(w.net.riverside, w.meeting.next, w.item.checkIn, w.agency.theirs))).toBe("not_involved");
    expect(
      await refused(at(w.net.riverside, w.meeting.next, w.item.checkIn, w.agency.health), {
        news: null,
        closure: null,
        tasks: [{ taskId: w.taskId, progress: "done", note: null }],
      }),
    ).toBe("unknown_task");
    expect(
      await refused(at(w.net.riverside, w.meeting.next, w.item.checkIn), { news: null, closure: null, tasks: [] }),
    ).toBe("empty");
    for (const [status, reason] of [
      ["running", "meeting_started"],
      ["ended", "meeting_started"],
      ["cancelled", "not_found"],
    ] as const) {
      await store().transaction((tx) => tx.update(t.meetings).set({ status }).where(eq(t.meetings.id, w.meeting.next)));
      expect(await refused(at(w.net.riverside, w.meeting.next, w.item.checkIn))).toBe(reason);
    }
    expect(await store().db.select().from(t.agencyUpdates)).toEqual([]);
    expect(await store().db.select().from(t.auditLog)).toEqual([]);
  });

  it("the chair confirms an update once: its tasks take the progress reported, in the room's transaction", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    const audit = createAuditChain(store());
    const posted = await updates().post(
      { personId: w.person.police, ip: null },
      { networkId: w.net.riverside, meetingId: w.meeting.next, itemId: w.item.checkIn, agencyId: w.agency.police },
      { news: null, closure: null, tasks: [{ taskId: w.taskId, progress: "done", note: null }] },
    );
    if (!posted.ok) throw new Error(posted.reason);
    const meeting = { id: w.meeting.next, networkId: w.net.riverside, previousMeetingId: null };
    const chair = { personId: w.person.chair, ip: null };
    // As the room's engine does: the entries the confirm leaves are appended last.
    const confirm = (m: typeof meeting, itemId: string) =>
      store().transaction(async (tx) => {
        const audits: AuditEntryInput[] = [];
        const done = await confirmUpdate(t, tx, chair, m, itemId, posted.id, audits);
        expect(audits).toHaveLength(done ? 1 : 0);
        for (const entry of audits) await audit.append(tx, chair, entry);
        return done;
      });
    expect(await confirm({ ...meeting, networkId: w.net.hillside }, w.item.checkIn)).toBeNull();
    expect(await confirm(meeting, w.item.opening)).toBeNull();
    const both = await Promise.all([confirm(meeting, w.item.checkIn), confirm(meeting, w.item.checkIn)]);
    expect(both.filter((c) => c !== null)).toEqual([{ taskIds: [w.taskId] }]);
    const [task] = await store().db.select().from(t.tasks).where(eq(t.tasks.id, w.taskId));
    expect(task).toMatchObject({ status: "done", stopReason: null });
    const [update] = await store().db.select().from(t.agencyUpdates);
    expect(update).toMatchObject({ confirmedBy: w.person.chair, confirmedAt: expect.any(Date) });
    expect((await chainOf(store())).map((r) => [r.action, r.actorId, JSON.parse(r.details)])).toEqual([
      ["meeting.agency_update_posted", w.person.police, expect.anything()],
      [
        "meeting.agency_update_confirmed",
        w.person.chair,
        { itemId: w.item.checkIn, agencyId: w.agency.police, tasks: 1 },
      ],
    ]);
  });

  it("an item carries updates once one is posted on it, and only that item", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    expect(await itemHasUpdates(t, store().db, w.item.checkIn)).toBe(false);
    await updates().post(
      { personId: w.person.police, ip: null },
      { networkId: w.net.riverside, meetingId: w.meeting.next, itemId: w.item.checkIn, agencyId: w.agency.police },
      { news: "News", closure: null, tasks: [] },
    );
    expect(await itemHasUpdates(t, store().db, w.item.checkIn)).toBe(true);
    expect(await store().transaction((tx) => itemHasUpdates(t, tx, w.item.checkIn))).toBe(true);
    expect(await itemHasUpdates(t, store().db, w.item.opening)).toBe(false);
    expect(await itemHasUpdates(t, store().db, w.item.theirs)).toBe(false);
  });

  it("in the room: two engines confirm at once, one applies, its entry before the engine's as the last writes; an item with an update stays on the agenda", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    const posted = await updates().post(
      { personId: w.person.police, ip: null },
      { networkId: w.net.riverside, meetingId: w.meeting.next, itemId: w.item.checkIn, agencyId: w.agency.police },
      { news: null, closure: null, tasks: [{ taskId: w.taskId, progress: "done", note: null }] },
    );
    if (!posted.ok) throw new Error(posted.reason);
    await store().transaction(async (tx) => {
      await tx
        .update(t.meetings)
        .set({ status: "running", startedAt: new Date() })
        .where(eq(t.meetings.id, w.meeting.next));
      await tx
        .update(t.meetingParticipants)
        .set({ confidentialityVersion: 1, confidentialityAcceptedAt: new Date() })
        .where(eq(t.meetingParticipants.meetingId, w.meeting.next));
    });
    const chair: SignedInPerson = {
      personId: w.person.chair,
      isInstanceAdmin: false,
      memberships: { [w.net.riverside]: { role: "chair", agencyId: w.agency.police, isAccountableOfficer: false } },
      sessionId: randomUUID(),
      name: "chair",
      email: "chair@example.org",
      language: null,
      idleEndsAt: new Date(Date.now() + 60_000),
      endsAt: new Date(Date.now() + 60_000),
    };
    // Neither command reaches the case services.
    const engine = () => engineWithoutCaseServices(store());
    const run = (name: "update:confirm" | "agenda:remove", payload: Record<string, string>) =>
      engine().execute(chair, null, name, { meetingId: w.meeting.next, opId: randomUUID(), ...payload });

    const acks = await Promise.all(
      [0, 1].map(() => run("update:confirm", { itemId: w.item.checkIn, updateId: posted.id })),
    );
    expect(acks.filter(({ ack }) => ack.ok)).toHaveLength(1);
    expect(acks.find(({ ack }) => !ack.ok)?.ack).toMatchObject({
      ok: false,
      error: { code: "not_found", reason: "no_such_update" },
    });
    const [task] = await store().db.select().from(t.tasks).where(eq(t.tasks.id, w.taskId));
    expect(task).toMatchObject({ status: "done", stopReason: null });
    expect((await chainOf(store())).map((r) => [r.action, r.actorId])).toEqual([
      ["meeting.agency_update_posted", w.person.police],
      ["meeting.agency_update_confirmed", w.person.chair],
      ["meeting.update_confirmed", w.person.chair],
    ]);

    const items = await store().db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, w.meeting.next));
    const { ack } = await run("agenda:remove", { itemId: w.item.checkIn });
    expect(ack).toMatchObject({ ok: false, error: { code: "conflict", reason: "item_on_record" } });
    expect(await store().db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, w.meeting.next))).toEqual(
      items,
    );
    expect(await chainOf(store())).toHaveLength(3);
  });

  it("reminds each poster of an agency that has not reported once, even when two runs overlap", async () => {
    const w = await seedSchedulingWorld(store());
    const { t } = store();
    const outbox = createOutbox(store());
    const worker = createMailWorker({
      outbox,
      transport: { send: () => Promise.reject(new Error("not started")), close() {} },
      from: "casetable@example.org",
      outboxDir: "/nonexistent",
      node: { name: null, alone: true },
      log: createLog("silent"),
    });
    const reminders = createUpdateReminders({ store: store(), audit: createAuditChain(store()), outbox, worker });
    await updates().post(
      { personId: w.person.police, ip: null },
      { networkId: w.net.riverside, meetingId: w.meeting.next, itemId: w.item.checkIn, agencyId: w.agency.police },
      { news: "News", closure: null, tasks: [] },
    );
    const posters = (await store().db.select().from(t.memberships)).filter(
      (m) => [w.agency.health, w.agency.theirs].includes(m.agencyId) && rolesWith("updates:post").includes(m.role),
    );
    // Not yet four days before; then, within the network's three days, two runs at once.
    expect(await reminders.remindMissing({ now: new Date(w.inAWeek.getTime() - 4 * 86_400_000) })).toBe(0);
    const due = new Date(w.inAWeek.getTime() - 2 * 86_400_000);
    const runs = await Promise.all([reminders.remindMissing({ now: due }), reminders.remindMissing({ now: due })]);
    expect(runs[0] + runs[1]).toBe(posters.length);
    expect(await reminders.remindMissing({ now: due })).toBe(0);
    const sent = await store().db.select().from(t.deliveries);
    expect(sent.map((d) => d.recipientPersonId).toSorted()).toEqual(posters.map((p) => p.personId).toSorted());
    expect(sent.every((d) => d.kind === "update_reminder" && d.state === "pending")).toBe(true);
    const queued = (await chainOf(store())).filter((r) => r.action === "meeting.update_reminder_queued");
    expect(queued.map((r) => r.subjectId).toSorted()).toEqual([w.meeting.next, w.meeting.theirs].toSorted());
  });
});
