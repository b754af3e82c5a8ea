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
import { and, count, desc, eq, gt, isNull, lt } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { ROLES, type Role } from "../../app/contract/vocabulary.ts";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { openValue, sealValue } from "../crypto/sealedColumns.ts";
import type { Sessions } from "./sessions.ts";
import { createSignInLimit, type LimitCheck } from "./signInLimit.ts";

export const DEFAULT_SECOND_FACTOR_ROLES: readonly Role[] = ["admin", "chair", "coordinator"];
export const RECOVERY_CODE_COUNT = 10;

/** TOTP as authenticator apps expect it: SHA-1, six digits, thirty seconds (RFC 6238's defaults). */
const ISSUER = "Casetable";

/** A reset request of this network that nobody has confirmed or cancelled yet. */
const stillOpen = ({ secondFactorResets }: Tables, resetId: string, networkId: string) =>
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

/** Written once for SQLite and PostgreSQL (decision 0040). */
export function createSecondFactor(deps: { store: Store; audit: AuditChain; sessions: Sessions; keyring: Keyring }) {
  const { store, audit, sessions, keyring } = deps;
  const { t } = store;
  // The app's secret is sealed (AES-256-GCM, key outside the database): the database alone cannot make codes.
  const sealSecret = (personId: string, secret: string) => sealValue(keyring, t.totpFactors.secret, personId, secret);
  const openSecret = (personId: string, sealed: string) => openValue(keyring, t.totpFactors.secret, personId, sealed);
  // The code step is throttled like the password step (same limiter, keyed by the person).
  const limit = createSignInLimit(store);
  const limitKey = (personId: string) => `second-factor:${personId}`;

  async function methodsOf(personId: string, q: Query = store.db): Promise<SecondFactorMethods> {
    const [totp] = await q
      .select({ confirmedAt: t.totpFactors.confirmedAt })
      .from(t.totpFactors)
      .where(eq(t.totpFactors.personId, personId));
    const keys = await q
      .select({
        id: t.passkeys.id,
        name: t.passkeys.name,
        createdAt: t.passkeys.createdAt,
        lastUsedAt: t.passkeys.lastUsedAt,
      })
      .from(t.passkeys)
      .where(eq(t.passkeys.personId, personId))
      .orderBy(t.passkeys.createdAt);
    const [left] = await q
      .select({ n: count() })
      .from(t.recoveryCodes)
      .where(and(eq(t.recoveryCodes.personId, personId), isNull(t.recoveryCodes.usedAt)));
    return { totp: Boolean(totp?.confirmedAt), passkeys: keys, recoveryCodesLeft: left?.n ?? 0 };
  }

  const hasFactor = async (personId: string) => {
    const m = await methodsOf(personId);
    return m.totp || m.passkeys.length > 0;
  };

  /** Whether one of the person's roles, in any of their networks, must use a second factor. */
  async function requiredFor(personId: string): Promise<boolean> {
    const held = await store.db
      .select({ role: t.memberships.role, roles: t.networks.secondFactorRoles })
      .from(t.memberships)
      .innerJoin(t.networks, eq(t.networks.id, t.memberships.networkId))
      .where(eq(t.memberships.personId, personId));
    return held.some((m) => m.roles.includes(m.role));
  }

  /** New recovery codes replace the old ones; only their hashes are kept. */
  async function replaceRecoveryCodes(tx: Query, personId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await tx.delete(t.recoveryCodes).where(eq(t.recoveryCodes.personId, personId));
    await tx.insert(t.recoveryCodes).values(codes.map((code) => ({ codeHash: hashCode(code), personId })));
    return codes;
  }

  /**
   * A factor is in place: recovery codes if it is the first, then the audit entry (the
   * method, never the secret), the transaction's last write.
   */
  async function factorAdded(
    tx: Query,
    actor: AuditActor & { personId: string },
    method: "totp" | "passkey",
    hadFactor: boolean,
  ): Promise<string[] | null> {
    const codes =
      hadFactor && (await methodsOf(actor.personId, tx)).recoveryCodesLeft > 0
        ? null
        : await replaceRecoveryCodes(tx, actor.personId);
    await audit.append(tx, actor, {
      action: "auth.second_factor_added",
      subjectType: "person",
      subjectId: actor.personId,
      details: { method },
    });
    return codes;
  }

  /**
   * A wrong proof counts against the person and address, like passwords. While they wait,
   * nothing is tried (a recovery code or a code's step is not used up) and it counts too.
   */
  async function throttled(personId: string, ip: string, attempt: () => Promise<boolean>): Promise<ProofResult> {
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
    const ok = await attempt().catch(() => false);
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
  async function acceptTotp(personId: string, code: string, { confirmed }: { confirmed: boolean }): Promise<boolean> {
    const [row] = await store.db.select().from(t.totpFactors).where(eq(t.totpFactors.personId, personId));
    if (!row || Boolean(row.confirmedAt) !== confirmed) return false;
    const cleaned = code.replace(/\s/g, "");
    if (!/^\d{6}$/.test(cleaned)) return false;
    const delta = totpFor(openSecret(personId, row.secret)).validate({ token: cleaned, window: 1 });
    if (delta === null) return false;
    const step = Math.floor(Date.now() / 30_000) + delta;
    // Atomic: of two requests with the same code, one wins.
    const won = await store.transaction((tx) =>
      tx
        .update(t.totpFactors)
        .set({ lastStep: step, ...(confirmed ? {} : { confirmedAt: new Date() }) })
        .where(and(eq(t.totpFactors.personId, personId), lt(t.totpFactors.lastStep, step))),
    );
    return store.changedRows(won) === 1;
  }

  async function rolesOf(networkId: string, q: Query = store.db): Promise<Role[]> {
    const [row] = await q
      .select({ roles: t.networks.secondFactorRoles })
      .from(t.networks)
      .where(eq(t.networks.id, networkId));
    return row ? row.roles : [...DEFAULT_SECOND_FACTOR_ROLES];
  }

  /** The transports a passkey said it supports, to offer it again. */
  const credentialsOf = (personId: string) =>
    store.db
      .select({ id: t.passkeys.id, transports: t.passkeys.transports })
      .from(t.passkeys)
      .where(eq(t.passkeys.personId, personId));

  return {
    methodsOf,
    hasFactor,
    requiredFor,
    rolesOf,

    /** Which roles of the network must use a second factor (their holders enrol at next sign-in). */
    async setRoles(actor: AuditActor, networkId: string, roles: readonly Role[]): Promise<boolean> {
      const after = ROLES.filter((r) => roles.includes(r));
      return store.transaction(async (tx) => {
        if ((await rolesOf(networkId, tx)).join() === after.join()) return false;
        await tx.update(t.networks).set({ secondFactorRoles: after }).where(eq(t.networks.id, networkId));
        await audit.append(tx, actor, {
          action: "network.second_factor_roles_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { roles: after },
        });
        return true;
      });
    },

    /** A new secret for the person's authenticator app, to confirm with a first code. */
    async startTotp(personId: string): Promise<{ secret: string; uri: string; qrSvg: string } | null> {
      const [person] = await store.db
        .select({ email: t.persons.email })
        .from(t.persons)
        .where(eq(t.persons.id, personId));
      const fresh = new Secret({ size: 20 }).base32;
      // The first secret kept is the one to show: two tabs at once get the same one.
      const existing = await store.transaction(async (tx) => {
        await tx
          .insert(t.totpFactors)
          .values({ personId, secret: sealSecret(personId, fresh) })
          .onConflictDoNothing({ target: t.totpFactors.personId });
        const [row] = await tx.select().from(t.totpFactors).where(eq(t.totpFactors.personId, personId));
        return row!;
      });
      if (existing.confirmedAt || !person) return null;
      const secret = openSecret(personId, existing.secret);
      const uri = totpFor(secret, person.email).toString();
      const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      return { secret, uri, qrSvg };
    },

    /** Confirms the app with its first code; the first factor brings recovery codes. */
    async confirmTotp(
      actor: AuditActor & { personId: string },
      code: string,
    ): Promise<ProofResult & { recoveryCodes?: string[] | null }> {
      const hadFactor = await hasFactor(actor.personId);
      const result = await throttled(actor.personId, actor.ip ?? "unknown", () =>
        acceptTotp(actor.personId, code, { confirmed: false }),
      );
      if (!result.ok) return result;
      const codes = await store.transaction((tx) => factorAdded(tx, actor, "totp", hadFactor));
      return { ok: true, recoveryCodes: codes };
    },

    /** A code from the app, or a recovery code (used up), at sign-in. Throttled. */
    async proveWithCode(
      personId: string,
      ip: string,
      code: string,
    ): Promise<ProofResult & { method?: "totp" | "recovery_code" }> {
      let method: "totp" | "recovery_code" = "totp";
      const result = await throttled(personId, ip, async () => {
        if (await acceptTotp(personId, code, { confirmed: true })) return true;
        method = "recovery_code";
        const used = await store.transaction((tx) =>
          tx
            .update(t.recoveryCodes)
            .set({ usedAt: new Date() })
            .where(
              and(
                eq(t.recoveryCodes.codeHash, hashCode(code)),
                eq(t.recoveryCodes.personId, personId),
                isNull(t.recoveryCodes.usedAt),
              ),
            ),
        );
        return store.changedRows(used) === 1;
      });
      return result.ok ? { ok: true, method } : result;
    },

    async removeTotp(actor: AuditActor & { personId: string }): Promise<void> {
      await store.transaction(async (tx) => {
        const gone = await tx.delete(t.totpFactors).where(eq(t.totpFactors.personId, actor.personId));
        if (store.changedRows(gone))
          await audit.append(tx, actor, {
            action: "auth.second_factor_removed",
            subjectType: "person",
            subjectId: actor.personId,
            details: { method: "totp" },
          });
      });
    },

    async removePasskey(actor: AuditActor & { personId: string }, passkeyId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const gone = await tx
          .delete(t.passkeys)
          .where(and(eq(t.passkeys.id, passkeyId), eq(t.passkeys.personId, actor.personId)));
        if (store.changedRows(gone) !== 1) return false;
        await audit.append(tx, actor, {
          action: "auth.second_factor_removed",
          subjectType: "person",
          subjectId: actor.personId,
          details: { method: "passkey" },
        });
        return true;
      });
    },

    /** New recovery codes (the old ones stop working), shown once. */
    async newRecoveryCodes(actor: AuditActor & { personId: string }): Promise<string[]> {
      return store.transaction(async (tx) => {
        const codes = await replaceRecoveryCodes(tx, actor.personId);
        await audit.append(tx, actor, {
          action: "auth.recovery_codes_replaced",
          subjectType: "person",
          subjectId: actor.personId,
        });
        return codes;
      });
    },

    async passkeyRegistrationOptions(
      sessionId: string,
      personId: string,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const [person] = await store.db
        .select({ name: t.persons.name, email: t.persons.email })
        .from(t.persons)
        .where(eq(t.persons.id, personId));
      const existing = await credentialsOf(personId);
      const options = await generateRegistrationOptions({
        rpName: ISSUER,
        rpID: rp.rpID,
        userName: person!.email,
        userDisplayName: person!.name,
        userID: new TextEncoder().encode(personId),
        attestationType: "none",
        excludeCredentials: existing,
        authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      });
      await sessions.setChallenge(sessionId, options.challenge);
      return options;
    },

    async registerPasskey(
      actor: AuditActor & { personId: string },
      sessionId: string,
      rp: RelyingParty,
      name: string,
      response: RegistrationResponseJSON,
    ): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false }> {
      const expectedChallenge = await sessions.takeChallenge(sessionId);
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
      const hadFactor = await hasFactor(actor.personId);
      try {
        const codes = await store.transaction(async (tx) => {
          await tx.insert(t.passkeys).values({
            id: credential.id,
            personId: actor.personId,
            name: name.trim().slice(0, 80) || "Passkey",
            publicKey: Buffer.from(credential.publicKey),
            counter: credential.counter,
            transports: (credential.transports ?? []) as AuthenticatorTransport[],
          });
          return factorAdded(tx, actor, "passkey", hadFactor);
        });
        return { ok: true, recoveryCodes: codes };
      } catch (error) {
        // This passkey is registered already.
        if (store.isUniqueViolation(error)) return { ok: false };
        throw error;
      }
    },

    async passkeySignInOptions(
      sessionId: string,
      personId: string,
      rp: RelyingParty,
    ): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
      const keys = await credentialsOf(personId);
      if (keys.length === 0) return null;
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        allowCredentials: keys,
        userVerification: "preferred",
      });
      await sessions.setChallenge(sessionId, options.challenge);
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
        const expectedChallenge = await sessions.takeChallenge(sessionId);
        const [key] = await store.db
          .select()
          .from(t.passkeys)
          .where(and(eq(t.passkeys.id, response.id), eq(t.passkeys.personId, personId)));
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
            transports: key.transports,
          },
        });
        if (!verified.verified) return false;
        await store.transaction((tx) =>
          tx
            .update(t.passkeys)
            .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() })
            .where(eq(t.passkeys.id, key.id)),
        );
        return true;
      });
    },

    /** Open and recent reset requests of a network, newest first. */
    async resetsOf(networkId: string) {
      return store.db
        .select()
        .from(t.secondFactorResets)
        .where(
          and(
            eq(t.secondFactorResets.networkId, networkId),
            gt(t.secondFactorResets.createdAt, new Date(Date.now() - 30 * 86_400_000)),
          ),
        )
        .orderBy(desc(t.secondFactorResets.createdAt));
    },

    /** One administrator asks to reset a member's second factor; another must confirm. */
    async requestReset(
      actor: AuditActor & { personId: string },
      networkId: string,
      personId: string,
      reason: string,
    ): Promise<{ ok: true; id: string } | { ok: false; reason: "not_member" | "self" | "already_open" }> {
      if (personId === actor.personId) return { ok: false, reason: "self" };
      return store.transaction(async (tx) => {
        // One open request per person, also when two administrators ask at once.
        await store.lock(tx, `second-factor-reset:${personId}`);
        const [member] = await tx
          .select({ id: t.memberships.id })
          .from(t.memberships)
          .where(and(eq(t.memberships.networkId, networkId), eq(t.memberships.personId, personId)));
        if (!member) return { ok: false as const, reason: "not_member" as const };
        const [open] = await tx
          .select({ id: t.secondFactorResets.id })
          .from(t.secondFactorResets)
          .where(
            and(
              eq(t.secondFactorResets.personId, personId),
              isNull(t.secondFactorResets.confirmedAt),
              isNull(t.secondFactorResets.cancelledAt),
            ),
          );
        if (open) return { ok: false as const, reason: "already_open" as const };
        const id = randomUUID();
        await tx
          .insert(t.secondFactorResets)
          .values({ id, networkId, personId, requestedBy: actor.personId, reason: reason.trim() });
        await audit.append(tx, actor, {
          action: "auth.second_factor_reset_requested",
          subjectType: "person",
          subjectId: personId,
          networkId,
          details: { resetId: id },
        });
        return { ok: true as const, id };
      });
    },

    /**
     * A second administrator (not the one who asked, not the person) confirms: every factor
     * and recovery code of the person goes, and their sessions end; they enrol again at sign-in.
     */
    async confirmReset(
      actor: AuditActor & { personId: string },
      networkId: string,
      resetId: string,
    ): Promise<{ ok: true } | { ok: false; reason: "not_found" | "same_admin" | "self" }> {
      const result = await store.transaction(async (tx) => {
        const [reset] = await tx
          .select()
          .from(t.secondFactorResets)
          .where(stillOpen(t, resetId, networkId));
        if (!reset) return { ok: false as const, reason: "not_found" as const };
        if (reset.requestedBy === actor.personId) return { ok: false as const, reason: "same_admin" as const };
        if (reset.personId === actor.personId) return { ok: false as const, reason: "self" as const };
        // Of two confirmations at once, one does it.
        const confirmed = await tx
          .update(t.secondFactorResets)
          .set({ confirmedBy: actor.personId, confirmedAt: new Date() })
          .where(stillOpen(t, resetId, networkId));
        if (store.changedRows(confirmed) !== 1) return { ok: false as const, reason: "not_found" as const };
        await tx.delete(t.totpFactors).where(eq(t.totpFactors.personId, reset.personId));
        await tx.delete(t.passkeys).where(eq(t.passkeys.personId, reset.personId));
        await tx.delete(t.recoveryCodes).where(eq(t.recoveryCodes.personId, reset.personId));
        const ended = await sessions.endAllOf(tx, reset.personId, { reason: "second_factor_reset" });
        await audit.append(tx, actor, {
          action: "auth.second_factor_reset",
          subjectType: "person",
          subjectId: reset.personId,
          networkId,
          details: { resetId, requestedBy: reset.requestedBy },
        });
        return { ok: true as const, ended };
      });
      if (!result.ok) return result;
      sessions.cut(result.ended);
      return { ok: true };
    },

    async cancelReset(actor: AuditActor & { personId: string }, networkId: string, resetId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.secondFactorResets)
          .set({ cancelledAt: new Date() })
          .where(stillOpen(t, resetId, networkId));
        if (store.changedRows(done) !== 1) return false;
        await audit.append(tx, actor, {
          action: "auth.second_factor_reset_cancelled",
          subjectType: "person",
          networkId,
          details: { resetId },
        });
        return true;
      });
    },
  };
}

export type SecondFactor = ReturnType<typeof createSecondFactor>;
