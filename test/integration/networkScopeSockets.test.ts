import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEETING_COMMAND_NAMES, agendaItemDoc, type MeetingCommandName } from "../../app/contract/meetingProtocol.ts";
import { isRefusalReason } from "../../app/contract/refusals.ts";
import { useTestServer } from "../support/harness.ts";
import { emit, personConsent } from "../support/meetings.ts";
import { command, noteEdit, screen, type Screen } from "../support/room.ts";
import { changedTables, databaseFingerprint, seedTwoNetworks, type Fingerprint } from "../support/twoNetworks.ts";

// Issue 9, rule 4, for the live room: every socket command of the meeting protocol, sent
// with ids of another network (its meeting, items, cases, agencies, people, decisions,
// proposals) by someone seated in their own network's running meeting, is refused with a
// clear answer and changes no row in any table. The commands come from the protocol's
// schema: a new command compiles only with its probes here, and the test fails if one
// is missing at run time too.

// seedTwoNetworks seeds both networks itself; the probes come faster than a person clicks.
const app = useTestServer({ seed: false, env: { LIVE_COMMAND_LIMIT: "100000" } });
let world: Awaited<ReturnType<typeof seedTwoNetworks>>;

/** The ids of one network's side of the test: its meeting and what is on it. */
interface Side {
  meetingId: string;
  /** A case item whose signal is graded and not yet routed (A), or routed (B). */
  signalItemId: string;
  itemIds: string[];
  agencyId: string;
  personId: string;
  decisionId: string;
  proposalId: string;
  /** A task of this network's cases, or null when it has none. */
  taskId: string | null;
  /** A case code that exists in this network only, or null when none does. */
  onlyCode: string | null;
}
const sides: { a?: Side; b?: Side } = {};
const screens: Screen[] = [];

/**
 * The tables a probe changed, but the sessions table: a socket message is activity on the
 * sender's own session (its idle clock), which may be written at any moment.
 */
const recordChanged = async (before: Fingerprint) =>
  changedTables(before, await databaseFingerprint(app.services.database.store)).filter((t) => t !== "sessions");

type Payload = Record<string, unknown>;
/**
 * Each command, sent from `own`'s meeting with `other`'s ids wherever an id goes. Every
 * probe carries at least one id of the other network; the meeting's own id is added.
 */
