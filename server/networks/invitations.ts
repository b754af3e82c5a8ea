import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, notInArray } from "drizzle-orm";
import { INVITATION_DAYS } from "../../app/contract/limits.ts";
import { days } from "../../app/contract/time.ts";
import type { Mandate, Role } from "../../db/schema/people.ts";
import type { Query, Store, Tables } from "../../db/store.ts";
import type { Accounts } from "../auth/accounts.ts";
import { normaliseEmail } from "../auth/accounts.ts";
import { needsSecondConfirmation } from "../auth/policy.ts";
import type { Sessions } from "../auth/sessions.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import type { AuditActor, AuditChain, AuditEntryInput } from "../audit/auditLog.ts";

/** The network's invitations that can still be taken: not accepted, not revoked, not expired. */
export const pendingIn = (t: Tables, networkId: string) =>
  and(eq(t.invitations.networkId, networkId), stillOpen(t, new Date()));

/** Not accepted, not revoked, not expired at `now`. */
const stillOpen = (t: Tables, now: Date) =>
  and(isNull(t.invitations.acceptedAt), isNull(t.invitations.revokedAt), gt(t.invitations.expiresAt, now));

export interface NewInvitation {
  email: string;
  agencyId: string;
  role: Role;
  mandate: Mandate;
}

export type InvitationProblem = "not_found" | "used" | "expired" | "revoked" | "already_member" | "email_taken";

type NotAccepted = { ok: false; problem: InvitationProblem };

type Invitation = Tables["invitations"]["$inferSelect"];

/** Audit entries a step leaves for its transaction's end (the chain's append is the last write). */
type Entries = [AuditActor, AuditEntryInput][];

/** Thrown to roll back an acceptance that lost a race; answered as the problem it names. */
class Refusal extends Error {
  constructor(readonly problem: InvitationProblem) {
    super(problem);
  }
}

