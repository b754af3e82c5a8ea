import { afterEach, beforeEach, describe, expect, it, onTestFinished as afterThis } from "vitest";
import type { MeetingEvent, MeetingSnapshot } from "../../app/contract/meetingProtocol.ts";
import { emit, personConsent } from "../support/meetings.ts";
import {
  command,
  detail,
  everything,
  holdReseatRead,
  notesJoin,
  notesUpdate,
  resync,
  roomWithNeedToKnow,
  screen,
  settle,
  within,
  type Screen,
} from "../support/room.ts";
import { useTestServer } from "../support/harness.ts";

// Issue 9, reproductions 2, 4 and 5, as a person would meet them in the room.

// A fresh room for every test: each changes standings.
const app = useTestServer({ seed: false, perTest: true }); // roomWithNeedToKnow seeds the network itself
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
const open: Screen[] = [];
const admin = () => ({ personId: room.membershipOf("admin@riverside.example").personId, ip: null });

async function as(email: string, options: { accept?: boolean; display?: boolean } = {}) {
  const sc = await screen(app.server, room.meetingId, email, options);
  open.push(sc);
  return sc;
}
const run = (sc: Screen, name: string, payload: Record<string, unknown> = {}) =>
  command(sc, room.meetingId, name, payload);
/** A check-in's decision on the first check-in item: the case goes on. */
const keepGoing = (sc: Screen, rationale: string) =>
  run(sc, "decision:record", { itemId: room.item.checkinA.id, outcome: "continue", rationale });
const eventCount = async () => (await app.services.meetingEngine.eventsAfter(room.meetingId, 0)).length;
const decisionCount = async () => {
  const { store } = app.services.database;
  return (await store.db.select().from(store.t.decisions)).length;
};
async function demote(email: string, role: "member" | "guest") {
  const m = room.membershipOf(email);
  const changed = await app.services.members.change(admin(), room.net.networkId, m.id, {
    role,
    mandate: m.mandate,
    agencyId: m.agencyId,
    isAccountableOfficer: false,
  });
  expect(changed).toEqual({ ok: true, pending: false });
}

beforeEach(async () => {
  room = await roomWithNeedToKnow(app.server);
});
afterEach(() => open.splice(0).forEach((sc) => sc.s.disconnect()));