const PROBES: { [N in MeetingCommandName]: (own: Side, other: Side) => Payload[] } = {
  "confidentiality:accept": () => [], // its only id is the meeting's: the other-meeting probe below
  "attendance:set": (_, other) => [{ personId: other.personId, attendance: "in_room" }],
  "attendance:leave": () => [],
  "meeting:start": () => [],
  "meeting:end": () => [],
  "item:open": (_, other) => [{ to: { itemId: other.signalItemId } }],
  "timer:start": () => [],
  "timer:pause": () => [],
  "item:complete": (_, other) => [{ itemId: other.signalItemId, outcome: "done" }],
  "agenda:add": (_, other) =>
    other.onlyCode ? [{ section: "checkins", title: "Their case", minutes: 5, caseCode: other.onlyCode }] : [],
  "agenda:remove": (_, other) => [{ itemId: other.signalItemId }],
  "agenda:retime": (_, other) => [{ itemId: other.signalItemId, minutes: 7 }],
  "agenda:reorder": (own, other) => [
    { itemIds: [...own.itemIds.slice(1), other.signalItemId] },
    { itemIds: [...own.itemIds, other.signalItemId] },
  ],
  "signal:grade": (_, other) => [
    {
      itemId: other.signalItemId,
      isSecuritySignal: false,
      sourceGrade: "A",
      informationGrade: "1",
      gradingRationale: "Regraded from elsewhere",
    },
  ],
  "decision:record": (own, other) => [
    { itemId: other.signalItemId, outcome: "no_further_action", rationale: "Closed from elsewhere" },
    {
      itemId: own.signalItemId,
      outcome: "take_into_maw",
      rationale: "With their agency's view",
      views: [{ agencyId: other.agencyId, view: "agree" }],
    },
    {
      itemId: own.signalItemId,
      outcome: "gather_information",
      rationale: "Their agency to ask",
      task: { what: "Ask around", ownerAgencyId: other.agencyId, dueOn: "2030-01-01" },
    },
    {
      itemId: own.signalItemId,
      outcome: "gather_information",
      rationale: "Their person to ask",
      task: { what: "Ask around", ownerAgencyId: own.agencyId, ownerPersonId: other.personId, dueOn: "2030-01-01" },
    },
  ],
  "view:give": (own, other) => [
    { itemId: other.signalItemId, view: "agree" },
    { itemId: own.signalItemId, decisionId: other.decisionId, view: "agree" },
  ],
  "task:add": (own, other) => [
    { itemId: other.signalItemId, what: "Theirs", ownerAgencyId: own.agencyId, dueOn: "2030-01-01" },
    { itemId: own.signalItemId, what: "Their agency", ownerAgencyId: other.agencyId, dueOn: "2030-01-01" },
    {
      itemId: own.signalItemId,
      what: "Their person",
      ownerAgencyId: own.agencyId,
      ownerPersonId: other.personId,
      dueOn: "2030-01-01",
    },
    {
      itemId: own.signalItemId,
      what: "Their proposal taken",
      ownerAgencyId: own.agencyId,
      dueOn: "2030-01-01",
      proposalId: other.proposalId,
    },
  ],
  "task:propose": (own, other) => [
    { itemId: other.signalItemId, what: "Theirs", ownerAgencyId: own.agencyId, dueOn: "2030-01-01" },
    { itemId: own.signalItemId, what: "Their agency", ownerAgencyId: other.agencyId, dueOn: "2030-01-01" },
    {
      itemId: own.signalItemId,
      what: "Their person",
      ownerAgencyId: own.agencyId,
      ownerPersonId: other.personId,
      dueOn: "2030-01-01",
    },
  ],
  "record:correct": (_, other) => [{ decisionId: other.decisionId, rationale: "Rewritten", reason: "Elsewhere" }],
  "action:review": (_, other) => (other.taskId ? [{ taskId: other.taskId, outcome: "done" }] : []),
  "update:confirm": (own, other) => [
    { itemId: other.signalItemId, updateId: other.proposalId },
    { itemId: own.signalItemId, updateId: other.decisionId },
  ],
  "round:call": (_, other) => [{ itemId: other.signalItemId }],
  "round:next": () => [],
  "hand:raise": () => [],
  "hand:lower": (_, other) => [{ personId: other.personId }],
};

/** A well-formed payload of each command with no id but the meeting's: to send with the other meeting's id. */
const BARE: { [N in MeetingCommandName]: (other: Side) => Payload } = {
  "confidentiality:accept": () => ({ version: 1 }),
  "attendance:set": (other) => ({ personId: other.personId, attendance: "in_room" }),
  "attendance:leave": () => ({}),
  "meeting:start": () => ({}),
  "meeting:end": () => ({}),
  "item:open": () => ({ to: "next" }),
  "timer:start": () => ({}),
  "timer:pause": () => ({}),
  "item:complete": (other) => ({ itemId: other.signalItemId, outcome: "done" }),
  "agenda:add": () => ({ section: "aob", title: "Sneaked in", minutes: 5 }),
  "agenda:remove": (other) => ({ itemId: other.signalItemId }),
  "agenda:retime": (other) => ({ itemId: other.signalItemId, minutes: 7 }),
  "agenda:reorder": (other) => ({ itemIds: [...other.itemIds].reverse() }),
  "signal:grade": (other) => PROBES["signal:grade"](other, other)[0]!,
  "decision:record": (other) => PROBES["decision:record"](other, other)[0]!,
  "view:give": (other) => ({ itemId: other.signalItemId, decisionId: other.decisionId, view: "disagree" }),
  "task:add": (other) => ({
    itemId: other.signalItemId,
    what: "Sneaked",
    ownerAgencyId: other.agencyId,
    dueOn: "2030-01-01",
  }),
  "task:propose": (other) => ({
    itemId: other.signalItemId,
    what: "Sneaked",
    ownerAgencyId: other.agencyId,
    dueOn: "2030-01-01",
  }),
  "record:correct": (other) => ({ decisionId: other.decisionId, rationale: "Rewritten", reason: "Elsewhere" }),
  "action:review": (other) => ({ taskId: other.taskId ?? "none", outcome: "done" }),
  "update:confirm": (other) => ({ itemId: other.signalItemId, updateId: other.proposalId }),
  "round:call": (other) => ({ itemId: other.signalItemId }),
  "round:next": () => ({}),
  "hand:raise": () => ({}),
  "hand:lower": (other) => ({ personId: other.personId }),
};

