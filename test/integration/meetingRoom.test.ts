import { renameSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type {
  MeetingEvent,
  MeetingEventOf,
  MeetingEventType,
  MeetingSnapshot,
} from "../../app/contract/meetingProtocol.ts";
import { emit, joinMeeting, op, personConsent, prepareMeeting } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";
import { serverDialect, sqliteOf } from "../support/server.ts";

const app = useTestServer();
let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
const open: Socket[] = [];

beforeAll(async () => {
  prepared = await prepareMeeting(app.services, app.net);
});
afterEach(() => open.splice(0).forEach((s) => s.disconnect()));

async function join(email: string, display = false) {
  const { s, ack } = await joinMeeting(app.url, email, prepared.meetingId, display);
  open.push(s);
  const events: MeetingEvent[] = [];
  s.on("meeting:event", (e: MeetingEvent) => events.push(e));
  return { s, snapshot: ack.data, ack, events };
}

const cmd = (s: Socket, name: string, payload: Record<string, unknown> = {}) =>
  emit(s, name, { meetingId: prepared.meetingId, opId: op(), ...payload });
const nextEvent = <T extends MeetingEventType>(s: Socket, type: T) =>
  new Promise<MeetingEventOf<T>>((resolve) =>
    s.on("meeting:event", (e: MeetingEvent) => e.type === type && resolve(e as MeetingEventOf<T>)),
  );
/** Marks an agency involved in a case, as the register does when it takes a part in the plan. */
async function involve(caseId: string, agencyId: string) {
  const c = (await app.services.caseRegister.get(caseId))!;
  await app.services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, c, [
    ...c.scope.involvedAgencyIds,
    agencyId,
  ]);
}
const itemOf = (snap: MeetingSnapshot, section: string, n = 0) => snap.agenda.filter((i) => i.section === section)[n];

