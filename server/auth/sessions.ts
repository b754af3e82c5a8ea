import { EventEmitter } from "node:events";
import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import type { SessionEndReason } from "../../app/contract/sessionStatus.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { SessionStage } from "../../db/schema/auth.ts";
import type { Query, Store } from "../../db/store.ts";
import type { MembershipFacts, Viewer } from "./policy.ts";
import { hashToken, newToken } from "./tokens.ts";

/** How long sessions live: without activity, and at most after sign-in (server/config.ts). */
export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

/** Activity is written at most this often per session (15 s), so every request does not write. */
const touchEvery = (limits: SessionLimits) => Math.min(15_000, limits.idleMs / 10);

/** A half-signed-in session (second factor owed, or enrolment) lasts at most this long. */
const PENDING_MS = 10 * 60_000;

/** Someone between the password and the end of sign-in: this grants nothing but their own step. */
export interface PendingSignIn {
  sessionId: string;
  personId: string;
  name: string;
  email: string;
  stage: Exclude<SessionStage, "signed_in">;
}

export interface SignedInPerson extends Viewer {
  sessionId: string;
  name: string;
  email: string;
  /** The language the person chose; null: their browser's. */
  language: Language | null;
  /** When the session ends without further activity, and when it ends anyway. */
  idleEndsAt: Date;
  endsAt: Date;
}

/** Sessions ended inside a transaction: their live connections are cut once it has committed (`cut`). */
export interface EndedSessions {
  personId: string;
  sessionIds: string[];
  reason: SessionEndReason;
}

/**
 * Sessions are rows in the database, so every node sees the same ones (decision 0044).
 * Written once for SQLite and PostgreSQL (decision 0040).
 */