const REFUSALS = ["not_found", "refused", "invalid_payload", "forbidden", "conflict"];

/** Sends one probe and reports its answer and the tables it changed. */
async function probe(sc: Screen, name: string, payload: Payload) {
  const before = await databaseFingerprint(app.services.database.store);
  const ack = await command(sc, String(payload.meetingId), name, payload);
  return {
    probe: `${name} ${JSON.stringify(payload)}`,
    code: ack.ok ? "ACCEPTED" : ack.error?.code,
    reason: ack.error?.reason ?? "",
    changed: await recordChanged(before),
  };
}
type Result = Awaited<ReturnType<typeof probe>>;
/** Every probe of every command, sent from `own`'s meeting with `other`'s ids. */
async function walk(from: (name: MeetingCommandName) => Screen, own: Side, other: Side): Promise<Result[]> {
  const results: Result[] = [];
  for (const name of MEETING_COMMAND_NAMES)
    for (const payload of PROBES[name](own, other))
      results.push(await probe(from(name), name, { meetingId: own.meetingId, ...payload }));
  return results;
}
/** The probes that were not refused clearly (a kind and a known reason), or that changed a row. */
const failures = (results: Result[], codes = REFUSALS) =>
  results.filter((r) => !codes.includes(r.code ?? "") || !isRefusalReason(r.reason) || r.changed.length > 0);

async function seat(meetingId: string, email: string) {
  const sc = await screen(app.server, meetingId, email);
  screens.push(sc);
  expect(sc.joinAck, `${email} joins`).toMatchObject({ ok: true });
  return sc;
}
async function ok(sc: Screen, meetingId: string, name: string, payload: Payload = {}) {
  const ack = await command(sc, meetingId, name, payload);
  expect(ack, `${name}: ${JSON.stringify(ack.error)}`).toMatchObject({ ok: true });
  return ack.data!.data;
}

let chairOfA: Screen;
/** A's coordinator: the one who corrects A's record after the meeting. */
let coordinatorOfA: Screen;
let coordinatorOfB: Screen;
/** Eastport's admin: nothing in A, not seated anywhere (connected only). */
let adminOfB: Screen;

