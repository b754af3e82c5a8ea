import { createHash, randomBytes, randomUUID } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type Database from "better-sqlite3";
import { and, count, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Db } from "../../db/client.ts";
import {
  memberships,
  networks,
  passkeys,
  persons,
  recoveryCodes,
  secondFactorResets,
  totpFactors,
  ROLES,
  type Role,
} from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import type { Sessions } from "./sessions.ts";
import { createSignInLimit, type LimitCheck } from "./signInLimit.ts";

export const DEFAULT_SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "chair", "coordinator"];
export const RECOVERY_CODE_COUNT = 10;

/** TOTP as authenticator apps expect it: SHA-1, six digits, thirty seconds (RFC 6238's defaults). */
const ISSUER = "Casetable";

/** A reset request of this network that nobody has confirmed or cancelled yet. */
const stillOpen = (resetId: string, networkId: string) =>
  and(
    eq(secondFactorResets.id, resetId),
    eq(secondFactorResets.networkId, networkId),
    isNull(secondFactorResets.confirmedAt),
    isNull(secondFactorResets.cancelledAt),
  );
const totpFor = (secret: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** Where WebAuthn ceremonies happen: the site's origin and its host name (the relying party id). */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export const relyingPartyOf = (siteOrigin: string): RelyingParty => ({
  origin: siteOrigin,
  rpID: new URL(siteOrigin).hostname,
});

