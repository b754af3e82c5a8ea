import type { Socket } from "socket.io-client";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEETING_COMMAND_NAMES } from "../../app/contract/meetingProtocol.ts";
import { connected, emit, meetingSocket, op, prepareMeeting } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";
import { isRefusalReason } from "../../app/contract/refusals.ts";

// This test sends hundreds of commands at once on purpose: the rate limit has its own test
// (socketLimits.test.ts) and would answer most of them before the engine sees them.
const app = useTestServer({ env: { LIVE_COMMAND_LIMIT: "1000000" } });

// A small seeded generator, so that a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

describe("fuzzing every meeting command", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let member: Socket;
  let chair: Socket;

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    chair = meetingSocket(app.url, (await app.signIn("chair@riverside.example")).cookieHeader);
    member = meetingSocket(app.url, (await app.signIn("police@riverside.example")).cookieHeader);
    await Promise.all([connected(chair), connected(member)]);
    for (const s of [chair, member]) {
      await emit(s, "meeting:join", { meetingId: prepared.meetingId });
      await emit(s, "confidentiality:accept", { meetingId: prepared.meetingId, opId: op(), version: 1 });
    }
    await emit(chair, "meeting:start", { meetingId: prepared.meetingId, opId: op() });
  });
  afterAll(async () => {
    chair?.disconnect();
    member?.disconnect();
  });

  const state = async () => {
    const { store } = app.services.database;
    const { db, t } = store;
    const id = prepared.meetingId;
    return JSON.stringify({
      meeting: await db.select().from(t.meetings).where(eq(t.meetings.id, id)),
      items: await db
        .select()
        .from(t.agendaItems)
        .where(eq(t.agendaItems.meetingId, id))
        .orderBy(asc(t.agendaItems.id)),
      participants: await db
        .select()
        .from(t.meetingParticipants)
        .where(eq(t.meetingParticipants.meetingId, id))
        .orderBy(asc(t.meetingParticipants.personId)),
      events: (await db.select().from(t.meetingEvents).where(eq(t.meetingEvents.meetingId, id))).length,
      decisions: (await db.select().from(t.decisions)).length,
      tasks: (await db.select().from(t.tasks)).length,
    });
  };

  it("answers random and malformed payloads with error acks; the server stays up and the meeting is unchanged", async () => {
    const random = rng(20260310);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const junk = (forChair: boolean): unknown =>
      (forChair ? pick(GENERATORS.filter((_, i) => i < 9 || i === 10)) : pick(GENERATORS))();
    const GENERATORS = [
      () => null,
      () => undefined,
      () => 42,
      () => "x".repeat(Math.floor(random() * 10_000)),
      () => [1, { a: 2 }],
      () => ({}),
      () => ({ meetingId: prepared.meetingId }),
      () => ({ meetingId: prepared.meetingId, opId: "short" }),
      () => ({ meetingId: { $ne: null }, opId: op() }),
      () => ({
        meetingId: prepared.meetingId,
        opId: op(),
        itemId: "'; drop table meetings; --",
        to: "sideways",
        outcome: "explode",
        version: -1,
        minutes: 1e9,
        attendance: "asleep",
        itemIds: [],
        view: "meh",
        decisionId: 5,
      }),
      () => ({ meetingId: "not-a-meeting", opId: op(), to: "next" }),
      () => ({ meetingId: prepared.meetingId, opId: op(), __proto__: { admin: true }, constructor: "x" }),
      () => ({
        meetingId: prepared.meetingId,
        opId: op(),
        views: Array.from({ length: 100 }, () => ({ agencyId: "x", view: "agree" })),
        itemId: "x",
        outcome: "continue",
        rationale: "r",
      }),
    ];
    const before = await state();
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const name = pick(MEETING_COMMAND_NAMES);
      // A member tries everything too, including what only the chair may do, on real items.
      // Raising one's hand is anyone's to do: only the chair's malformed payloads are sent for it.
      const socket =
        name === "task:propose" || name === "view:give"
          ? member
          : name === "hand:raise"
            ? chair
            : pick([member, chair]);
      // The chair's payloads are all malformed; a member's may be well formed but not theirs to send.
      const payload = junk(socket === chair);
      const ack = await emit<{ ok: boolean; error?: { code: string; reason: string } }>(socket, name, payload);
      expect(ack.ok, `${name} ${JSON.stringify(payload)?.slice(0, 200)}`).toBe(false);
      // A refusal the screen can word in every language (decision 0041), never a raw sentence.
      expect(isRefusalReason(ack.error!.reason), `${name}: ${ack.error!.reason}`).toBe(true);
      expect(ack.error!.code).not.toBe("internal");
      answered++;
    }
    // Real items, wrong hands or wrong shapes.
    const { store } = app.services.database;
    const items = await store.db
      .select()
      .from(store.t.agendaItems)
      .where(eq(store.t.agendaItems.meetingId, prepared.meetingId))
      .orderBy(asc(store.t.agendaItems.id));
    for (const item of items) {
      for (const name of ["decision:record", "task:add", "signal:grade", "agenda:remove", "item:complete"]) {
        const ack = await emit<{ ok: boolean }>(member, name, {
          meetingId: prepared.meetingId,
          opId: op(),
          itemId: item.id,
          outcome: "done",
          rationale: "r",
          what: "w",
          ownerAgencyId: "x",
          dueOn: "2030-01-01",
          isSecuritySignal: false,
          sourceGrade: "A",
          informationGrade: "1",
          gradingRationale: "g",
        });
        expect(ack.ok).toBe(false);
      }
    }
    expect(answered).toBe(400);
    expect(chair.connected && member.connected).toBe(true);
    expect(await state()).toBe(before);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    // And the meeting still works.
    expect(await emit(chair, "item:open", { meetingId: prepared.meetingId, opId: op(), to: "next" })).toMatchObject({
      ok: true,
    });
  }, 60_000);
});