beforeAll(async () => {
  world = await seedTwoNetworks(app.services);
  const { services } = app;
  const { db, t } = services.database.store;
  const youth = world.coordinatorOfB;
  const meetingB = (
    await services.meetings.schedule({ personId: youth.personId, ip: null }, world.b.networkId, {
      title: "Eastport conference",
      startsAt: new Date(Date.now() + 60_000),
      place: "Eastport",
      callLink: null,
    })
  ).id;
  const itemsOf = (meetingId: string) => db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, meetingId));
  const signalItem = async (meetingId: string) =>
    (await itemsOf(meetingId)).find((i) => i.section === "signals" && i.signalId)!;
  const taskOf = async (networkId: string) =>
    (await db.select({ id: t.tasks.id }).from(t.tasks).where(eq(t.tasks.networkId, networkId)).limit(1))[0]?.id ?? null;
  const checkinOfA = (await itemsOf(world.idsOfA.meetingId)).find((i) => i.section === "checkins")!;

  chairOfA = await seat(world.idsOfA.meetingId, "chair@riverside.example");
  coordinatorOfA = await seat(world.idsOfA.meetingId, "coordinator@riverside.example");
  coordinatorOfB = await seat(meetingB, youth.email);
  adminOfB = await screen(app.server, meetingB, world.adminOfBEmail, { accept: false });
  screens.push(adminOfB);

  const sideSetup = async (sc: Screen, meetingId: string, agencyId: string, item: string) => {
    await ok(sc, meetingId, "meeting:start");
    await ok(sc, meetingId, "signal:grade", {
      itemId: item,
      isSecuritySignal: false,
      sourceGrade: "B",
      informationGrade: "2",
      gradingRationale: "Known source",
    });
    const proposed = await ok(sc, meetingId, "task:propose", {
      itemId: item,
      what: "Proposed here",
      ownerAgencyId: agencyId,
      dueOn: "2030-01-01",
    });
    return (proposed.proposal as { id: string }).id;
  };
  const signalA = (await signalItem(world.idsOfA.meetingId)).id;
  const signalB = (await signalItem(meetingB)).id;
  const proposalA = await sideSetup(chairOfA, world.idsOfA.meetingId, world.idsOfA.agencyId, signalA);
  const proposalB = await sideSetup(coordinatorOfB, meetingB, world.b.agencyId, signalB);
  // A's decision is on a check-in (A's signal stays unrouted, for the routing probes); B's routes its signal.
  const decisionA = (
    (await ok(chairOfA, world.idsOfA.meetingId, "decision:record", {
      itemId: checkinOfA.id,
      outcome: "continue",
      rationale: "Carry on",
    })) as { decision: { id: string } }
  ).decision.id;
  const decisionB = (
    (await ok(coordinatorOfB, meetingB, "decision:record", {
      itemId: signalB,
      outcome: "take_into_maw",
      rationale: "Into the case conference",
      basis: personConsent(world.coordinatorOfB.personId),
    })) as { decision: { id: string } }
  ).decision.id;

  sides.a = {
    meetingId: world.idsOfA.meetingId,
    signalItemId: signalA,
    itemIds: (await itemsOf(world.idsOfA.meetingId)).sort((x, y) => x.position - y.position).map((i) => i.id),
    agencyId: world.idsOfA.agencyId,
    personId: world.idsOfA.personId,
    decisionId: decisionA,
    proposalId: proposalA,
    taskId: await taskOf(world.a.networkId),
    onlyCode: world.idsOfA.code,
  };
  sides.b = {
    meetingId: meetingB,
    signalItemId: signalB,
    itemIds: (await itemsOf(meetingB)).sort((x, y) => x.position - y.position).map((i) => i.id),
    agencyId: world.b.agencyId,
    personId: (await services.members.list(world.b.networkId)).find((m) => m.email === world.adminOfBEmail)!.personId,
    decisionId: decisionB,
    proposalId: proposalB,
    taskId: await taskOf(world.b.networkId),
    // B's one case shares its code with a case of A: a code resolves in the meeting's own network.
    onlyCode: null,
  };
}, 120_000);
afterAll(() => screens.forEach((sc) => sc.s.disconnect()));

