import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { isRefusalReason } from "../../app/contract/refusals.ts";
import { useTestServer } from "../support/harness.ts";
import { Visitor } from "../support/http.ts";
import { command, screen, type Screen } from "../support/room.ts";
import { changedTables, databaseFingerprint, seedTwoNetworks, type Fingerprint } from "../support/twoNetworks.ts";

// The routes and room commands added for invitations, answers and capture, attacked as the
// brief asks: another network's ids, an uninvolved member, a guest, a person demoted or
// removed a second ago, an ended meeting, a cancelled one. Each is refused and changes
// no row in any table.

// seedTwoNetworks seeds both networks itself; the probes come faster than a person clicks.
const app = useTestServer({ seed: false, env: { LIVE_COMMAND_LIMIT: "100000" } });
let world: Awaited<ReturnType<typeof seedTwoNetworks>>;
const meeting = { scheduled: "", ended: "", cancelled: "", small: "" };
const member = (email: string) => world.a.members.find((m) => m.email === email)!;
const admin = () => ({ personId: world.a.byRole("admin").personId, ip: null });

/**
 * The tables a probe changed, but the sessions table: a socket message is activity on the
 * sender's own session (its idle clock), which may be written at any moment.
 */
const recordChanged = async (before: Fingerprint) =>
  changedTables(before, await databaseFingerprint(app.services.database.store)).filter((t) => t !== "sessions");

/** Runs `attempt` and reports what it answered and which tables it changed. */
async function attempt<T>(what: string, run: () => Promise<T>) {
  const before = await databaseFingerprint(app.services.database.store);
  const answer = await run();
  return { what, answer, changed: await recordChanged(before) };
}
const post = (visitor: Visitor, path: string, body: Record<string, string>) =>
  attempt(`POST ${path} ${JSON.stringify(body)}`, async () => {
    const res = await visitor.post(path, body);
    await res.arrayBuffer();
    return res.status;
  });

/** Waits until the meeting's mails have left, so no mail worker writes while a probe watches. */
async function settledInvitations(meetingId: string) {
  const settled = async () =>
    (await app.services.meetings.invitationsSent(world.a.networkId, meetingId)).every(
      (r) => r.state !== "pending" && r.state !== "sending",
    );
  for (const until = Date.now() + 30_000; !(await settled());) {
    if (Date.now() > until) throw new Error("the cancellation's mails did not leave");
    await new Promise((done) => setTimeout(done, 50));
  }
}

beforeAll(async () => {
  world = await seedTwoNetworks(app.services);
  const { meetings } = app.services;
  const coordinator = { personId: member("coordinator@riverside.example").personId, ip: null };
  const later = (d: number) => new Date(Date.now() + d * 86_400_000);
  const schedule = async (title: string, inviteePersonIds?: string[]) =>
    (
      await meetings.schedule(coordinator, world.a.networkId, {
        title,
        startsAt: later(20),
        place: "Town hall",
        callLink: null,
        inviteePersonIds,
      })
    ).id;
  meeting.scheduled = world.idsOfA.meetingId;
  meeting.cancelled = await schedule("To be cancelled");
  expect(await meetings.cancel(coordinator, world.a.networkId, meeting.cancelled, { origin: app.url })).toMatchObject({
    ok: true,
  });
  // Only the chair and the coordinator are invited: everyone else of A is uninvolved in it.
  meeting.small = await schedule("Chairs only", [
    member("chair@riverside.example").personId,
    member("coordinator@riverside.example").personId,
  ]);
  meeting.ended = await schedule("Held already");
  const chair = await screen(app.server, meeting.ended, "chair@riverside.example");
  expect(await command(chair, meeting.ended, "meeting:start")).toMatchObject({ ok: true });
  expect(await command(chair, meeting.ended, "meeting:end")).toMatchObject({ ok: true });
  chair.s.disconnect();
  await settledInvitations(meeting.cancelled);
}, 120_000);