/** Written once for SQLite and PostgreSQL (decision 0040). */
export function createInvitations(deps: { store: Store; audit: AuditChain; accounts: Accounts; sessions: Sessions }) {
  const { store, audit, accounts, sessions } = deps;
  const { t } = store;

  /** The invitation behind a link, with why it cannot be used, if it cannot. */
  async function open(q: Query, token: string) {
    const [row] = await q
      .select({
        invitation: t.invitations,
        networkName: t.networks.name,
        agencyName: t.agencies.name,
      })
      .from(t.invitations)
      .innerJoin(t.networks, eq(t.networks.id, t.invitations.networkId))
      .innerJoin(t.agencies, eq(t.agencies.id, t.invitations.agencyId))
      .where(eq(t.invitations.tokenHash, hashToken(token)));
    if (!row) return { problem: "not_found" as const };
    const inv = row.invitation;
    const problem: InvitationProblem | null = inv.acceptedAt
      ? "used"
      : inv.revokedAt
        ? "revoked"
        : inv.expiresAt.getTime() <= Date.now()
          ? "expired"
          : null;
    return { problem, invitation: inv, networkName: row.networkName, agencyName: row.agencyName };
  }

  /** The invitation that can be used, or the problem why not. */
  async function usable(q: Query, token: string): Promise<Invitation | InvitationProblem> {
    const found = await open(q, token);
    return found.invitation && !found.problem ? found.invitation : (found.problem ?? "not_found");
  }

  /**
   * Takes the invitation, the acceptance's first write: of two acceptances at once, the
   * second finds it taken (on PostgreSQL it waits for the first's commit) and changes nothing.
   */
  async function claim(tx: Query, inv: Invitation) {
    const taken = await tx
      .update(t.invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(t.invitations.id, inv.id), stillOpen(t, new Date())));
    if (store.changedRows(taken) !== 1) throw new Refusal("used");
  }

  /**
   * An invitation as admin, chair or coordinator is a grant like any other: while an
   * admin or coordinator other than the inviter (and the newcomer) could confirm it, the
   * newcomer joins as a guest and the role waits for that second person on the members
   * page. A network's first powerful roles, with nobody to confirm them, apply at once.
   * The invitation is claimed already; returns the audit entries to append.
   */
  async function join(tx: Query, personId: string, inv: Invitation, actor: AuditActor): Promise<Entries> {
    const powerful = needsSecondConfirmation(
      { role: "guest", isAccountableOfficer: false },
      { role: inv.role, isAccountableOfficer: false },
    );
    const [confirmer] = powerful
      ? await tx
          .select({ id: t.memberships.id })
          .from(t.memberships)
          .where(
            and(
              eq(t.memberships.networkId, inv.networkId),
              inArray(t.memberships.role, ["admin", "coordinator"]),
              notInArray(t.memberships.personId, [inv.invitedBy, personId]),
            ),
          )
          .limit(1)
      : [];
    const membershipId = randomUUID();
    await tx.insert(t.memberships).values({
      id: membershipId,
      personId,
      networkId: inv.networkId,
      agencyId: inv.agencyId,
      role: confirmer ? "guest" : inv.role,
      mandate: inv.mandate,
    });
    await tx.update(t.invitations).set({ acceptedBy: personId }).where(eq(t.invitations.id, inv.id));
    const entries: Entries = [];
    if (confirmer) {
      const grantId = randomUUID();
      const next = { role: inv.role, mandate: inv.mandate, agencyId: inv.agencyId, isAccountableOfficer: false };
      await tx
        .insert(t.membershipGrants)
        .values({ id: grantId, networkId: inv.networkId, membershipId, ...next, requestedBy: inv.invitedBy });
      entries.push([
        { personId: inv.invitedBy, ip: null },
        {
          action: "membership.grant_requested",
          networkId: inv.networkId,
          subjectType: "person",
          subjectId: personId,
          details: {
            grantId,
            invitationId: inv.id,
            before: { role: "guest", isAccountableOfficer: false },
            after: next,
          },
        },
      ]);
    }
    entries.push([
      { ...actor, personId },
      {
        action: "invitation.accepted",
        networkId: inv.networkId,
        subjectType: "invitation",
        subjectId: inv.id,
        details: { role: inv.role },
      },
    ]);
    return entries;
  }

  /**
   * Runs an acceptance; a lost race is answered as a problem, with nothing changed: the
   * invitation taken meanwhile, or `duplicate` (the unique index that caught it: one
   * membership per person and network, one account per email).
   */
  async function accepting<T>(
    duplicate: InvitationProblem,
    work: (tx: Query) => Promise<T | NotAccepted>,
  ): Promise<T | NotAccepted> {
    try {
      return await store.transaction(work);
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, problem: error.problem };
      if (store.isUniqueViolation(error)) return { ok: false, problem: duplicate };
      throw error;
    }
  }

  const appendAll = async (tx: Query, entries: Entries) => {
    for (const [actor, entry] of entries) await audit.append(tx, actor, entry);
  };

  return {
    /** Returns the single-use token; only its hash is kept. */
    async create(
      actor: AuditActor,
      networkId: string,
      input: NewInvitation,
    ): Promise<{ ok: true; token: string } | { ok: false; error: "unknown_agency" | "already_member" }> {
      const [agency] = await store.db
        .select({ id: t.agencies.id })
        .from(t.agencies)
        .where(and(eq(t.agencies.id, input.agencyId), eq(t.agencies.networkId, networkId)));
      if (!agency) return { ok: false, error: "unknown_agency" };
      const email = normaliseEmail(input.email);
      const [member] = await store.db
        .select({ id: t.memberships.id })
        .from(t.memberships)
        .innerJoin(t.persons, eq(t.persons.id, t.memberships.personId))
        .where(and(eq(t.memberships.networkId, networkId), eq(t.persons.email, email)));
      if (member) return { ok: false, error: "already_member" };
      const token = newToken();
      const id = randomUUID();
      await store.transaction(async (tx) => {
        await tx.insert(t.invitations).values({
          id,
          tokenHash: hashToken(token),
          networkId,
          agencyId: input.agencyId,
          role: input.role,
          mandate: input.mandate,
          email,
          invitedBy: actor.personId!,
          expiresAt: new Date(Date.now() + days(INVITATION_DAYS)),
        });
        await audit.append(tx, actor, {
          action: "invitation.created",
          networkId,
          subjectType: "invitation",
          subjectId: id,
          details: { role: input.role, agencyId: input.agencyId },
        });
      });
      return { ok: true, token };
    },

    async listPending(networkId: string) {
      return store.db
        .select({
          id: t.invitations.id,
          email: t.invitations.email,
          role: t.invitations.role,
          expiresAt: t.invitations.expiresAt,
          agencyName: t.agencies.name,
        })
        .from(t.invitations)
        .innerJoin(t.agencies, eq(t.agencies.id, t.invitations.agencyId))
        .where(pendingIn(t, networkId))
        .orderBy(desc(t.invitations.createdAt));
    },

    async revoke(actor: AuditActor, networkId: string, invitationId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.invitations)
          .set({ revokedAt: new Date() })
          .where(
            and(
              eq(t.invitations.id, invitationId),
              eq(t.invitations.networkId, networkId),
              isNull(t.invitations.acceptedAt),
              isNull(t.invitations.revokedAt),
            ),
          );
        if (store.changedRows(done) === 0) return false;
        await audit.append(tx, actor, {
          action: "invitation.revoked",
          networkId,
          subjectType: "invitation",
          subjectId: invitationId,
        });
        return true;
      });
    },

    /** What the invitation page shows before anyone accepts. */
    async preview(token: string) {
      const found = await open(store.db, token);
      if (!found.invitation) return { problem: found.problem } as const;
      const { invitation, networkName, agencyName, problem } = found;
      return {
        problem,
        networkId: invitation.networkId,
        networkName,
        agencyName,
        role: invitation.role,
        email: invitation.email,
        accountExists: await accounts.emailTaken(invitation.email),
      };
    },

    /** A signed-in person accepts for themselves. */
    async acceptAsPerson(
      token: string,
      personId: string,
      actor: AuditActor,
    ): Promise<{ ok: true; networkId: string } | NotAccepted> {
      return accepting("already_member", async (tx): Promise<{ ok: true; networkId: string } | NotAccepted> => {
        const inv = await usable(tx, token);
        if (typeof inv === "string") return { ok: false, problem: inv };
        const [already] = await tx
          .select({ id: t.memberships.id })
          .from(t.memberships)
          .where(and(eq(t.memberships.personId, personId), eq(t.memberships.networkId, inv.networkId)));
        if (already) return { ok: false, problem: "already_member" };
        await claim(tx, inv);
        await appendAll(tx, await join(tx, personId, inv, actor));
        return { ok: true, networkId: inv.networkId };
      });
    },

    /** A newcomer creates their account through the invitation and is signed in. */
    async acceptWithNewAccount(
      token: string,
      input: { name: string; password: string },
      meta: { ip: string; userAgent: string | null },
    ): Promise<{ ok: true; networkId: string; sessionToken: string } | NotAccepted> {
      const passwordHash = await accounts.hashPassword(input.password);
      type Accepted = { ok: true; networkId: string; sessionToken: string };
      return accepting("email_taken", async (tx): Promise<Accepted | NotAccepted> => {
        const inv = await usable(tx, token);
        if (typeof inv === "string") return { ok: false, problem: inv };
        await claim(tx, inv);
        // Taken meanwhile by an account of its own: the claim rolls back with it.
        if (await accounts.emailTaken(inv.email, tx)) throw new Refusal("email_taken");
        const personId = await accounts.insertPerson(tx, { email: inv.email, name: input.name, passwordHash });
        const joined = await join(tx, personId, inv, { personId, ip: meta.ip });
        const sessionToken = await sessions.start(tx, personId, meta);
        await appendAll(tx, [
          [
            { personId, ip: meta.ip },
            { action: "person.created", networkId: inv.networkId, subjectType: "person", subjectId: personId },
          ],
          ...joined,
        ]);
        return { ok: true, networkId: inv.networkId, sessionToken };
      });
    },
  };
}
