import { EventEmitter } from "node:events";
import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { memberships, persons, sessions } from "../../db/schema/index.ts";
import type { MembershipFacts, Viewer } from "./policy.ts";
import { hashToken, newToken } from "./tokens.ts";
import { days } from "../../app/contract/time.ts";

export const SESSION_COOKIE = "casetable_session";
export const SESSION_DAYS = 14;

export interface SignedInPerson extends Viewer {
  sessionId: string;
  name: string;
  email: string;
}

export function createSessions(db: Db) {
  // Sockets listen here, so revoking a session in the database also cuts live connections.
  const revoked = new EventEmitter<{ revoked: [personId: string, sessionIds: string[]] }>();

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
      })
      .from(sessions)
      .innerJoin(persons, eq(persons.id, sessions.personId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date())))
      .get();
    if (!row) return null;
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
    return { sessionId: id, ...row, memberships: facts };
  }

  return {
    /** Starts a session and returns the token for the cookie. */
    start(
      personId: string,
      meta: { ip: string | null; userAgent: string | null },
      tx: Pick<Db, "insert"> = db,
    ): string {
      const token = newToken();
      tx.insert(sessions)
        .values({
          id: hashToken(token),
          personId,
          expiresAt: new Date(Date.now() + days(SESSION_DAYS)),
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300) ?? null,
        })
        .run();
      return token;
    },

    /** The person behind a cookie token, or null when the session is not valid. */
    async lookup(token: string | undefined): Promise<SignedInPerson | null> {
      return token ? lookupById(hashToken(token)) : null;
    },

    lookupById,

    end(sessionId: string): void {
      const row = db
        .delete(sessions)
        .where(eq(sessions.id, sessionId))
        .returning({ personId: sessions.personId })
        .get();
      if (row) revoked.emit("revoked", row.personId, [sessionId]);
    },

    /**
     * Ends every session of a person (all but `except`, when they change their own
     * password), e.g. when they are removed from a network.
     */
    endAllOf(personId: string, tx: Pick<Db, "delete"> = db, except?: string): void {
      const ids = idsOf(personId).filter((id) => id !== except);
      tx.delete(sessions)
        .where(and(eq(sessions.personId, personId), except ? ne(sessions.id, except) : undefined))
        .run();
      // After the caller's transaction has committed, live connections are cut.
      queueMicrotask(() => revoked.emit("revoked", personId, ids));
    },

    onRevoked(listener: (personId: string, sessionIds: string[]) => void): void {
      revoked.on("revoked", listener);
    },

    purgeExpired(): void {
      db.delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