describe("answering an invitation (meeting-answer)", () => {
  const answerOf = (networkId: string, meetingId: string) => `/n/${networkId}/meetings/${meetingId}/answer`;

  it("another network's person, an uninvolved member, someone else's link, an ended or cancelled meeting: refused, nothing changes", async () => {
    const a = world.a.networkId;
    const adminOfB = await app.signIn(world.adminOfBEmail);
    const coordinatorOfB = await app.signIn(world.coordinatorOfB.email);
    const police = await app.signIn("police@riverside.example");
    const chair = await app.signIn("chair@riverside.example");
    const results = [
      { ...(await post(adminOfB, answerOf(a, meeting.scheduled), { answer: "attending" })), expect: 404 },
      {
        ...(await post(coordinatorOfB, answerOf(world.b.networkId, meeting.scheduled), { answer: "attending" })),
        expect: 404,
      },
      { ...(await post(police, answerOf(a, meeting.small), { answer: "attending" })), expect: 404 },
      {
        ...(await post(chair, answerOf(a, meeting.scheduled), {
          answer: "apologies",
          for: member("police@riverside.example").personId,
        })),
        expect: 403,
      },
      { ...(await post(chair, answerOf(a, meeting.ended), { answer: "apologies" })), expect: 409 },
      { ...(await post(chair, answerOf(a, meeting.cancelled), { answer: "attending" })), expect: 409 },
    ];
    expect(results.filter((r) => r.answer !== r.expect || r.changed.length > 0)).toEqual([]);
    // And someone else's link, opened: 403 with nothing on it that answers for them.
    expect(
      (await chair.get(`${answerOf(a, meeting.scheduled)}?for=${member("police@riverside.example").personId}`)).status,
    ).toBe(403);
  });

  it("a person removed a second ago cannot answer any more", async () => {
    const social = member("social@riverside.example");
    const visitor = await app.signIn(social.email);
    expect(await app.services.members.remove(admin(), world.a.networkId, social.id)).toEqual({ ok: true });
    const r = await post(visitor, answerOf(world.a.networkId, meeting.scheduled), { answer: "attending" });
    // Sent away (to sign in or to their networks) or refused: never answered.
    expect([302, 403, 404]).toContain(r.answer);
    expect(r.changed).toEqual([]);
  });
});

describe("moving or cancelling a meeting (meeting-change)", () => {
  const changeOf = (networkId: string, meetingId: string) => `/n/${networkId}/meetings/${meetingId}/change`;
  const move = { intent: "change", title: "Moved", startsAt: "2031-03-03T10:00", place: "Elsewhere" };
  const cancel = { intent: "cancel", confirm: "on" };

  it("another network's person, a member, a guest, an ended or cancelled meeting, another meeting's mail: refused, nothing changes", async () => {
    const a = world.a.networkId;
    const adminOfB = await app.signIn(world.adminOfBEmail);
    const coordinatorOfB = await app.signIn(world.coordinatorOfB.email);
    const police = await app.signIn("police@riverside.example");
    const coordinator = await app.signIn("coordinator@riverside.example");
    const otherMail = (await app.services.meetings.invitationsSent(a, meeting.cancelled))[0]!.id;
    const results = [
      { ...(await post(adminOfB, changeOf(a, meeting.scheduled), move)), expect: [404] },
      { ...(await post(coordinatorOfB, changeOf(world.b.networkId, meeting.scheduled), cancel)), expect: [404] },
      // The coordinator of B is a guest of A.
      { ...(await post(coordinatorOfB, changeOf(a, meeting.scheduled), cancel)), expect: [403, 404] },
      { ...(await post(police, changeOf(a, meeting.scheduled), move)), expect: [403, 404] },
      { ...(await post(police, changeOf(a, meeting.scheduled), cancel)), expect: [403, 404] },
      { ...(await post(coordinator, changeOf(a, meeting.ended), move)), expect: [409] },
      { ...(await post(coordinator, changeOf(a, meeting.ended), cancel)), expect: [409] },
      { ...(await post(coordinator, changeOf(a, meeting.cancelled), move)), expect: [409] },
      { ...(await post(coordinator, changeOf(a, meeting.cancelled), cancel)), expect: [409] },
      {
        ...(await post(coordinator, changeOf(a, meeting.scheduled), { intent: "sendAgain", deliveryId: otherMail })),
        expect: [404],
      },
      {
        ...(await post(coordinatorOfB, changeOf(world.b.networkId, meeting.cancelled), {
          intent: "sendAgain",
          deliveryId: otherMail,
        })),
        expect: [404],
      },
    ];
    // Nor does an ended or cancelled meeting take a guest for one of its items.
    for (const meetingId of [meeting.ended, meeting.cancelled]) {
      const { db, t } = app.services.database.store;
      const item = (await db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, meetingId))).find(
        (i) => i.caseId !== null,
      )!;
      results.push({
        ...(await post(coordinator, `/n/${a}/meetings/${meetingId}/agenda`, {
          itemId: item.id,
          personId: world.coordinatorOfB.personId,
        })),
        expect: [409],
      });
    }
    expect(results.filter((r) => !r.expect.includes(r.answer as number) || r.changed.length > 0)).toEqual([]);
  });

  it("a coordinator demoted to member a second ago can no longer move or cancel", async () => {
    // seedTwoNetworks asked for the school's member to be a coordinator of A; a second person confirms it.
    const school = member("school@riverside.example");
    const coordinator = { personId: member("coordinator@riverside.example").personId, ip: null };
    const grant = (await app.services.members.pendingGrants(world.a.networkId)).find(
      (g) => g.membershipId === school.id,
    )!;
    expect(await app.services.members.confirmGrant(coordinator, world.a.networkId, grant.id)).toMatchObject({
      ok: true,
    });
    const visitor = await app.signIn(school.email);
    expect((await visitor.get(changeOf(world.a.networkId, meeting.scheduled))).status).toBe(200);
    expect(
      await app.services.members.change(admin(), world.a.networkId, school.id, {
        role: "member",
        mandate: school.mandate,
        agencyId: school.agencyId,
        isAccountableOfficer: false,
      }),
    ).toMatchObject({ ok: true });
    const results = [
      await post(visitor, changeOf(world.a.networkId, meeting.scheduled), move),
      await post(visitor, changeOf(world.a.networkId, meeting.scheduled), cancel),
    ];
    expect(results.filter((r) => ![403, 404].includes(r.answer) || r.changed.length > 0)).toEqual([]);
  });
});