describe("the meeting room over socket.io", () => {
  it("builds the agenda from the cases and shows nothing of a case before the statement is accepted", async () => {
    const chair = await join("chair@riverside.example");
    expect(chair.snapshot.level).toBe("lobby");
    expect(chair.snapshot.agenda.map((i) => i.section)).toEqual([
      "opening",
      "signals",
      "checkins",
      "checkins",
      "checkins",
      "closures",
      "aob",
    ]);
    expect(chair.snapshot.agenda.every((i) => i.caseCode === null && i.summary === null)).toBe(true);
    const refused = await cmd(chair.s, "decision:record", {
      itemId: itemOf(chair.snapshot, "checkins").id,
      outcome: "continue",
      rationale: "x",
    });
    expect(refused).toMatchObject({ ok: false });

    const accepted = await cmd(chair.s, "confidentiality:accept", {
      version: chair.snapshot.meeting.confidentiality.version,
    });
    expect(accepted.ok).toBe(true);
    const again = await emit<{ ok: true; data: MeetingSnapshot }>(chair.s, "meeting:join", {
      meetingId: prepared.meetingId,
    });
    expect(again.data.level).toBe("full");
    expect(itemOf(again.data, "closures").caseCode).toBe(prepared.closingCode);
    expect(JSON.stringify(again.data)).not.toContain("Fictional Subject");
  });

  it("refuses a stale confidentiality version, an unknown meeting and someone not invited", async () => {
    const police = await join("police@riverside.example");
    expect(await cmd(police.s, "confidentiality:accept", { version: 99 })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await emit(police.s, "meeting:join", { meetingId: "nope" })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    const admin = await join("admin@riverside.example");
    expect(admin.ack).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  // SQLite's own log file, synced by Casetable (decision 0031); PostgreSQL syncs its own, inside the server.
  it.skipIf(serverDialect === "postgresql")(
    "sends nothing of a command whose log could not be synced (decision 0031); its retry is answered from the log",
    async () => {
      const chair = await join("chair@riverside.example");
      const police = await join("police@riverside.example");
      const payload = { meetingId: prepared.meetingId, opId: op(), version: 1 };
      // The log's file moved away: the commit writes through SQLite's open file, the sync
      // (which opens the log by its path) fails.
      const wal = `${sqliteOf(app.services).path}-wal`;
      renameSync(wal, `${wal}.away`);
      let failed: unknown;
      try {
        failed = await emit(police.s, "confidentiality:accept", payload);
      } finally {
        renameSync(`${wal}.away`, wal);
      }
      expect(failed).toMatchObject({ ok: false });
      await new Promise((r) => setTimeout(r, 300));
      expect(chair.events).toEqual([]);
      expect(police.events).toEqual([]);
      expect(await emit(police.s, "confidentiality:accept", payload)).toMatchObject({ ok: true });
      // The chair is sent an acceptance once its log is on disk.
      const seen = nextEvent(chair.s, "confidentiality:accepted");
      const health = await join("health@riverside.example");
      expect((await cmd(health.s, "confidentiality:accept", { version: 1 })).ok).toBe(true);
      expect((await seen).data.personId).toBe(prepared.member("health@riverside.example").personId);
    },
  );

  it("runs a meeting: every command is acked, stored with the next sequence number and broadcast", async () => {
    const { store } = app.services.database;
    const { t } = store;
    const chair = await join("chair@riverside.example");
    const police = await join("police@riverside.example");
    await cmd(police.s, "confidentiality:accept", { version: 1 });
    const policeSnap = (
      await emit<{ ok: true; data: MeetingSnapshot }>(police.s, "meeting:join", { meetingId: prepared.meetingId })
    ).data;
    const display = await join("coordinator@riverside.example", true);
    expect(display.snapshot.level).toBe("display");
    expect(display.snapshot.agenda.filter((i) => i.caseCode).length).toBeGreaterThan(0);
    expect(display.snapshot.agenda.every((i) => i.summary === null)).toBe(true);

    // Only the chair or coordinator drives.
    expect(await cmd(police.s, "meeting:start")).toMatchObject({
      ok: false,
      error: { code: "forbidden", reason: "chair_or_coordinator_only" },
    });
    const seen = nextEvent(police.s, "meeting:started");
    const started = await cmd(chair.s, "meeting:start");
    expect(started).toMatchObject({ ok: true, data: { seq: expect.any(Number) } });
    expect((await seen).seq).toBe(started.data.seq);
    expect(await cmd(chair.s, "meeting:start")).toMatchObject({ ok: false, error: { code: "conflict" } });

    const attend = await cmd(police.s, "attendance:set", {
      personId: prepared.member("police@riverside.example").personId,
      attendance: "on_screen",
    });
    expect(attend.ok).toBe(true);
    expect(
      await cmd(police.s, "attendance:set", {
        personId: prepared.member("health@riverside.example").personId,
        attendance: "apologies",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const opened = nextEvent(display.s, "item:opened");
    expect((await cmd(chair.s, "item:open", { to: "next" })).ok).toBe(true);
    expect((await opened).data.currentItemId).toBe(itemOf(policeSnap, "signals").id);
    expect(await cmd(chair.s, "item:open", { to: "previous" })).toMatchObject({ ok: true });
    expect(await cmd(chair.s, "item:open", { to: "previous" })).toMatchObject({
      ok: false,
      error: { reason: "first_item" },
    });
    expect(await cmd(chair.s, "timer:pause")).toMatchObject({ ok: true });
    expect(await cmd(chair.s, "timer:pause")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await cmd(chair.s, "timer:start")).toMatchObject({ ok: true });

    // The signal: graded, then routed into MAW with the police's view.
    const signalItem = itemOf(policeSnap, "signals");
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: signalItem.id,
        outcome: "take_into_maw",
        rationale: "Concerning.",
        basis: personConsent(prepared.member("school@riverside.example").personId),
      }),
    ).toMatchObject({ ok: false, error: { reason: "not_analysed" } });
    expect(
      await cmd(chair.s, "signal:grade", {
        itemId: signalItem.id,
        isSecuritySignal: false,
        sourceGrade: "Z",
        informationGrade: "2",
        gradingRationale: "x",
      }),
    ).toMatchObject({ ok: false, error: { code: "refused" } });
    expect(
      await cmd(chair.s, "signal:grade", {
        itemId: signalItem.id,
        isSecuritySignal: false,
        sourceGrade: "B",
        informationGrade: "2",
        gradingRationale: "Teacher known to us; two pupils confirm.",
      }),
    ).toMatchObject({ ok: true });
    const policeAgency = prepared.agencyOf("police");
    // Only an involved agency gives a view (and hears the decision): the police join the school on this case.
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: signalItem.id,
        outcome: "take_into_maw",
        rationale: "Concerning.",
        views: [{ agencyId: policeAgency, view: "agree" }],
      }),
    ).toMatchObject({ ok: false, error: { code: "refused" } });
    await involve(prepared.signal.caseId, policeAgency);
    const decided = nextEvent(police.s, "decision:recorded");
    const routed = await cmd(chair.s, "decision:record", {
      itemId: signalItem.id,
      outcome: "take_into_maw",
      rationale: "Concerning and corroborated.",
      views: [{ agencyId: policeAgency, view: "agree" }],
      basis: personConsent(prepared.member("school@riverside.example").personId),
    });
    expect(routed.ok).toBe(true);
    const event = await decided;
    expect(event.data.decision).toMatchObject({
      outcome: "take_into_maw",
      caseCode: prepared.signal.code,
      views: [{ agencyId: policeAgency, view: "agree" }],
    });
    expect(await store.db.select().from(t.decisions).where(eq(t.decisions.meetingId, prepared.meetingId))).toHaveLength(
      1,
    );
    expect((await app.services.caseRegister.get(prepared.signal.caseId))!.stage).toBe("assessment");

    // A check-in: continue, a task, and a member's own view and task proposal.
    const checkIn = itemOf(policeSnap, "checkins");
    const continued = await cmd(chair.s, "decision:record", {
      itemId: checkIn.id,
      outcome: "continue",
      rationale: "On track.",
    });
    expect(continued.ok).toBe(true);
    const decisionId = (continued.data.data.decision as { id: string }).id;
    const social = prepared.member("social@riverside.example");
    expect(
      await cmd(police.s, "view:give", {
        itemId: checkIn.id,
        decisionId,
        view: "disagree",
        comment: "We see risk rising.",
      }),
    ).toMatchObject({ ok: false, error: { code: "refused" } });
    await involve(
      (await store.db.select().from(t.agendaItems).where(eq(t.agendaItems.id, checkIn.id)).limit(1))[0]!.caseId!,
      policeAgency,
    );
    const viewGiven = await cmd(police.s, "view:give", {
      itemId: checkIn.id,
      decisionId,
      view: "disagree",
      comment: "We see risk rising.",
    });
    expect(viewGiven).toMatchObject({
      ok: true,
      data: { data: { decision: { views: [{ view: "disagree", comment: "We see risk rising." }] } } },
    });
    const proposal = await cmd(police.s, "task:propose", {
      itemId: checkIn.id,
      what: "Home visit",
      ownerAgencyId: social.agencyId,
      dueOn: "2030-01-10",
    });
    expect(proposal.ok).toBe(true);
    expect(
      await cmd(police.s, "task:add", {
        itemId: checkIn.id,
        what: "x",
        ownerAgencyId: social.agencyId,
        dueOn: "2030-01-10",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const taskAdded = await cmd(chair.s, "task:add", {
      itemId: checkIn.id,
      what: "Home visit",
      ownerAgencyId: social.agencyId,
      ownerPersonId: social.personId,
      dueOn: "2030-01-10",
      proposalId: (proposal.data.data.proposal as { id: string }).id,
    });
    expect(taskAdded).toMatchObject({
      ok: true,
      data: {
        data: { task: { what: "Home visit", ownerPersonName: "Aïcha Benali" }, proposal: { status: "accepted" } },
      },
    });
    expect(
      await cmd(chair.s, "task:add", {
        itemId: checkIn.id,
        what: "x",
        ownerAgencyId: policeAgency,
        ownerPersonId: social.personId,
        dueOn: "2030-01-10",
      }),
    ).toMatchObject({ ok: false, error: { reason: "owner_not_in_agency" } });
    expect(
      await store.db.select().from(t.decisionViews).where(eq(t.decisionViews.decisionId, decisionId)),
    ).toHaveLength(1);

    // The closure: police agrees, health disagrees, the accountable officer (the chair) closes.
    const closureItem = itemOf(policeSnap, "closures");
    expect(
      await cmd(chair.s, "decision:record", { itemId: closureItem.id, outcome: "close", rationale: "Goals attained." }),
    ).toMatchObject({ ok: false, error: { reason: "views_missing" } });
    expect(await cmd(police.s, "view:give", { itemId: closureItem.id, view: "agree" })).toMatchObject({ ok: true });
    const health = await join("health@riverside.example");
    await cmd(health.s, "confidentiality:accept", { version: 1 });
    expect(
      await cmd(health.s, "view:give", { itemId: closureItem.id, view: "disagree", comment: "Too early." }),
    ).toMatchObject({ ok: true });
    expect(
      await cmd(chair.s, "decision:record", { itemId: closureItem.id, outcome: "continue", rationale: "x" }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(
      await cmd(chair.s, "decision:record", {
        itemId: closureItem.id,
        outcome: "close",
        rationale: "Goals attained; dissent noted.",
      }),
    ).toMatchObject({ ok: true });

    // Agenda editing during the meeting.
    const added = await cmd(chair.s, "agenda:add", { section: "aob", title: "Training day", minutes: 3 });
    const agenda = added.data.data.agenda as { id: string; title: string; plannedMinutes: number }[];
    expect(agenda.at(-1)!.title).toBe("Training day");
    const retimed = await cmd(chair.s, "agenda:retime", { itemId: agenda.at(-1)!.id, minutes: 7 });
    expect((retimed.data.data.agenda as typeof agenda).at(-1)!.plannedMinutes).toBe(7);
    expect(await cmd(chair.s, "agenda:reorder", { itemIds: agenda.slice(1).map((i) => i.id) })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    const reordered = await cmd(chair.s, "agenda:reorder", {
      itemIds: [...agenda.slice(0, -2), agenda.at(-1)!, agenda.at(-2)!].map((i) => i.id),
    });
    expect((reordered.data.data.agenda as typeof agenda).at(-2)!.title).toBe("Training day");
    expect(await cmd(chair.s, "agenda:remove", { itemId: checkIn.id })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await cmd(chair.s, "agenda:remove", { itemId: agenda.at(-1)!.id })).toMatchObject({ ok: true });
    expect(await cmd(chair.s, "item:complete", { itemId: checkIn.id, outcome: "done" })).toMatchObject({ ok: true });
    expect(
      await cmd(chair.s, "item:complete", { itemId: itemOf(policeSnap, "checkins", 1).id, outcome: "deferred" }),
    ).toMatchObject({ ok: true });

    // The display saw the meeting go on but never a decision, a task or a summary.
    expect(display.events.some((e) => e.type === "decision:recorded" || e.type === "task:added")).toBe(false);
    expect(JSON.stringify(display.events)).not.toContain("On track.");

    // Ending locks capture; the coordinator may correct the record, audited.
    expect(await cmd(chair.s, "meeting:end")).toMatchObject({ ok: true });
    expect(
      await cmd(chair.s, "task:add", {
        itemId: checkIn.id,
        what: "late",
        ownerAgencyId: policeAgency,
        dueOn: "2030-01-01",
      }),
    ).toMatchObject({ ok: false, error: { reason: "meeting_ended" } });
    expect(
      await cmd(chair.s, "record:correct", {
        decisionId,
        rationale: "On track; school attendance up.",
        reason: "typo",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const coordinator = await join("coordinator@riverside.example");
    await cmd(coordinator.s, "confidentiality:accept", { version: 1 });
    expect(
      await cmd(coordinator.s, "record:correct", {
        decisionId,
        rationale: "On track; school attendance up.",
        reason: "Minutes review",
      }),
    ).toMatchObject({ ok: true });
    // The audit entry names what changed, not the words (decision 0029); the words stay with the decision.
    const corrected = (await store.db.select().from(t.auditLog)).filter((a) => a.action === "meeting.record_corrected");
    expect(corrected).toHaveLength(1);
    expect(JSON.parse(corrected[0]!.details)).toMatchObject({ fields: ["rationale"] });
    expect(corrected[0]!.details).not.toMatch(/school attendance|Minutes review/);
    expect(await store.db.select().from(t.decisionCorrections)).toMatchObject([
      { decisionId, after: "On track; school attendance up.", reason: "Minutes review" },
    ]);
    // The chair's refused correction is on record: who, which command, which meeting.
    expect(
      (await store.db.select().from(t.auditLog))
        .filter((a) => a.action === "access.refused")
        .map((a) => JSON.parse(a.details) as unknown),
    ).toContainEqual({ right: "record:correct" });

    // The sequence is gapless and every event is stored once.
    const log = await store.db
      .select()
      .from(t.meetingEvents)
      .where(eq(t.meetingEvents.meetingId, prepared.meetingId))
      .orderBy(asc(t.meetingEvents.seq));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(
      (await store.db.select().from(t.tasks).where(eq(t.tasks.meetingId, prepared.meetingId))).map((t) => t.what),
    ).toContain("Home visit");
  });

  it("applies a retried command once: same operation id, same answer, one event", async () => {
    const coordinator = await join("coordinator@riverside.example");
    await cmd(coordinator.s, "confidentiality:accept", { version: 1 });
    const { store } = app.services.database;
    const { t } = store;
    const decision = (
      await store.db.select().from(t.decisions).where(eq(t.decisions.meetingId, prepared.meetingId)).limit(1)
    )[0]!;
    const payload = {
      meetingId: prepared.meetingId,
      opId: op(),
      decisionId: decision.id,
      rationale: "Corrected once.",
      reason: "Minutes review",
    };
    const before = (
      await store.db.select().from(t.meetingEvents).where(eq(t.meetingEvents.meetingId, prepared.meetingId))
    ).length;
    const first = await emit<{ ok: true; data: { seq: number } }>(coordinator.s, "record:correct", payload);
    const second = await emit<{ ok: true; data: { seq: number } }>(coordinator.s, "record:correct", payload);
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect(
      (await store.db.select().from(t.meetingEvents).where(eq(t.meetingEvents.meetingId, prepared.meetingId))).length,
    ).toBe(before + 1);
    const resync = await emit<{ ok: true; data: { kind: string; events: MeetingEvent[] } }>(
      coordinator.s,
      "meeting:resync",
      { meetingId: prepared.meetingId, afterSeq: first.data.seq - 1 },
    );
    expect(resync.data).toMatchObject({ kind: "events", events: [{ seq: first.data.seq, type: "record:corrected" }] });
  });
});