/** A recovery code: 12 characters from an alphabet without look-alikes (60 bits), shown as XXXX-XXXX-XXXX. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const hashCode = (code: string) => createHash("sha256").update(normaliseCode(code)).digest("base64url");

export type ProofResult =
  { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "limited"; retryAfterSeconds: number };

export interface SecondFactorMethods {
  totp: boolean;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
}

export function createSecondFactor(deps: {
  db: Db;
  sqlite: Database.Database;
  audit: AuditLog;
  sessions: Sessions;
  keyring: Keyring;
}) {
  const { db, audit, sessions, keyring } = deps;
  // The app's secret is sealed (AES-256-GCM, key outside the database): the database alone cannot make codes.
  const sealSecret = (personId: string, secret: string) => sealValue(keyring, totpFactors.secret, personId, secret);
  const openSecret = (personId: string, sealed: string) => openValue(keyring, totpFactors.secret, personId, sealed);
  // The code step is throttled like the password step (same limiter, keyed by the person).
  const limit = createSignInLimit(deps.sqlite);
  const limitKey = (personId: string) => `second-factor:${personId}`;

  function methodsOf(personId: string): SecondFactorMethods {
    const totp = db.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
    const keys = db
      .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
      .from(passkeys)
      .where(eq(passkeys.personId, personId))
      .orderBy(passkeys.createdAt)
      .all();
    const left = db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.personId, personId), isNull(recoveryCodes.usedAt)))
      .get()!.n;
    return { totp: Boolean(totp?.confirmedAt), passkeys: keys, recoveryCodesLeft: left };
  }

  const hasFactor = (personId: string) => {
    const m = methodsOf(personId);
    return m.totp || m.passkeys.length > 0;
  };

  /** Whether one of the person's roles, in any of their networks, must use a second factor. */
  function requiredFor(personId: string): boolean {
    return db
      .select({ role: memberships.role, roles: networks.secondFactorRoles })
      .from(memberships)
      .innerJoin(networks, eq(networks.id, memberships.networkId))
      .where(eq(memberships.personId, personId))
      .all()
      .some((m) => (JSON.parse(m.roles) as Role[]).includes(m.role));
  }

  /** New recovery codes replace the old ones; only their hashes are kept. */
  function replaceRecoveryCodes(tx: Pick<Db, "insert" | "delete">, personId: string): string[] {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId)).run();
    tx.insert(recoveryCodes)
      .values(codes.map((code) => ({ codeHash: hashCode(code), personId })))
      .run();
    return codes;
  }

  /** After a first factor is added, the person gets recovery codes (shown once). */
  function codesIfFirst(tx: Pick<Db, "insert" | "delete">, personId: string, hadFactor: boolean): string[] | null {
    return hadFactor && methodsOf(personId).recoveryCodesLeft > 0 ? null : replaceRecoveryCodes(tx, personId);
  }

  /** A factor is in place: audited (the method, never the secret), with recovery codes if it is the first. */
  function factorAdded(
    tx: Pick<Db, "select" | "insert" | "delete">,
    actor: AuditActor & { personId: string },
    method: "totp" | "passkey",
    hadFactor: boolean,
  ): string[] | null {
    audit.append(
      actor,
      {
        action: "auth.second_factor_added",
        subjectType: "person",
        subjectId: actor.personId,
        details: { method },
      },
      tx,
    );
    return codesIfFirst(tx, actor.personId, hadFactor);
  }

  /**
   * A wrong proof counts against the person and address, like passwords. While they wait,
   * nothing is tried (a recovery code or a code's step is not used up) and it counts too.
   */
  async function throttled(
    personId: string,
    ip: string,
    attempt: () => boolean | Promise<boolean>,
  ): Promise<ProofResult> {
    const check: LimitCheck = await limit.check(limitKey(personId), ip);
    if (!check.allowed) {
      await limit.recordFailure(limitKey(personId), ip);
      const after = await limit.check(limitKey(personId), ip);
      return {
        ok: false,
        reason: "limited",
        retryAfterSeconds: after.allowed ? check.retryAfterSeconds : after.retryAfterSeconds,
      };
    }
    const ok = await Promise.resolve()
      .then(attempt)
      .catch(() => false);
    if (!ok) {
      await limit.recordFailure(limitKey(personId), ip);
      return { ok: false, reason: "invalid" };
    }
    await limit.recordSuccess(limitKey(personId), ip);
    return { ok: true };
  }

  /**
   * A code from the person's app, accepted once: the 30-second step it belongs to (the
   * current one or a neighbour, for clocks a little off) must be later than the last one used.
   */
  function acceptTotp(personId: string, code: string, { confirmed }: { confirmed: boolean }): boolean {
    const row = db.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
    if (!row || Boolean(row.confirmedAt) !== confirmed) return false;
    const cleaned = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(cleaned)) return false;
    const delta = totpFor(openSecret(personId, row.secret)).validate({ token: cleaned, window: 1 });
    if (delta === null) return false;
    const step = Math.floor(Date.now() / 30_000) + delta;
    // Atomic: of two requests with the same code, one wins.
    const won = db
      .update(totpFactors)
      .set({ lastStep: step, ...(confirmed ? {} : { confirmedAt: new Date() }) })
      .where(and(eq(totpFactors.personId, personId), lt(totpFactors.lastStep, step)))
      .run();
    return won.changes === 1;
  }

  function rolesOf(networkId: string): Role[] {
    const row = db.select({ roles: networks.secondFactorRoles }).from(networks).where(eq(networks.id, networkId)).get();
    return row ? (JSON.parse(row.roles) as Role[]) : [...DEFAULT_SECOND_FACTOR_ROLES];
  }

  return {
    methodsOf,
    hasFactor,
    requiredFor,
    rolesOf,

    /** Which roles of the network must use a second factor (their holders enrol at next sign-in). */
    setRoles(actor: AuditActor, networkId: string, roles: readonly Role[]): boolean {
      const after = ROLES.filter((r) => roles.includes(r));
      return db.transaction((tx) => {
        if (rolesOf(networkId).join() === after.join()) return false;
        tx.update(networks)
          .set({ secondFactorRoles: JSON.stringify(after) })
          .where(eq(networks.id, networkId))
          .run();
        audit.append(
          actor,
          {
            action: "network.second_factor_roles_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { roles: after },
          },
          tx,
        );
        return true;
      });
    },

    /** A new secret for the person's authenticator app, to confirm with a first code. */
    async startTotp(personId: string): Promise<{ secret: string; uri: string; qrSvg: string } | null> {
      const existing = db.select().from(totpFactors).where(eq(totpFactors.personId, personId)).get();
      if (existing?.confirmedAt) return null;
      const person = db.select({ email: persons.email }).from(persons).where(eq(persons.id, personId)).get()!;
      const secret = existing ? openSecret(personId, existing.secret) : new Secret({ size: 20 }).base32;
      if (!existing)
        db.insert(totpFactors)
          .values({ personId, secret: sealSecret(personId, secret) })
          .run();
      const uri = totpFor(secret, person.email).toString();
      const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return { secret, uri, qrSvg };
    },

    /** Confirms the app with its first code; the first factor brings recovery codes. */
    async confirmTotp(
      actor: AuditActor & { personId: string },
      code: string,
    ): Promise<ProofResult & { recoveryCodes?: string[] | null }> {
      const hadFactor = hasFactor(actor.personId);
      const result = await throttled(actor.personId, actor.ip ?? "unknown", () =>
        acceptTotp(actor.personId, code, { confirmed: false }),
      );
      if (!result.ok) return result;
      const codes = db.transaction((tx) => factorAdded(tx, actor, "totp", hadFactor));
      return { ok: true, recoveryCodes: codes };
    },

    /** A code from the app, or a recovery code (used up), at sign-in. Throttled. */
    async proveWithCode(
      personId: string,
      ip: string,
      code: string,
    ): Promise<ProofResult & { method?: "totp" | "recovery_code" }> {
      let method: "totp" | "recovery_code" = "totp";
      const result = await throttled(personId, ip, () => {
        if (acceptTotp(personId, code, { confirmed: true })) return true;
        method = "recovery_code";
        const used = db
          .update(recoveryCodes)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(recoveryCodes.codeHash, hashCode(code)),
              eq(recoveryCodes.personId, personId),
              isNull(recoveryCodes.usedAt),
            ),
          )
          .run();
        return used.changes === 1;
      });
      return result.ok ? { ok: true, method } : result;
    },

    removeTotp(actor: AuditActor & { personId: string }): void {
      db.transaction((tx) => {
        const gone = tx.delete(totpFactors).where(eq(totpFactors.personId, actor.personId)).run();
        if (gone.changes)
          audit.append(
            actor,
            {
              action: "auth.second_factor_removed",
              subjectType: "person",
              subjectId: actor.personId,
              details: { method: "totp" },
            },
            tx,
          );
      });
    },

    removePasskey(actor: AuditActor & { personId: string }, passkeyId: string): boolean {
      return db.transaction((tx) => {
        const gone = tx
          .delete(passkeys)
          .where(and(eq(passkeys.id, passkeyId), eq(passkeys.personId, actor.personId)))
          .run();
        if (gone.changes)
          audit.append(
            actor,
            {
              action: "auth.second_factor_removed",
              subjectType: "person",
              subjectId: actor.personId,
              details: { method: "passkey" },
            },
            tx,
          );
        return gone.changes === 1;
      });
    },

    /** New recovery codes (the old ones stop working), shown once. */
    newRecoveryCodes(actor: AuditActor & { personId: string }): string[] {
      return db.transaction((tx) => {
        audit.append(
          actor,
          { action: "auth.recovery_codes_replaced", subjectType: "person", subjectId: actor.personId },
          tx,
        );
        return replaceRecoveryCodes(tx, actor.personId);
      });
    },

    async passkeyRegistrationOptions(
      sessionId: string,
      personId: string,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const person = db
        .select({ name: persons.name, email: persons.email })
        .from(persons)
        .where(eq(persons.id, personId))
        .get()!;
      const existing = db
        .select({ id: passkeys.id, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.personId, personId))
        .all();
      const options = await generateRegistrationOptions({
        rpName: ISSUER,
        rpID: rp.rpID,
        userName: person.email,
        userDisplayName: person.name,
        userID: new TextEncoder().encode(personId),
        attestationType: "none",
        excludeCredentials: existing.map((k) => ({
          id: k.id,
          transports: JSON.parse(k.transports) as AuthenticatorTransport[],
        })),
        authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      });
      sessions.setChallenge(sessionId, options.challenge);
      return options;
    },

    async registerPasskey(
      actor: AuditActor & { personId: string },
      sessionId: string,
      rp: RelyingParty,
      name: string,
      response: RegistrationResponseJSON,
    ): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false }> {
      const expectedChallenge = sessions.takeChallenge(sessionId);
      if (!expectedChallenge) return { ok: false };
      const verified = await verifyRegistrationResponse({
        response,
        expectedChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: false,
      }).catch(() => null);
      if (!verified?.verified || !verified.registrationInfo) return { ok: false };
      const { credential } = verified.registrationInfo;
      const hadFactor = hasFactor(actor.personId);
      const codes = db.transaction((tx) => {
        tx.insert(passkeys)
          .values({
            id: credential.id,
            personId: actor.personId,
            name: name.trim().slice(0, 80) || "Passkey",
            publicKey: Buffer.from(credential.publicKey),
            counter: credential.counter,
            transports: JSON.stringify(credential.transports ?? []),
          })
          .run();
        return factorAdded(tx, actor, "passkey", hadFactor);
      });
      return { ok: true, recoveryCodes: codes };
    },

    async passkeySignInOptions(
      sessionId: string,
      personId: string,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
      const keys = db
        .select({ id: passkeys.id, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.personId, personId))
        .all();
      if (keys.length === 0) return null;
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        allowCredentials: keys.map((k) => ({
          id: k.id,
          transports: JSON.parse(k.transports) as AuthenticatorTransport[],
        })),
        userVerification: "preferred",
      });
      sessions.setChallenge(sessionId, options.challenge);
      return options;
    },

    /** A passkey's answer at sign-in: its challenge, origin, key and counter must all hold. Throttled. */
    async proveWithPasskey(
      sessionId: string,
      personId: string,
      ip: string,
      rp: RelyingParty,
      response: AuthenticationResponseJSON,
    ): Promise<ProofResult> {
      return throttled(personId, ip, async () => {
        const expectedChallenge = sessions.takeChallenge(sessionId);
        const key = db
          .select()
          .from(passkeys)
          .where(and(eq(passkeys.id, response.id), eq(passkeys.personId, personId)))
          .get();
        if (!expectedChallenge || !key) return false;
        const verified = await verifyAuthenticationResponse({
          response,
          expectedChallenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: false,
          credential: {
            id: key.id,
            publicKey: new Uint8Array(key.publicKey),
            counter: key.counter,
            transports: JSON.parse(key.transports) as AuthenticatorTransport[],
          },
        });
        if (!verified.verified) return false;
        db.update(passkeys)
          .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
          .where(eq(passkeys.id, key.id))
          .run();
        return true;
      });
    },

    /** Open and recent reset requests of a network, newest first. */
    resetsOf(networkId: string) {
      return db
        .select()
        .from(secondFactorResets)
        .where(
          and(
            eq(secondFactorResets.networkId, networkId),
            gt(secondFactorResets.createdAt, new Date(Date.now() - 30 * 86_400_000)),
          ),
        )
        .orderBy(desc(secondFactorResets.createdAt))
        .all();
    },

    /** One administrator asks to reset a member's second factor; another must confirm. */
    requestReset(
      actor: AuditActor & { personId: string },
      networkId: string,
      personId: string,
      reason: string,
    ): { ok: true; id: string } | { ok: false; reason: "not_member" | "self" | "already_open" } {
      if (personId === actor.personId) return { ok: false, reason: "self" };
      return db.transaction((tx) => {
        const member = tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.networkId, networkId), eq(memberships.personId, personId)))
          .get();
        if (!member) return { ok: false as const, reason: "not_member" as const };
        const open = tx
          .select({ id: secondFactorResets.id })
          .from(secondFactorResets)
          .where(
            and(
              eq(secondFactorResets.personId, personId),
              isNull(secondFactorResets.confirmedAt),
              isNull(secondFactorResets.cancelledAt),
            ),
          )
          .get();
        if (open) return { ok: false as const, reason: "already_open" as const };
        const id = randomUUID();
        tx.insert(secondFactorResets)
          .values({ id, networkId, personId, requestedBy: actor.personId, reason: reason.trim() })
          .run();
        audit.append(
          actor,
          {
            action: "auth.second_factor_reset_requested",
            subjectType: "person",
            subjectId: personId,
            networkId,
            details: { resetId: id },
          },
          tx,
        );
        return { ok: true as const, id };
      });
    },

    /**
     * A second administrator (not the one who asked, not the person) confirms: every factor
     * and recovery code of the person goes, and their sessions end; they enrol again at sign-in.
     */
    confirmReset(
      actor: AuditActor & { personId: string },
      networkId: string,
      resetId: string,
    ): { ok: true } | { ok: false; reason: "not_found" | "same_admin" | "self" } {
      return db.transaction((tx) => {
        const reset = tx.select().from(secondFactorResets).where(stillOpen(resetId, networkId)).get();
        if (!reset) return { ok: false as const, reason: "not_found" as const };
        if (reset.requestedBy === actor.personId) return { ok: false as const, reason: "same_admin" as const };
        if (reset.personId === actor.personId) return { ok: false as const, reason: "self" as const };
        tx.update(secondFactorResets)
          .set({ confirmedBy: actor.personId, confirmedAt: new Date() })
          .where(eq(secondFactorResets.id, resetId))
          .run();
        tx.delete(totpFactors).where(eq(totpFactors.personId, reset.personId)).run();
        tx.delete(passkeys).where(eq(passkeys.personId, reset.personId)).run();
        tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, reset.personId)).run();
        sessions.endAllOf(reset.personId, tx, undefined, "second_factor_reset");
        audit.append(
          actor,
          {
            action: "auth.second_factor_reset",
            subjectType: "person",
            subjectId: reset.personId,
            networkId,
            details: { resetId, requestedBy: reset.requestedBy },
          },
          tx,
        );
        return { ok: true as const };
      });
    },

    cancelReset(actor: AuditActor & { personId: string }, networkId: string, resetId: string): boolean {
      return db.transaction((tx) => {
        const done = tx
          .update(secondFactorResets)
          .set({ cancelledAt: new Date() })
          .where(stillOpen(resetId, networkId))
          .run();
        if (done.changes)
          audit.append(
            actor,
            { action: "auth.second_factor_reset_cancelled", subjectType: "person", networkId, details: { resetId } },
            tx,
          );
        return done.changes === 1;
      });
    },
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