describe("capture in the room: signals, decisions, closures, tasks", () => {
  let chair: Screen;
  let police: Screen;
  let guest: Screen;
  const items = { signal: "", checkin: "", closure: "" };
  const run = (sc: Screen, meetingId: string, name: string, payload: Record<string, unknown> = {}) =>
    attempt(`${name} ${JSON.stringify(payload)}`, () => command(sc, meetingId, name, payload));
  const refused = (r: Awaited<ReturnType<typeof run>>) => !r.answer.ok && isRefusalReason(r.answer.error?.reason);

  beforeAll(async () => {
    const { db, t } = app.services.database.store;
    const rows = await db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, meeting.scheduled));
    items.signal = rows.find((i) => i.section === "signals" && i.signalId)!.id;
    items.checkin = rows.find((i) => i.section === "checkins")!.id;
    items.closure = rows.find((i) => i.section === "closures")!.id;
    chair = await screen(app.server, meeting.scheduled, "chair@riverside.example");
    police = await screen(app.server, meeting.scheduled, "police@riverside.example");
    guest = await screen(app.server, meeting.scheduled, world.coordinatorOfB.email);
    expect(await command(chair, meeting.scheduled, "meeting:start")).toMatchObject({ ok: true });
  }, 60_000);

  const capture = (itemId: () => string) =>
    [
      [
        "signal:grade",
        {
          itemId: items.signal,
          isSecuritySignal: false,
          sourceGrade: "B",
          informationGrade: "2",
          gradingRationale: "Known",
        },
      ],
      ["decision:record", { itemId: items.signal, outcome: "no_further_action", rationale: "Nothing" }],
      ["decision:record", { itemId: items.closure, outcome: "close", rationale: "Goals met" }],
      ["decision:record", { itemId: items.checkin, outcome: "continue", rationale: "Carry on" }],
      ["task:add", { itemId: itemId(), what: "Visit", ownerAgencyId: world.idsOfA.agencyId, dueOn: "2030-01-01" }],
    ] as const;

  it("an uninvolved member and a guest record nothing: refused, no row changed", async () => {
    const results = [];
    for (const sc of [police, guest])
      for (const [name, payload] of capture(() => items.signal))
        results.push(await run(sc, meeting.scheduled, name, payload));
    // A view on a closure from an agency not involved in it, and a guest's proposal on an item not theirs.
    results.push(await run(guest, meeting.scheduled, "view:give", { itemId: items.closure, view: "agree" }));
    results.push(
      await run(guest, meeting.scheduled, "task:propose", {
        itemId: items.signal,
        what: "Mine",
        ownerAgencyId: world.idsOfA.agencyId,
        dueOn: "2030-01-01",
      }),
    );
    results.push(
      await run(police, meeting.scheduled, "task:propose", {
        itemId: items.signal,
        what: "Not my case",
        ownerAgencyId: world.idsOfA.agencyId,
        dueOn: "2030-01-01",
      }),
    );
    expect(results.filter((r) => !refused(r) || r.changed.length > 0)).toEqual([]);
  });

  it("the chair demoted to member a second ago records nothing more", async () => {
    const c = member("chair@riverside.example");
    expect(
      await app.services.members.change(admin(), world.a.networkId, c.id, {
        role: "member",
        mandate: c.mandate,
        agencyId: c.agencyId,
        isAccountableOfficer: false,
      }),
    ).toMatchObject({ ok: true });
    const results = [];
    for (const [name, payload] of capture(() => items.checkin))
      results.push(await run(chair, meeting.scheduled, name, payload));
    results.push(await run(chair, meeting.scheduled, "agenda:add", { section: "aob", title: "Late", minutes: 5 }));
    results.push(await run(chair, meeting.scheduled, "meeting:end"));
    expect(results.filter((r) => !refused(r) || r.changed.length > 0)).toEqual([]);
  });

  it("an ended meeting and a cancelled one take no capture and no agenda change", async () => {
    const coordinator = await screen(app.server, meeting.ended, "coordinator@riverside.example");
    const results = [];
    for (const meetingId of [meeting.ended, meeting.cancelled]) {
      for (const [name, payload] of capture(() => items.checkin))
        results.push(await run(coordinator, meetingId, name, payload));
      results.push(await run(coordinator, meetingId, "agenda:add", { section: "aob", title: "Late", minutes: 5 }));
      results.push(await run(coordinator, meetingId, "meeting:start"));
      results.push(
        await run(coordinator, meetingId, "attendance:set", {
          personId: member("police@riverside.example").personId,
          attendance: "in_room",
        }),
      );
    }
    // Accepting the statement reads an ended meeting (read-only); a cancelled one takes not even that.
    results.push(await run(coordinator, meeting.cancelled, "confidentiality:accept", { version: 1 }));
    coordinator.s.disconnect();
    expect(results.filter((r) => !refused(r) || r.changed.length > 0)).toEqual([]);
  });
});

