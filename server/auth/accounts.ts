import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Language } from "../../app/contract/vocabulary.ts";
import type { SessionStage } from "../../db/schema/auth.ts";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { judgeNewPassword } from "./passwordStrength.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./passwords.ts";
import type { SecondFactor } from "./secondFactor.ts";
import type { PendingSignIn, Sessions } from "./sessions.ts";
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
  store: Store;
  audit: AuditChain;
  sessions: Sessions;
  secondFactor: SecondFactor;
}) {
  const { store, audit, sessions, secondFactor } = deps;
  const { t } = store;
  const limit = createSignInLimit(store);

  return {
    async signIn(emailInput: string, password: string, meta: RequestMeta): Promise<SignInResult> {
      const email = normaliseEmail(emailInput);
      // The password is checked even while this address waits, so that every wrong guess
      // counts (the wait keeps doubling) and the answer is the same either way.
      const check = await limit.check(email, meta.ip);
      const [person] = await store.db.select().from(t.persons).where(eq(t.persons.email, email));
      const valid = await verifyPassword(person?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!person || !valid) await limit.recordFailure(email, meta.ip);
      const waiting = check.allowed ? null : check;
      if (waiting) {
        await store.transaction((tx) =>
          audit.append(
            tx,
            { personId: null, ip: meta.ip },
            {
              action: "auth.sign_in_refused",
              details: { emailHash: audit.pseudonym("sign-in-email", email), reason: "rate_limited" },
            },
          ),
        );
        const after = await limit.check(email, meta.ip);
        return {
          ok: false,
          reason: "limited",
          retryAfterSeconds: after.allowed ? waiting.retryAfterSeconds : after.retryAfterSeconds,
        };
      }
      if (!person || !valid) {
        await store.transaction((tx) =>
          audit.append(
            tx,
            { personId: person?.id ?? null, ip: meta.ip },
            {
              action: "auth.sign_in_failed",
              subjectType: "person",
              subjectId: person?.id,
              // The account's id when there is one; what was typed, only as a keyed hash (decision 0029).
              details: { emailHash: audit.pseudonym("sign-in-email", email) },
            },
          ),
        );
        return { ok: false, reason: "invalid" };
      }
      await limit.recordSuccess(email, meta.ip);
      // With a second factor, the password only opens the second step; a role that needs
      // one, without one, opens only enrolment. Neither grants anything else.
      const stage: SessionStage = (await secondFactor.hasFactor(person.id))
        ? "second_factor"
        : (await secondFactor.requiredFor(person.id))
          ? "enrol"
          : "signed_in";
      const token = await store.transaction(async (tx) => {
        const started = await sessions.start(tx, person.id, meta, stage);
        await audit.append(
          tx,
          { personId: person.id, ip: meta.ip },
          stage === "signed_in"
            ? { action: "auth.signed_in", subjectType: "person", subjectId: person.id, details: { method: "password" } }
            : {
                action: "auth.password_accepted",
                subjectType: "person",
                subjectId: person.id,
                details: { next: stage },
              },
        );
        return started;
      });
      return { ok: true, token, personId: person.id, stage };
    },

    /**
     * The second step is done (a code, a passkey, a recovery code, or enrolment): the
     * half-signed-in session is replaced by a new, full one (a new token).
     */
    async completeSignIn(pending: PendingSignIn, meta: RequestMeta, method: string): Promise<string> {
      return store.transaction(async (tx) => {
        await sessions.discardPending(tx, pending.sessionId);
        const token = await sessions.start(tx, pending.personId, meta);
        await audit.append(
          tx,
          { personId: pending.personId, ip: meta.ip },
          { action: "auth.signed_in", subjectType: "person", subjectId: pending.personId, details: { method } },
        );
        return token;
      });
    },

    async signOut(actor: AuditActor & { personId: string }, sessionId: string): Promise<void> {
      await store.transaction((tx) =>
        audit.append(tx, actor, { action: "auth.signed_out", subjectType: "person", subjectId: actor.personId }),
      );
      await sessions.end(sessionId);
    },

    /** The language the person chose for the pages; null: their browser's. */
    async setLanguage(personId: string, language: Language | null): Promise<void> {
      await store.transaction((tx) => tx.update(t.persons).set({ language }).where(eq(t.persons.id, personId)));
    },

    /** Changes the password and ends every other session of the person. */
    async changePassword(
      actor: AuditActor & { personId: string },
      currentSessionId: string,
      current: string,
      next: string,
    ): Promise<{ ok: true } | { ok: false; reason: "wrong_current" }> {
      const [person] = await store.db.select().from(t.persons).where(eq(t.persons.id, actor.personId));
      if (!person || !(await verifyPassword(person.passwordHash, current)))
        return { ok: false, reason: "wrong_current" };
      const passwordHash = await hashPassword(next);
      const ended = await store.transaction(async (tx) => {
        await tx.update(t.persons).set({ passwordHash }).where(eq(t.persons.id, person.id));
        const others = await sessions.endAllOf(tx, person.id, { except: currentSessionId, reason: "password_changed" });
        await audit.append(tx, actor, { action: "auth.password_changed", subjectType: "person", subjectId: person.id });
        return others;
      });
      sessions.cut(ended);
      return { ok: true };
    },

    /**
     * Creates a person inside the caller's transaction; the password is hashed beforehand.
     * A taken email fails the transaction with a unique violation (`store.isUniqueViolation`).
     */
    async insertPerson(
      tx: Query,
      input: { email: string; name: string; passwordHash: string; isInstanceAdmin?: boolean },
    ): Promise<string> {
      const id = randomUUID();
      await tx.insert(t.persons).values({
        id,
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash: input.passwordHash,
        isInstanceAdmin: input.isInstanceAdmin ?? false,
      });
      return id;
    },

    async emailTaken(email: string, q: Query = store.db): Promise<boolean> {
      const [found] = await q
        .select({ id: t.persons.id })
        .from(t.persons)
        .where(eq(t.persons.email, normaliseEmail(email)));
      return found !== undefined;
    },

    hashPassword,

    /** Whether a new password is good enough, and if not, why (shown beside the field). */
    judgeNewPassword,

    /** Failed sign-in counts whose window has passed. */
    forgetOldFailures: () => limit.forgetOld(),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
