import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type Database from "better-sqlite3";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { Db } from "../../db/client.ts";
import { persons } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import { judgeNewPassword } from "./passwordStrength.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.ts";
import type { SecondFactor } from "./secondFactor.ts";
import type { PendingSignIn, Sessions } from "./sessions.ts";
import type { SessionStage } from "../../db/schema/index.ts";
import { createSignInLimit } from "./signInLimit.ts";

export type SignInResult =
  | { ok: true; token: string; personId: string; stage: SessionStage }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "limited"; retryAfterSeconds: number };

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAccounts(deps: {
  db: Db;
  sqlite: Database.Database;
  audit: AuditLog;
  sessions: Sessions;
  secondFactor: SecondFactor;
}) {
  const { db, audit, sessions, secondFactor } = deps;
  const limit = createSignInLimit(deps.sqlite);

  return {
    async signIn(emailInput: string, password: string, meta: RequestMeta): Promise<SignInResult> {
      const email = normaliseEmail(emailInput);
      // The password is checked even while this address waits, so that every wrong guess
      // counts (the wait keeps doubling) and the answer is the same either way.
      const check = await limit.check(email, meta.ip);
      const person = db.select().from(persons).where(eq(persons.email, email)).get();
      const valid = await verifyPassword(person?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!person || !valid) await limit.recordFailure(email, meta.ip);
      const waiting = check.allowed ? null : check;
      if (waiting) {
        audit.append(
          { personId: null, ip: meta.ip },
          {
            action: "auth.sign_in_refused",
            details: { emailHash: audit.pseudonym("sign-in-email", email), reason: "rate_limited" },
          },
        );
        const after = await limit.check(email, meta.ip);
        return {
          ok: false,
          reason: "limited",
          retryAfterSeconds: after.allowed ? waiting.retryAfterSeconds : after.retryAfterSeconds,
        };
      }
      if (!person || !valid) {
        db.transaction((tx) => {
          audit.append(
            { personId: person?.id ?? null, ip: meta.ip },
            {
              action: "auth.sign_in_failed",
              subjectType: "person",
              subjectId: person?.id,
              // The account's id when there is one; what was typed, only as a keyed hash (decision 0029).
              details: { emailHash: audit.pseudonym("sign-in-email", email) },
            },
            tx,
          );
        });
        return { ok: false, reason: "invalid" };
      }
      await limit.recordSuccess(email, meta.ip);
      // With a second factor, the password only opens the second step; a role that needs
      // one, without one, opens only enrolment. Neither grants anything else.
      const stage: SessionStage = secondFactor.hasFactor(person.id)
        ? "second_factor"
        : secondFactor.requiredFor(person.id)
          ? "enrol"
          : "signed_in";
      const token = db.transaction((tx) => {
        audit.append(
          { personId: person.id, ip: meta.ip },
          stage === "signed_in"
            ? { action: "auth.signed_in", subjectType: "person", subjectId: person.id, details: { method: "password" } }
            : {
                action: "auth.password_accepted",
                subjectType: "person",
                subjectId: person.id,
                details: { next: stage },
              },
          tx,
        );
        return sessions.start(person.id, meta, tx, stage);
      });
      return { ok: true, token, personId: person.id, stage };
    },

    /**
     * The second step is done (a code, a passkey, a recovery code, or enrolment): the
     * half-signed-in session is replaced by a new, full one (a new token).
     */
    completeSignIn(pending: PendingSignIn, meta: RequestMeta, method: string): string {
      return db.transaction((tx) => {
        sessions.discardPending(pending.sessionId, tx);
        audit.append(
          { personId: pending.personId, ip: meta.ip },
          { action: "auth.signed_in", subjectType: "person", subjectId: pending.personId, details: { method } },
          tx,
        );
        return sessions.start(pending.personId, meta, tx);
      });
    },

    signOut(actor: AuditActor & { personId: string }, sessionId: string): void {
      db.transaction((tx) => {
        audit.append(actor, { action: "auth.signed_out", subjectType: "person", subjectId: actor.personId }, tx);
      });
      sessions.end(sessionId);
    },

    /** The language the person chose for the pages; null: their browser's. */
    setLanguage(personId: string, language: Language | null): void {
      db.update(persons).set({ language }).where(eq(persons.id, personId)).run();
    },

    /** Changes the password and ends every other session of the person. */
    async changePassword(
      actor: AuditActor & { personId: string },
      currentSessionId: string,
      current: string,
      next: string,
    ): Promise<{ ok: true } | { ok: false; reason: "wrong_current" }> {
      const person = db.select().from(persons).where(eq(persons.id, actor.personId)).get();
      if (!person || !(await verifyPassword(person.passwordHash, current)))
        return { ok: false, reason: "wrong_current" };
      const passwordHash = await hashPassword(next);
      db.transaction((tx) => {
        tx.update(persons).set({ passwordHash }).where(eq(persons.id, person.id)).run();
        sessions.endAllOf(person.id, tx, currentSessionId, "password_changed");
        audit.append(actor, { action: "auth.password_changed", subjectType: "person", subjectId: person.id }, tx);
      });
      return { ok: true };
    },

    /** Creates a person inside the caller's transaction; the password is hashed beforehand. */
    insertPerson(
      tx: Pick<Db, "insert">,
      input: { email: string; name: string; passwordHash: string; isInstanceAdmin?: boolean },
    ): string {
      const id = randomUUID();
      tx.insert(persons)
        .values({
          id,
          email: normaliseEmail(input.email),
          name: input.name.trim(),
          passwordHash: input.passwordHash,
          isInstanceAdmin: input.isInstanceAdmin ?? false,
        })
        .run();
      return id;
    },

    emailTaken(email: string): boolean {
      return (
        db
          .select({ id: persons.id })
          .from(persons)
          .where(eq(persons.email, normaliseEmail(email)))
          .get() !== undefined
      );
    },

    hashPassword,

    /** Whether a new password is good enough, and if not, why (shown beside the field). */
    judgeNewPassword,

    /** Failed sign-in counts whose window has passed. */
    forgetOldFailures: () => limit.forgetOld(),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
