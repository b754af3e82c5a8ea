import { EventEmitter } from "node:events";
import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import type { SessionEndReason } from "../../app/contract/sessionStatus.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { Db } from "../../db/client.ts";
import { memberships, persons, sessions, type SessionStage } from "../../db/schema/index.ts";
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

export function createSessions(db: Db, limits: SessionLimits = DEFAULT_SESSION_LIMITS) {
  // Sockets listen here, so revoking a session in the database also cuts live connections.
  const revoked = new EventEmitter<{ revoked: [personId: string, sessionIds: string[], reason: SessionEndReason] }>();

  function idsOf(personId: string): string[] {
    return db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.personId, personId))
      .all()
      .map((s) => s.id);
  }

  /** The person behind a session, with their current memberships, or null when it is not valid. */
  async function lookupById(id: string): Promise<SignedInPerson | null> {
    const row = db
      .select({
        personId: persons.id,
        name: persons.name,
        email: persons.email,
        isInstanceAdmin: persons.isInstanceAdmin,
        language: persons.language,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
      })
      .from(sessions)
      .innerJoin(persons, eq(persons.id, sessions.personId))
      .where(
        and(
          eq(sessions.id, id),
          // Only a finished sign-in grants anything.
          eq(sessions.stage, "signed_in"),
          gt(sessions.expiresAt, new Date()),
          gt(sessions.lastSeenAt, new Date(Date.now() - limits.idleMs)),
        ),
      )
      .get();
    if (!row) return null;
    const { expiresAt, lastSeenAt, ...person } = row;
    const facts: Record<string, MembershipFacts> = {};
    for (const m of db
      .select({
        networkId: memberships.networkId,
        role: memberships.role,
        agencyId: memberships.agencyId,
        isAccountableOfficer: memberships.isAccountableOfficer,
      })
      .from(memberships)
      .where(eq(memberships.personId, row.personId))
      .all()) {
      facts[m.networkId] = { role: m.role, agencyId: m.agencyId, isAccountableOfficer: m.isAccountableOfficer };
    }
    return {
      sessionId: id,
      ...person,
      memberships: facts,
      idleEndsAt: new Date(Math.min(lastSeenAt.getTime() + limits.idleMs, expiresAt.getTime())),
      endsAt: expiresAt,
    };
  }

  return {
    /**
     * Starts a session and returns the token for the cookie. A pending stage (second
     * factor owed, enrolment) lives at most ten minutes and grants only its own page.
     */
    start(
      personId: string,
      meta: { ip: string | null; userAgent: string | null },
      tx: Pick<Db, "insert"> = db,
      stage: SessionStage = "signed_in",
    ): string {
      const token = newToken();
      const now = Date.now();
      tx.insert(sessions)
        .values({
          id: hashToken(token),
          personId,
          expiresAt: new Date(now + (stage === "signed_in" ? limits.maxMs : Math.min(PENDING_MS, limits.maxMs))),
          lastSeenAt: new Date(now),
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
          stage,
        })
        .run();
      return token;
    },

    /** The half-signed-in person behind a cookie token, or null (a full session is not pending). */
    lookupPending(token: string | undefined): PendingSignIn | null {
      if (!token) return null;
      const row = db
        .select({
          sessionId: sessions.id,
          personId: persons.id,
          name: persons.name,
          email: persons.email,
          stage: sessions.stage,
        })
        .from(sessions)
        .innerJoin(persons, eq(persons.id, sessions.personId))
        .where(
          and(
            eq(sessions.id, hashToken(token)),
            ne(sessions.stage, "signed_in"),
            gt(sessions.expiresAt, new Date()),
            gt(sessions.lastSeenAt, new Date(Date.now() - limits.idleMs)),
          ),
        )
        .get();
      return row && row.stage !== "signed_in" ? { ...row, stage: row.stage } : null;
    },

    /** Removes a half-signed-in session (it never had live connections). */
    discardPending(sessionId: string, tx: Pick<Db, "delete"> = db): void {
      tx.delete(sessions)
        .where(and(eq(sessions.id, sessionId), ne(sessions.stage, "signed_in")))
        .run();
    },

    /** Keeps the WebAuthn challenge given to this session, until it is answered. */
    setChallenge(sessionId: string, challenge: string): void {
      db.update(sessions).set({ webauthnChallenge: challenge }).where(eq(sessions.id, sessionId)).run();
    },

    /** The challenge this session was given; it is forgotten as it is read, so it answers once. */
    takeChallenge(sessionId: string): string | null {
      const row = db.select({ c: sessions.webauthnChallenge }).from(sessions).where(eq(sessions.id, sessionId)).get();
      if (row?.c) db.update(sessions).set({ webauthnChallenge: null }).where(eq(sessions.id, sessionId)).run();
      return row?.c ?? null;
    },

    /** The person behind a cookie token, or null when the session is not valid. */
    async lookup(token: string | undefined): Promise<SignedInPerson | null> {
      return token ? lookupById(hashToken(token)) : null;
    },

    lookupById,

    limits,

    /** Activity: the idle timeout starts again (written at most every 15 s). */
    touch(person: SignedInPerson): void {
      const now = Date.now();
      if (now - (person.idleEndsAt.getTime() - limits.idleMs) < touchEvery(limits)) return;
      db.update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(
          and(
            eq(sessions.id, person.sessionId),
            gt(sessions.expiresAt, new Date(now)),
            // An idle session that is not yet removed stays ended.
            gt(sessions.lastSeenAt, new Date(now - limits.idleMs)),
          ),
        )
        .run();
      person.idleEndsAt = new Date(Math.min(now + limits.idleMs, person.endsAt.getTime()));
    },

    /** Signing out: this session ends, and its live connections are told why. */
    end(sessionId: string): void {
      const row = db
        .delete(sessions)
        .where(eq(sessions.id, sessionId))
        .returning({ personId: sessions.personId })
        .get();
      if (row) revoked.emit("revoked", row.personId, [sessionId], "signed_out");
    },

    /**
     * Ends every session of a person (all but `except`, when they change their own
     * password), e.g. when they are removed from a network; `reason` is what their live
     * connections are told.
     */
    endAllOf(
      personId: string,
      tx: Pick<Db, "delete"> = db,
      except?: string,
      reason: SessionEndReason = "removed",
    ): void {
      const ids = idsOf(personId).filter((id) => id !== except);
      tx.delete(sessions)
        .where(and(eq(sessions.personId, personId), except ? ne(sessions.id, except) : undefined))
        .run();
      // After the caller's transaction has committed, live connections are cut.
      queueMicrotask(() => revoked.emit("revoked", personId, ids, reason));
    },

    onRevoked(listener: (personId: string, sessionIds: string[], reason: SessionEndReason) => void): void {
      revoked.on("revoked", listener);
    },

    /** Removes ended sessions (absolute or idle) and cuts their live connections. */
    purgeExpired(): void {
      const now = Date.now();
      const ended = db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, new Date(now)), lt(sessions.lastSeenAt, new Date(now - limits.idleMs))))
        .returning({ id: sessions.id, personId: sessions.personId, expiresAt: sessions.expiresAt })
        .all();
      for (const s of ended)
        revoked.emit("revoked", s.personId, [s.id], s.expiresAt.getTime() < now ? "expired" : "idle");
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
