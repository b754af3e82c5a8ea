import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, notInArray } from "drizzle-orm";
import { INVITATION_DAYS } from "../../app/contract/limits.ts";
import { days } from "../../app/contract/time.ts";
import type { Db } from "../../db/client.ts";
import { agencies, invitations, membershipGrants, memberships, networks, persons } from "../../db/schema/index.ts";
import type { Mandate, Role } from "../../db/schema/people.ts";
import type { Accounts } from "../auth/accounts.ts";
import { normaliseEmail } from "../auth/accounts.ts";
import { needsSecondConfirmation } from "../auth/policy.ts";
import type { Sessions } from "../auth/sessions.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

/** The network's invitations that can still be taken: not accepted, not revoked, not expired. */
export const pendingIn = (networkId: string) =>
  and(
    eq(invitations.networkId, networkId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, new Date()),
  );

export interface NewInvitation {
  email: string;
  agencyId: string;
  role: Role;
  mandate: Mandate;
}

export type InvitationProblem = "not_found" | "used" | "expired" | "revoked" | "already_member" | "email_taken";

export function createInvitations(deps: { db: Db; audit: AuditLog; accounts: Accounts; sessions: Sessions }) {
  const { db, audit, accounts, sessions } = deps;

  /** The invitation behind a link, with why it cannot be used, if it cannot. */
  function open(token: string) {
    const row = db
      .select({
        invitation: invitations,
        networkName: networks.name,
        agencyName: agencies.name,
      })
      .from(invitations)
      .innerJoin(networks, eq(networks.id, invitations.networkId))
      .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
      .where(eq(invitations.tokenHash, hashToken(token)))
      .get();
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

  /**
   * An invitation as admin, chair or coordinator is a grant like any other: while an
   * admin or coordinator other than the inviter (and the newcomer) could confirm it, the
   * newcomer joins as a guest and the role waits for that second person on the members
   * page. A network's first powerful roles, with nobody to confirm them, apply at once.
   */
  function join(
    tx: Pick<Db, "select" | "insert" | "update">,
    invitationId: string,
    personId: string,
    inv: typeof invitations.$inferSelect,
    actor: AuditActor,
  ) {
    const powerful = needsSecondConfirmation(
      { role: "guest", isAccountableOfficer: false },
      { role: inv.role, isAccountableOfficer: false },
    );
    const confirmer =
      powerful &&
      tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.networkId, inv.networkId),
            inArray(memberships.role, ["admin", "coordinator"]),
            notInArray(memberships.personId, [inv.invitedBy, personId]),
          ),
        )
        .get();
    const membershipId = randomUUID();
    tx.insert(memberships)
      .values({
        id: membershipId,
        personId,
        networkId: inv.networkId,
        agencyId: inv.agencyId,
        role: confirmer ? "guest" : inv.role,
        mandate: inv.mandate,
      })
      .run();
    if (confirmer) {
      const grantId = randomUUID();
      const next = { role: inv.role, mandate: inv.mandate, agencyId: inv.agencyId, isAccountableOfficer: false };
      tx.insert(membershipGrants)
        .values({ id: grantId, networkId: inv.networkId, membershipId, ...next, requestedBy: inv.invitedBy })
        .run();
      audit.append(
        { personId: inv.invitedBy, ip: null },
        {
          action: "membership.grant_requested",
          networkId: inv.networkId,
          subjectType: "person",
          subjectId: personId,
          details: { grantId, invitationId, before: { role: "guest", isAccountableOfficer: false }, after: next },
        },
        tx,
      );
    }
    tx.update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: personId })
      .where(eq(invitations.id, invitationId))
      .run();
    audit.append(
      { ...actor, personId },
      {
        action: "invitation.accepted",
        networkId: inv.networkId,
        subjectType: "invitation",
        subjectId: invitationId,
        details: { role: inv.role },
      },
      tx,
    );
  }

  return {
    /** Returns the single-use token; only its hash is kept. */
    create(
      actor: AuditActor,
      networkId: string,
      input: NewInvitation,
    ): { ok: true; token: string } | { ok: false; error: "unknown_agency" | "already_member" } {
      const agency = db
        .select()
        .from(agencies)
        .where(and(eq(agencies.id, input.agencyId), eq(agencies.networkId, networkId)))
        .get();
      if (!agency) return { ok: false, error: "unknown_agency" };
      const email = normaliseEmail(input.email);
      const member = db
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(persons, eq(persons.id, memberships.personId))
        .where(and(eq(memberships.networkId, networkId), eq(persons.email, email)))
        .get();
      if (member) return { ok: false, error: "already_member" };
      const token = newToken();
      const id = randomUUID();
      db.transaction((tx) => {
        tx.insert(invitations)
          .values({
            id,
            tokenHash: hashToken(token),
            networkId,
            agencyId: input.agencyId,
            role: input.role,
            mandate: input.mandate,
            email,
            invitedBy: actor.personId!,
            expiresAt: new Date(Date.now() + days(INVITATION_DAYS)),
          })
          .run();
        audit.append(
          actor,
          {
            action: "invitation.created",
            networkId,
            subjectType: "invitation",
            subjectId: id,
            details: { role: input.role, agencyId: input.agencyId },
          },
          tx,
        );
      });
      return { ok: true, token };
    },

    async listPending(networkId: string) {
      return db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
          agencyName: agencies.name,
        })
        .from(invitations)
        .innerJoin(agencies, eq(agencies.id, invitations.agencyId))
        .where(pendingIn(networkId))
        .orderBy(desc(invitations.createdAt))
        .all();
    },

    revoke(actor: AuditActor, networkId: string, invitationId: string): boolean {
      return db.transaction((tx) => {
        const done = tx
          .update(invitations)
          .set({ revokedAt: new Date() })
          .where(
            and(
              eq(invitations.id, invitationId),
              eq(invitations.networkId, networkId),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          )
          .run();
        if (done.changes === 0) return false;
        audit.append(
          actor,
          { action: "invitation.revoked", networkId, subjectType: "invitation", subjectId: invitationId },
          tx,
        );
        return true;
      });
    },

    /** What the invitation page shows before anyone accepts. */
    async preview(token: string) {
      const found = open(token);
      if (!found.invitation) return { problem: found.problem } as const;
      const { invitation, networkName, agencyName, problem } = found;
      return {
        problem,
        networkId: invitation.networkId,
        networkName,
        agencyName,
        role: invitation.role,
        email: invitation.email,
        accountExists: accounts.emailTaken(invitation.email),
      };
    },

    /** A signed-in person accepts for themselves. */
    acceptAsPerson(
      token: string,
      personId: string,
      actor: AuditActor,
    ): { ok: true; networkId: string } | { ok: false; problem: InvitationProblem } {
      return db.transaction((tx) => {
        const found = open(token);
        if (!found.invitation) return { ok: false, problem: found.problem };
        if (found.problem) return { ok: false, problem: found.problem };
        const inv = found.invitation;
        const already = tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.personId, personId), eq(memberships.networkId, inv.networkId)))
          .get();
        if (already) return { ok: false, problem: "already_member" };
        join(tx, inv.id, personId, inv, actor);
        return { ok: true, networkId: inv.networkId };
      });
    },

    /** A newcomer creates their account through the invitation and is signed in. */
    async acceptWithNewAccount(
      token: string,
      input: { name: string; password: string },
      meta: { ip: string; userAgent: string | null },
    ): Promise<{ ok: true; networkId: string; sessionToken: string } | { ok: false; problem: InvitationProblem }> {
      const passwordHash = await accounts.hashPassword(input.password);
      return db.transaction((tx) => {
        const found = open(token);
        if (!found.invitation) return { ok: false, problem: found.problem };
        if (found.problem) return { ok: false, problem: found.problem };
        const inv = found.invitation;
        if (accounts.emailTaken(inv.email)) return { ok: false, problem: "email_taken" };
        const personId = accounts.insertPerson(tx, { email: inv.email, name: input.name, passwordHash });
        audit.append(
          { personId, ip: meta.ip },
          { action: "person.created", networkId: inv.networkId, subjectType: "person", subjectId: personId },
          tx,
        );
        join(tx, inv.id, personId, inv, { personId, ip: meta.ip });
        const sessionToken = sessions.start(personId, meta, tx);
        return { ok: true, networkId: inv.networkId, sessionToken };
      });
    },
  };
}