export function createSessions(store: Store, limits: SessionLimits = DEFAULT_SESSION_LIMITS) {
  const { t } = store;
  // Sockets listen here, so revoking a session in the database also cuts live connections.
  const revoked = new EventEmitter<{ revoked: [personId: string, sessionIds: string[], reason: SessionEndReason] }>();
  const cut = (ended: EndedSessions) => revoked.emit("revoked", ended.personId, ended.sessionIds, ended.reason);

  /** Still valid at `now`: neither past its end nor idle too long. */
  const alive = (now: number) =>
    and(gt(t.sessions.expiresAt, new Date(now)), gt(t.sessions.lastSeenAt, new Date(now - limits.idleMs)));

  /** The person behind a session, with their current memberships, or null when it is not valid. */
  async function lookupById(id: string): Promise<SignedInPerson | null> {
    const [row] = await store.db
      .select({
        personId: t.persons.id,
        name: t.persons.name,
        email: t.persons.email,
        isInstanceAdmin: t.persons.isInstanceAdmin,
        language: t.persons.language,
        expiresAt: t.sessions.expiresAt,
        lastSeenAt: t.sessions.lastSeenAt,
      })
      .from(t.sessions)
      .innerJoin(t.persons, eq(t.persons.id, t.sessions.personId))
      // Only a finished sign-in grants anything.
      .where(and(eq(t.sessions.id, id), eq(t.sessions.stage, "signed_in"), alive(Date.now())));
    if (!row) return null;
    const { expiresAt, lastSeenAt, ...person } = row;
    const facts: Record<string, MembershipFacts> = {};
    const held = await store.db
      .select({
        networkId: t.memberships.networkId,
        role: t.memberships.role,
        agencyId: t.memberships.agencyId,
        isAccountableOfficer: t.memberships.isAccountableOfficer,
      })
      .from(t.memberships)
      .where(eq(t.memberships.personId, row.personId));
    for (const m of held)
      facts[m.networkId] = { role: m.role, agencyId: m.agencyId, isAccountableOfficer: m.isAccountableOfficer };
    return {
      sessionId: id,
      ...person,
      memberships: facts,
      idleEndsAt: new Date(Math.min(lastSeenAt.getTime() + limits.idleMs, expiresAt.getTime())),
      endsAt: expiresAt,
    };
  }

  /** Signing out (or leaving a half-done sign-in): the one session goes. */
  async function endOne(tx: Query, sessionId: string, onlyPending: boolean) {
    const [row] = await tx
      .delete(t.sessions)
      .where(and(eq(t.sessions.id, sessionId), onlyPending ? ne(t.sessions.stage, "signed_in") : undefined))
      .returning({ personId: t.sessions.personId });
    return row;
  }

  return {
    /**
     * Starts a session in the caller's transaction and returns the token for the cookie. A
     * pending stage (second factor owed, enrolment) lives at most ten minutes and grants
     * only its own page.
     */
    async start(
      tx: Query,
      personId: string,
      meta: { ip: string | null; userAgent: string | null },
      stage: SessionStage = "signed_in",
    ): Promise<string> {
      const token = newToken();
      const now = Date.now();
      await tx.insert(t.sessions).values({
        id: hashToken(token),
        personId,
        expiresAt: new Date(now + (stage === "signed_in" ? limits.maxMs : Math.min(PENDING_MS, limits.maxMs))),
        lastSeenAt: new Date(now),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        stage,
      });
      return token;
    },

    /** The half-signed-in person behind a cookie token, or null (a full session is not pending). */
    async lookupPending(token: string | undefined): Promise<PendingSignIn | null> {
      if (!token) return null;
      const [row] = await store.db
        .select({
          sessionId: t.sessions.id,
          personId: t.persons.id,
          name: t.persons.name,
          email: t.persons.email,
          stage: t.sessions.stage,
        })
        .from(t.sessions)
        .innerJoin(t.persons, eq(t.persons.id, t.sessions.personId))
        .where(and(eq(t.sessions.id, hashToken(token)), ne(t.sessions.stage, "signed_in"), alive(Date.now())));
      return row && row.stage !== "signed_in" ? { ...row, stage: row.stage } : null;
    },

    /** Removes a half-signed-in session in the caller's transaction (it never had live connections). */
    async discardPending(tx: Query, sessionId: string): Promise<void> {
      await endOne(tx, sessionId, true);
    },

    /** Leaving a half-done sign-in: its session goes. */
    async abandonPending(sessionId: string): Promise<void> {
      await store.transaction((tx) => endOne(tx, sessionId, true));
    },

    /** Keeps the WebAuthn challenge given to this session, until it is answered. */
    async setChallenge(sessionId: string, challenge: string): Promise<void> {
      await store.transaction((tx) =>
        tx.update(t.sessions).set({ webauthnChallenge: challenge }).where(eq(t.sessions.id, sessionId)),
      );
    },

    /** The challenge this session was given; it is forgotten as it is read, so it answers once. */
    async takeChallenge(sessionId: string): Promise<string | null> {
      return store.transaction(async (tx) => {
        const [row] = await tx
          .select({ c: t.sessions.webauthnChallenge })
          .from(t.sessions)
          .where(eq(t.sessions.id, sessionId));
        if (!row?.c) return null;
        // Of two answers at once, only the one that clears this very challenge gets it.
        const cleared = await tx
          .update(t.sessions)
          .set({ webauthnChallenge: null })
          .where(and(eq(t.sessions.id, sessionId), eq(t.sessions.webauthnChallenge, row.c)));
        return store.changedRows(cleared) === 1 ? row.c : null;
      });
    },

    /** The person behind a cookie token, or null when the session is not valid. */
    async lookup(token: string | undefined): Promise<SignedInPerson | null> {
      return token ? lookupById(hashToken(token)) : null;
    },

    lookupById,

    limits,

    /** Activity: the idle timeout starts again (written at most every 15 s). */
    async touch(person: SignedInPerson): Promise<void> {
      const now = Date.now();
      if (now - (person.idleEndsAt.getTime() - limits.idleMs) < touchEvery(limits)) return;
      person.idleEndsAt = new Date(Math.min(now + limits.idleMs, person.endsAt.getTime()));
      await store.transaction((tx) =>
        tx
          .update(t.sessions)
          .set({ lastSeenAt: new Date(now) })
          // An idle session that is not yet removed stays ended.
          .where(and(eq(t.sessions.id, person.sessionId), alive(now))),
      );
    },

    /** Signing out: this session ends, and its live connections are told why. */
    async end(sessionId: string): Promise<void> {
      const row = await store.transaction((tx) => endOne(tx, sessionId, false));
      if (row) cut({ personId: row.personId, sessionIds: [sessionId], reason: "signed_out" });
    },

    /**
     * Ends every session of a person in the caller's transaction (all but `except`, when
     * they change their own password), e.g. when they are removed from a network. Once the
     * transaction has committed, pass the result to `cut`: their live connections are told
     * `reason`.
     */
    async endAllOf(
      tx: Query,
      personId: string,
      options: { except?: string; reason?: SessionEndReason } = {},
    ): Promise<EndedSessions> {
      const { except, reason = "removed" } = options;
      const gone = await tx
        .delete(t.sessions)
        .where(and(eq(t.sessions.personId, personId), except ? ne(t.sessions.id, except) : undefined))
        .returning({ id: t.sessions.id });
      return { personId, sessionIds: gone.map((s) => s.id), reason };
    },

    /** After the transaction that ended them has committed: their live connections are cut. */
    cut,

    onRevoked(listener: (personId: string, sessionIds: string[], reason: SessionEndReason) => void): void {
      revoked.on("revoked", listener);
    },

    /** Removes ended sessions (absolute or idle) and cuts their live connections. */
    async purgeExpired(): Promise<void> {
      const now = Date.now();
      const ended = await store.transaction((tx) =>
        tx
          .delete(t.sessions)
          .where(or(lt(t.sessions.expiresAt, new Date(now)), lt(t.sessions.lastSeenAt, new Date(now - limits.idleMs))))
          .returning({ id: t.sessions.id, personId: t.sessions.personId, expiresAt: t.sessions.expiresAt }),
      );
      for (const s of ended)
        cut({ personId: s.personId, sessionIds: [s.id], reason: s.expiresAt.getTime() < now ? "expired" : "idle" });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
