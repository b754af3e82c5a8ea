import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { SessionEndReason } from "../../app/contract/sessionStatus.ts";
import { hashToken } from "../../server/auth/tokens.ts";
import { dialectsUnderTest, useFreshStore } from "../support/dialects.ts";
import { peopleServices, seedPeople } from "../support/peopleServices.ts";

// Sessions on the Store (decisions 0040, 0044): rows in the database, so every node sees
// the same ones. The same tests on SQLite and PostgreSQL. Pages: test/integration/sessionEnds.test.ts.

const LIMITS = { idleMs: 60_000, maxMs: 3_600_000 };
const meta = { ip: "10.0.0.1", userAgent: "vitest" };

describe.each(await dialectsUnderTest())("sessions on %s", (dialect) => {
  const store = useFreshStore(dialect);

  it("a started session finds its person and memberships; a pending one only its own step", async () => {
    const s = await seedPeople(store(), { chair: "chair" });
    const { sessions } = peopleServices(store(), LIMITS);
    const token = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta));
    const pending = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta, "second_factor"));
    const person = await sessions.lookup(token);
    expect(person).toMatchObject({ personId: s.chair.personId, name: "chair", isInstanceAdmin: false });
    expect(person!.memberships[s.networkId]).toEqual({
      role: "chair",
      agencyId: s.chair.agencyId,
      isAccountableOfficer: false,
    });
    expect(person!.endsAt.getTime() - person!.idleEndsAt.getTime()).toBeGreaterThan(0);
    // A pending session grants nothing, and a full one is not pending.
    expect(await sessions.lookup(pending)).toBeNull();
    expect(await sessions.lookupPending(pending)).toMatchObject({ personId: s.chair.personId, stage: "second_factor" });
    expect(await sessions.lookupPending(token)).toBeNull();
    expect(await sessions.lookup("not-a-token")).toBeNull();
    expect(await sessions.lookup(undefined)).toBeNull();
  });

  it("activity restarts the idle timeout; an idle session stays ended", async () => {
    const s = await seedPeople(store(), { chair: "chair" });
    const { sessions } = peopleServices(store(), LIMITS);
    const { t } = store();
    const token = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta));
    const id = hashToken(token);
    const setLastSeen = (msAgo: number) =>
      store().transaction((tx) =>
        tx
          .update(t.sessions)
          .set({ lastSeenAt: new Date(Date.now() - msAgo) })
          .where(eq(t.sessions.id, id)),
      );
    await setLastSeen(50_000);
    const person = (await sessions.lookup(token))!;
    await sessions.touch(person);
    const [row] = await store().db.select().from(t.sessions).where(eq(t.sessions.id, id));
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(5_000);
    expect(person.idleEndsAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    // Idle past the timeout: refused, and activity does not bring it back.
    await setLastSeen(61_000);
    const stale = { ...person, idleEndsAt: new Date(Date.now() - 1_000) };
    expect(await sessions.lookup(token)).toBeNull();
    await sessions.touch(stale);
    expect(await sessions.lookup(token)).toBeNull();
  });

  it("ends all of a person's sessions but the one kept, and cuts their connections after the commit", async () => {
    const s = await seedPeople(store(), { chair: "chair", police: "member" });
    const { sessions } = peopleServices(store(), LIMITS);
    const cut: [string, string[], SessionEndReason][] = [];
    sessions.onRevoked((...args) => cut.push(args));
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map(() => store().transaction((tx) => sessions.start(tx, s.chair.personId, meta))),
    );
    const police = await store().transaction((tx) => sessions.start(tx, s.police.personId, meta));
    const ended = await store().transaction((tx) =>
      sessions.endAllOf(tx, s.chair.personId, { except: hashToken(a), reason: "password_changed" }),
    );
    expect(cut).toEqual([]);
    sessions.cut(ended);
    expect(cut).toEqual([[s.chair.personId, expect.arrayContaining([hashToken(b), hashToken(c)]), "password_changed"]]);
    expect(cut[0][1]).toHaveLength(2);
    expect(await sessions.lookup(a)).not.toBeNull();
    expect(await sessions.lookup(b)).toBeNull();
    expect(await sessions.lookup(police)).not.toBeNull();
    // Ended in a transaction that rolls back: nothing ended.
    await expect(
      store().transaction(async (tx) => {
        await sessions.endAllOf(tx, s.police.personId);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await sessions.lookup(police)).not.toBeNull();
  });

  it("purges ended sessions, idle or past their end, and tells their connections why", async () => {
    const s = await seedPeople(store(), { chair: "chair" });
    const { sessions } = peopleServices(store(), LIMITS);
    const { t } = store();
    const cut: [string, string[], SessionEndReason][] = [];
    sessions.onRevoked((...args) => cut.push(args));
    const [live, idle, expired] = await Promise.all(
      [0, 1, 2].map(() => store().transaction((tx) => sessions.start(tx, s.chair.personId, meta))),
    );
    await store().transaction(async (tx) => {
      await tx
        .update(t.sessions)
        .set({ lastSeenAt: new Date(Date.now() - 120_000) })
        .where(eq(t.sessions.id, hashToken(idle)));
      await tx
        .update(t.sessions)
        .set({ expiresAt: new Date(Date.now() - 1_000) })
        .where(eq(t.sessions.id, hashToken(expired)));
    });
    await sessions.purgeExpired();
    expect(cut.sort((x, y) => x[2].localeCompare(y[2]))).toEqual([
      [s.chair.personId, [hashToken(expired)], "expired"],
      [s.chair.personId, [hashToken(idle)], "idle"],
    ]);
    expect((await store().db.select({ id: t.sessions.id }).from(t.sessions)).map((r) => r.id)).toEqual([
      hashToken(live),
    ]);
  });

  it("a WebAuthn challenge answers once, also when two answers come at once", async () => {
    const s = await seedPeople(store(), { chair: "chair" });
    const { sessions } = peopleServices(store(), LIMITS);
    const token = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta, "second_factor"));
    await sessions.setChallenge(hashToken(token), "challenge-1");
    const taken = await Promise.all([0, 1, 2].map(() => sessions.takeChallenge(hashToken(token))));
    expect(taken.filter((c) => c === "challenge-1")).toHaveLength(1);
    expect(taken.filter((c) => c === null)).toHaveLength(2);
  });

  it("signing out ends the one session and says so; leaving a half-done sign-in removes only a pending one", async () => {
    const s = await seedPeople(store(), { chair: "chair" });
    const { sessions } = peopleServices(store(), LIMITS);
    const cut: [string, string[], SessionEndReason][] = [];
    sessions.onRevoked((...args) => cut.push(args));
    const full = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta));
    const pending = await store().transaction((tx) => sessions.start(tx, s.chair.personId, meta, "enrol"));
    await sessions.abandonPending(hashToken(full));
    expect(await sessions.lookup(full)).not.toBeNull();
    await sessions.abandonPending(hashToken(pending));
    expect(await sessions.lookupPending(pending)).toBeNull();
    expect(cut).toEqual([]);
    await sessions.end(hashToken(full));
    expect(await sessions.lookup(full)).toBeNull();
    expect(cut).toEqual([[s.chair.personId, [hashToken(full)], "signed_out"]]);
  });
});
