import { randomInt, randomUUID } from "node:crypto";
import { and, count, desc, eq, gte, isNull } from "drizzle-orm";
import { INTAKE_LIMITS } from "../../app/contract/limits.ts";
import { days, hours } from "../../app/contract/time.ts";
import type { Query, Store } from "../../db/store.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import type { SubjectIdentity } from "./caseRegister.ts";
import type { Reporter, Signals } from "./signals.ts";

export type IntakeProblem = "not_found" | "revoked";

export interface IntakeReport {
  reporter: Reporter;
  concern: string;
  subject: SubjectIdentity;
}

// No 0/O or 1/I/L: a receipt is read out over the phone.
const RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
function newReceipt(): string {
  const pick = () => Array.from({ length: 4 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join("");
  return `R-${pick()}-${pick()}`;
}

export function createIntake(deps: { store: Store; audit: AuditChain; signals: Signals }) {
  const { store, audit, signals: signalService } = deps;
  const { t } = store;

  async function find(q: Query, token: string) {
    const [found] = await q
      .select({ link: t.intakeLinks, networkName: t.networks.name })
      .from(t.intakeLinks)
      .innerJoin(t.networks, eq(t.networks.id, t.intakeLinks.networkId))
      .where(eq(t.intakeLinks.tokenHash, hashToken(token)))
      .limit(1);
    return found;
  }

  /** How many signals came through the link since `since`. */
  async function signalsThrough(q: Query, linkId: string, since?: Date): Promise<number> {
    const [row] = await q
      .select({ n: count() })
      .from(t.signals)
      .where(and(eq(t.signals.intakeLinkId, linkId), since ? gte(t.signals.createdAt, since) : undefined));
    return row?.n ?? 0;
  }

  return {
    /** Returns the token for the link once; only its hash is kept. */
    async create(
      actor: AuditActor & { personId: string },
      networkId: string,
      label: string,
    ): Promise<{ id: string; token: string }> {
      const token = newToken();
      const id = randomUUID();
      await store.transaction(async (tx) => {
        await tx
          .insert(t.intakeLinks)
          .values({ id, networkId, tokenHash: hashToken(token), label, createdBy: actor.personId });
        await audit.append(tx, actor, {
          action: "intake_link.created",
          networkId,
          subjectType: "intake_link",
          subjectId: id,
        });
      });
      return { id, token };
    },

    async list(networkId: string) {
      const since = new Date(Date.now() - days(1));
      const links = await store.db
        .select({
          id: t.intakeLinks.id,
          label: t.intakeLinks.label,
          createdAt: t.intakeLinks.createdAt,
          revokedAt: t.intakeLinks.revokedAt,
          createdByName: t.persons.name,
        })
        .from(t.intakeLinks)
        .innerJoin(t.persons, eq(t.persons.id, t.intakeLinks.createdBy))
        .where(eq(t.intakeLinks.networkId, networkId))
        .orderBy(desc(t.intakeLinks.createdAt));
      return Promise.all(
        links.map(async (l) => ({
          ...l,
          signalsTotal: await signalsThrough(store.db, l.id),
          signalsToday: await signalsThrough(store.db, l.id, since),
        })),
      );
    },

    async revoke(actor: AuditActor, networkId: string, linkId: string): Promise<boolean> {
      return store.transaction(async (tx) => {
        const done = await tx
          .update(t.intakeLinks)
          .set({ revokedAt: new Date() })
          .where(
            and(eq(t.intakeLinks.id, linkId), eq(t.intakeLinks.networkId, networkId), isNull(t.intakeLinks.revokedAt)),
          );
        if (store.changedRows(done) === 0) return false;
        await audit.append(tx, actor, {
          action: "intake_link.revoked",
          networkId,
          subjectType: "intake_link",
          subjectId: linkId,
        });
        return true;
      });
    },

    /** What the public form may show: the network's name, nothing else. */
    async open(token: string): Promise<{ problem: IntakeProblem } | { problem: null; networkName: string }> {
      const found = await find(store.db, token);
      if (!found) return { problem: "not_found" };
      if (found.link.revokedAt) return { problem: "revoked" };
      return { problem: null, networkName: found.networkName };
    },

    /**
     * A front-line worker with no account files a report: it lands in the inbox as a
     * new case at the signal stage. Refused when the link is unknown or revoked, or
     * when this address or this link has sent too many.
     */
    async submit(
      token: string,
      ip: string,
      report: IntakeReport,
    ): Promise<{ ok: true; receipt: string; code: string } | { ok: false; problem: IntakeProblem | "rate_limited" }> {
      const result = await store.transaction(async (tx) => {
        const found = await find(tx, token);
        if (!found) return { ok: false as const, problem: "not_found" as const };
        const link = found.link;
        if (link.revokedAt) return { ok: false as const, problem: "revoked" as const };
        // The lock every new case of the network is opened under (openCase takes it again):
        // taken before counting, two reports at once on two nodes are counted one after the other.
        await store.lock(tx, `case-code:${link.networkId}`);
        const [fromAddress] = await tx
          .select({ n: count() })
          .from(t.auditLog)
          .where(
            and(
              eq(t.auditLog.networkId, link.networkId),
              gte(t.auditLog.at, new Date(Date.now() - hours(1))),
              eq(t.auditLog.action, "signal.registered"),
              isNull(t.auditLog.actorId),
              eq(t.auditLog.ip, ip),
            ),
          );
        const throughLink = await signalsThrough(tx, link.id, new Date(Date.now() - days(1)));
        if ((fromAddress?.n ?? 0) >= INTAKE_LIMITS.perAddressPerHour || throughLink >= INTAKE_LIMITS.perLinkPerDay) {
          return { ok: false as const, problem: "rate_limited" as const };
        }
        const receipt = newReceipt();
        const done = await signalService.insert(
          tx,
          { personId: null, ip },
          // The chair writes the neutral summary at the first analysis.
          { networkId: link.networkId, receivedAt: new Date(), channel: "partner", summary: "", ...report },
          { registeredBy: null, intakeLinkId: link.id, receipt },
        );
        return { ok: true as const, receipt, code: done.code, networkId: link.networkId };
      });
      if (!result.ok) return result;
      signalService.announce(result.networkId, result.code);
      return { ok: true, receipt: result.receipt, code: result.code };
    },
  };
}