describe("the session's clock (/session)", () => {
  it("tells a stranger, a forged cookie and a cross-site post nothing, and changes nothing", async () => {
    const police = await app.signIn("police@riverside.example");
    const stranger = new Visitor(app.url);
    const forged = new Visitor(app.url);
    for (const [name] of police.cookies) forged.cookies.set(name, "forged-session-value");
    const results = [
      await attempt("stranger GET", async () => (await stranger.get("/session")).json()),
      await attempt("stranger POST", async () => (await stranger.post("/session", {})).json()),
      await attempt("forged GET", async () => (await forged.get("/session")).json()),
      await attempt("forged POST", async () => (await forged.post("/session", {})).json()),
    ];
    expect(results.filter((r) => JSON.stringify(r.answer) !== '{"signedIn":false}' || r.changed.length > 0)).toEqual(
      [],
    );
    // "Stay signed in" posted from another site is refused before it touches the session.
    const crossSite = await attempt("cross-site POST", async () => {
      const res = await police.post("/session", {}, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
      await res.arrayBuffer();
      return res.status;
    });
    expect(crossSite).toMatchObject({ answer: 403, changed: [] });
    // Asking is not activity: the session's row stays as it was.
    const before = await databaseFingerprint(app.services.database.store);
    expect(await (await police.get("/session")).json()).toMatchObject({ signedIn: true });
    expect(changedTables(before, await databaseFingerprint(app.services.database.store))).toEqual([]);
  });
});