describe("reproduction 2: rights are read at every command, not frozen at connect", () => {
  it("a chair demoted to member can no longer start the meeting, record a decision or add to the agenda", async () => {
    const chair = await as("chair@riverside.example");
    expect(chair.snapshot!.level).toBe("full");
    const coordinator = await as("coordinator@riverside.example");
    await demote("chair@riverside.example", "member");
    const events = await eventCount();
    const before = await decisionCount();
    expect(await run(chair, "meeting:start")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await run(coordinator, "meeting:start")).toMatchObject({ ok: true });
    const afterStart = await eventCount();
    expect(afterStart).toBe(events + 1);
    expect(
      await run(chair, "decision:record", {
        itemId: room.item.checkinB.id,
        outcome: "continue",
        rationale: "Written by someone who no longer chairs.",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await run(chair, "agenda:add", { section: "aob", title: "Not any more", minutes: 5 })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await run(chair, "item:open", { to: "next" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await eventCount()).toBe(afterStart);
    expect(await decisionCount()).toBe(before);
  });

  it("a member demoted to guest is re-seated within a second and hears nothing more of the cases; resync and item:detail follow", async () => {
    const coordinator = await as("coordinator@riverside.example");
    await run(coordinator, "meeting:start");
    const police = await as("police@riverside.example");
    expect((await detail(police, room.meetingId, room.item.checkinA.id)).data!.goals).toBeDefined();
    const asked = Date.now();
    await demote("police@riverside.example", "guest");
    // The very next event, sent without waiting, is already cut for the new standing.
    expect(await keepGoing(coordinator, "After the demotion.")).toMatchObject({ ok: true });
    expect(await within(1000, () => police.reseated.length > 0)).toBe(true);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(police.reseated[0]!.snapshot).toMatchObject({ level: "guest", decisions: [], tasks: [] });
    expect(police.reseated[0]!.snapshot!.agenda.find((i) => i.id === room.item.checkinA.id)).toMatchObject({
      hidden: true,
      caseCode: null,
      summary: null,
    });
    await settle();
    expect(police.events.some((e) => e.type === "decision:recorded")).toBe(false);
    expect(JSON.stringify(police.events)).not.toContain("After the demotion.");
    const replay = await resync(police, room.meetingId, 0);
    expect(replay).toMatchObject({ ok: true, data: { kind: "events" } });
    expect(JSON.stringify(replay.data)).not.toContain("After the demotion.");
    expect(await detail(police, room.meetingId, room.item.checkinA.id)).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(
      await run(police, "task:propose", {
        itemId: room.item.checkinA.id,
        what: "x",
        ownerAgencyId: room.agency("police"),
        dueOn: "2030-01-01",
      }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await notesJoin(police, room.item.checkinA.id)).ok).toBe(false);
  });
});

describe("a change of standing between two events", () => {
  it("takes the screen out of its old audience at once: a decision sent while its new seat is read never reaches it", async () => {
    const coordinator = await as("coordinator@riverside.example");
    await run(coordinator, "meeting:start");
    const police = await as("police@riverside.example");
    const hold = holdReseatRead(app.services.meetingEngine, "before");
    afterThis(hold.restore);
    try {
      await demote("police@riverside.example", "guest");
      expect(await keepGoing(coordinator, "Sent while the new seat is read.")).toMatchObject({ ok: true });
      expect(await within(1000, () => coordinator.events.some((e) => e.type === "decision:recorded"))).toBe(true);
      await settle();
      expect(hold.reads()).toBe(1);
      expect(police.reseated).toEqual([]);
      expect(police.events.some((e) => e.type === "decision:recorded")).toBe(false);
    } finally {
      hold.release();
    }
    expect(await within(1000, () => police.reseated.length > 0)).toBe(true);
    expect(police.reseated[0]!.snapshot).toMatchObject({ level: "guest", decisions: [] });
    await settle();
    expect(JSON.stringify([police.events, police.reseated])).not.toContain("Sent while the new seat is read.");
  });

  it("reads the record again when an event went out after it was read: a promoted screen misses nothing", async () => {
    const coordinator = await as("coordinator@riverside.example");
    await run(coordinator, "meeting:start");
    const police = await as("police@riverside.example");
    await demote("police@riverside.example", "guest");
    expect(await within(1000, () => police.reseated.length === 1)).toBe(true);
    const hold = holdReseatRead(app.services.meetingEngine, "after");
    afterThis(hold.restore);
    try {
      await demote("police@riverside.example", "member");
      const recorded = await keepGoing(coordinator, "Sent after the record was read.");
      expect(recorded).toMatchObject({ ok: true });
      expect(await within(1000, () => coordinator.events.some((e) => e.type === "decision:recorded"))).toBe(true);
      await settle();
      expect(police.reseated).toHaveLength(1);
      expect(police.events.some((e) => e.type === "decision:recorded")).toBe(false);
    } finally {
      hold.release();
    }
    expect(await within(1000, () => police.reseated.length === 2)).toBe(true);
    expect(hold.reads()).toBe(2);
    const now = police.reseated[1]!.snapshot!;
    expect(now.level).toBe("full");
    expect(now.decisions.map((d) => d.rationale)).toContain("Sent after the record was read.");
  });
});

describe("accepting the statement, when the move out of the lobby fails", () => {
  it("seats the screen again on what the database says, instead of leaving it in no room", async () => {
    const coordinator = await as("coordinator@riverside.example");
    await run(coordinator, "meeting:start");
    const police = await as("police@riverside.example", { accept: false });
    expect(police.snapshot!.level).toBe("lobby");
    // The first read of the moved screen's record fails, after the accept was committed.
    const engine = app.services.meetingEngine;
    const snapshotFor = engine.snapshotFor;
    let reads = 0;
    engine.snapshotFor = async (...args) => {
      if (reads++ === 0) throw new Error("the read failed");
      return snapshotFor(...args);
    };
    afterThis(() => void (engine.snapshotFor = snapshotFor));
    const answer = await run(police, "confidentiality:accept", {
      version: police.snapshot!.meeting.confidentiality.version,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: "internal" } });
    expect(await within(1000, () => police.reseated.length > 0)).toBe(true);
    expect(police.reseated[0]!.snapshot!.level).toBe("full");
    expect(police.s.connected).toBe(true);
    // And the screen hears the meeting again.
    expect(await keepGoing(coordinator, "Heard after the failed move.")).toMatchObject({ ok: true });
    expect(await within(1000, () => police.events.some((e) => e.type === "decision:recorded"))).toBe(true);
  });
});

describe("reproduction 4: the room never shows more than the person's copy of the minutes", () => {
  it("an uninvolved agency sees code and shared summary only: live, on resync, in item:detail, in notes, and after the meeting ended", async () => {
    const coordinator = await as("coordinator@riverside.example");
    const police = await as("police@riverside.example");
    const social = await as("social@riverside.example");
    await run(coordinator, "meeting:start");
    expect(
      await run(coordinator, "signal:grade", {
        itemId: room.item.signal.id,
        isSecuritySignal: false,
        sourceGrade: "B",
        informationGrade: "2",
        gradingRationale: "GRADING-RATIONALE-SECRET",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(coordinator, "decision:record", {
        itemId: room.item.signal.id,
        outcome: "take_into_maw",
        rationale: "ROUTING-RATIONALE-SECRET",
        basis: personConsent(room.membershipOf("school@riverside.example").personId),
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(coordinator, "decision:record", {
        itemId: room.item.checkinB.id,
        outcome: "continue",
        rationale: "CHECKIN-B-SECRET",
        views: [{ agencyId: room.agency("social_services"), view: "agree", comment: "VIEW-B-SECRET" }],
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(social, "task:propose", {
        itemId: room.item.checkinB.id,
        what: "PROPOSAL-B-SECRET",
        ownerAgencyId: room.agency("social_services"),
        dueOn: "2030-01-10",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(coordinator, "task:add", {
        itemId: room.item.checkinB.id,
        what: "TASK-B-SECRET",
        ownerAgencyId: room.agency("social_services"),
        dueOn: "2030-01-10",
      }),
    ).toMatchObject({ ok: true });
    expect(await notesUpdate(social, room.item.checkinB.id, "x")).toMatchObject({ ok: false });
    expect(await notesJoin(social, room.item.checkinB.id)).toMatchObject({ ok: true, data: { mode: "write" } });
    expect(await notesUpdate(social, room.item.checkinB.id, "NOTES-B-SECRET")).toMatchObject({ ok: true });
    await settle();
    const secrets = [
      "GRADING-RATIONALE-SECRET",
      "ROUTING-RATIONALE-SECRET",
      "CHECKIN-B-SECRET",
      "VIEW-B-SECRET",
      "PROPOSAL-B-SECRET",
      "TASK-B-SECRET",
      "NOTES-B-SECRET",
    ];
    // The involved agency heard it all; the police heard none of it.
    for (const secret of secrets.slice(2, 6)) expect(everything(social)).toContain(secret);
    for (const secret of secrets) expect(everything(police)).not.toContain(secret);

    // The police screen: the item's code and shared summary, nothing else, by every path.
    const rejoined = (
      await emit<{ ok: true; data: MeetingSnapshot }>(police.s, "meeting:join", { meetingId: room.meetingId })
    ).data;
    const line = rejoined.agenda.find((i) => i.id === room.item.checkinB.id)!;
    expect(line).toMatchObject({ access: "summary", hidden: false });
    expect(line.caseCode).toMatch(/^C-/);
    expect(rejoined.decisions.map((d) => d.itemId)).not.toContain(room.item.checkinB.id);
    expect(rejoined.tasks.map((t) => t.itemId)).not.toContain(room.item.checkinB.id);
    const seen = await detail(police, room.meetingId, room.item.signal.id);
    expect(seen).toMatchObject({
      ok: true,
      data: {
        caseCode: expect.stringMatching(/^C-/),
        signal: null,
        goals: [],
        openTasks: [],
        closure: null,
        stage: null,
      },
    });
    expect(JSON.stringify(seen)).not.toContain("Statements in class");
    expect(await notesJoin(police, room.item.checkinB.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // item:detail and the snapshot agree about the tasks of the item.
    const socialDetail = await detail(social, room.meetingId, room.item.checkinB.id);
    expect(socialDetail.data!.openTasks.map((t) => t.what)).toContain("TASK-B-SECRET");
    expect((await detail(police, room.meetingId, room.item.checkinB.id)).data!.openTasks).toEqual([]);

    // After the end: joins are read-only views through the same function; notes are frozen.
    expect(await run(coordinator, "meeting:end")).toMatchObject({ ok: true });
    await settle();
    const late = await as("police@riverside.example");
    expect(late.snapshot!.meeting.status).toBe("ended");
    for (const secret of secrets) expect(everything(late)).not.toContain(secret);
    const replay = await resync(late, room.meetingId, 0);
    expect(replay.ok).toBe(true);
    for (const secret of secrets) expect(JSON.stringify(replay.data)).not.toContain(secret);
    expect(await notesJoin(late, room.item.checkinB.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await notesJoin(late, room.item.checkinA.id)).toMatchObject({ ok: true, data: { mode: "read" } });
    expect(await notesUpdate(late, room.item.checkinA.id, "after the end")).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // The writer who had the notes open when the meeting ended can no longer change them.
    expect(await notesUpdate(social, room.item.checkinB.id, "EDIT-AFTER-END")).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(JSON.stringify(await app.services.minutes.model(room.meetingId))).not.toContain("EDIT-AFTER-END");
    expect(
      await run(late, "task:propose", {
        itemId: room.item.checkinA.id,
        what: "late",
        ownerAgencyId: room.agency("police"),
        dueOn: "2030-01-10",
      }),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
  });
});

describe("reproduction 5: agency views only from involved agencies, the guest's only on their item", () => {
  it("refuses a view for an uninvolved agency or a guest's agency on another item, and writes nothing", async () => {
    const chair = await as("chair@riverside.example");
    const guest = await as("youth@riverside.example");
    const police = await as("police@riverside.example");
    await run(chair, "meeting:start");
    const before = await decisionCount();
    for (const agencyId of [room.agency("police"), room.agency("youth_work")]) {
      expect(
        await run(chair, "decision:record", {
          itemId: room.item.checkinB.id,
          outcome: "continue",
          rationale: "x",
          views: [{ agencyId, view: "agree" }],
        }),
      ).toMatchObject({ ok: false, error: { code: "refused" } });
    }
    expect(await decisionCount()).toBe(before);
    const onB = await run(chair, "decision:record", {
      itemId: room.item.checkinB.id,
      outcome: "continue",
      rationale: "Social agrees.",
      views: [{ agencyId: room.agency("social_services"), view: "agree" }],
    });
    expect(onB).toMatchObject({ ok: true });
    const onA = await run(chair, "decision:record", {
      itemId: room.item.checkinA.id,
      outcome: "continue",
      rationale: "With the youth worker's view.",
      views: [{ agencyId: room.agency("youth_work"), view: "agree" }],
    });
    expect(onA).toMatchObject({ ok: true });
    const decisionB = (onB.data!.data.decision as { id: string }).id;
    const decisionA = (onA.data!.data.decision as { id: string }).id;
    const views = async () => {
      const { store } = app.services.database;
      return (await store.db.select().from(store.t.decisionViews)).length;
    };
    const viewsBefore = await views();
    expect(
      await run(police, "view:give", { itemId: room.item.checkinB.id, decisionId: decisionB, view: "disagree" }),
    ).toMatchObject({ ok: false, error: { code: "refused" } });
    expect(
      await run(guest, "view:give", { itemId: room.item.checkinB.id, decisionId: decisionB, view: "disagree" }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await views()).toBe(viewsBefore);
    expect(
      await run(guest, "view:give", {
        itemId: room.item.checkinA.id,
        decisionId: decisionA,
        view: "disagree",
        comment: "Too soon.",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(police, "view:give", { itemId: room.item.checkinA.id, decisionId: decisionA, view: "agree" }),
    ).toMatchObject({ ok: true });
    await settle();
    const events: MeetingEvent[] = guest.events;
    expect(events.filter((e) => e.itemId === room.item.checkinB.id)).toEqual([]);
  });
});