describe("every socket command with another network's ids", () => {
  it("names every command of the protocol's schema", () => {
    expect(Object.keys(PROBES).sort()).toEqual([...MEETING_COMMAND_NAMES].sort());
    expect(Object.keys(BARE).sort()).toEqual([...MEETING_COMMAND_NAMES].sort());
  });

  it("seated in A's running meeting, A's chair reaches nothing of B: a clear refusal and no row changed", async () => {
    const results = await walk(() => chairOfA, sides.a!, sides.b!);
    expect(results.length).toBeGreaterThan(20);
    expect(failures(results)).toEqual([]);
  });

  it("seated in B's running meeting, B's coordinator (a guest of A) reaches nothing of A", async () => {
    const results = await walk(() => coordinatorOfB, sides.b!, sides.a!);
    expect(results.length).toBeGreaterThan(20);
    expect(failures(results)).toEqual([]);
  });

  it("every command sent to the other network's meeting answers not_found and changes nothing", async () => {
    const results: Result[] = [];
    for (const name of MEETING_COMMAND_NAMES) {
      results.push(await probe(chairOfA, name, { meetingId: sides.b!.meetingId, ...BARE[name](sides.b!) }));
      results.push(await probe(adminOfB, name, { meetingId: sides.a!.meetingId, ...BARE[name](sides.a!) }));
    }
    expect(failures(results, ["not_found"])).toEqual([]);
  });

  it("item:detail, resync and notes with the other network's ids: refused, nothing changes", async () => {
    const before = await databaseFingerprint(app.services.database.store);
    const refusedToChair = [
      await emit<{ ok: boolean }>(chairOfA.s, "item:detail", {
        meetingId: sides.a!.meetingId,
        itemId: sides.b!.signalItemId,
      }),
      await emit<{ ok: boolean }>(chairOfA.s, "item:detail", {
        meetingId: sides.b!.meetingId,
        itemId: sides.b!.signalItemId,
      }),
      await emit<{ ok: boolean }>(chairOfA.s, "meeting:resync", { meetingId: sides.b!.meetingId, afterSeq: 0 }),
      await emit<{ ok: boolean }>(chairOfA.s, "meeting:join", { meetingId: sides.b!.meetingId }),
      await emit<{ ok: boolean }>(chairOfA.s, "notes:join", {
        doc: agendaItemDoc(sides.b!.signalItemId),
        stateVector: new Uint8Array([0]),
      }),
      await emit<{ ok: boolean }>(chairOfA.s, "notes:update", {
        doc: agendaItemDoc(sides.b!.signalItemId),
        update: noteEdit("written from A"),
      }),
      await emit<{ ok: boolean }>(coordinatorOfB.s, "item:detail", {
        meetingId: sides.b!.meetingId,
        itemId: sides.a!.signalItemId,
      }),
      await emit<{ ok: boolean }>(coordinatorOfB.s, "notes:update", {
        doc: agendaItemDoc(sides.a!.signalItemId),
        update: noteEdit("written from B"),
      }),
    ];
    expect(refusedToChair.map((r) => r.ok)).toEqual(refusedToChair.map(() => false));
    expect(await recordChanged(before)).toEqual([]);
  });

  it("after both meetings ended, every command with the other network's ids is still refused and changes nothing", async () => {
    await ok(chairOfA, sides.a!.meetingId, "meeting:end");
    await ok(coordinatorOfB, sides.b!.meetingId, "meeting:end");
    const results = [
      ...(await walk((name) => (name === "record:correct" ? coordinatorOfA : chairOfA), sides.a!, sides.b!)),
      ...(await walk(() => coordinatorOfB, sides.b!, sides.a!)),
    ];
    expect(failures(results)).toEqual([]);
    // The correction command reaches the decision lookup now: the other network's decision is not found.
    expect(results.filter((r) => r.probe.startsWith("record:correct")).map((r) => r.code)).toEqual([
      "not_found",
      "not_found",
    ]);
    // And their own records stand as they were.
    const { db, t } = app.services.database.store;
    expect(await db.select().from(t.decisions).where(eq(t.decisions.rationale, "Rewritten"))).toEqual([]);
    expect(
      await db
        .select()
        .from(t.taskProposals)
        .where(and(eq(t.taskProposals.id, sides.b!.proposalId), eq(t.taskProposals.status, "open"))),
    ).toHaveLength(1);
  });
});
