import { randomInt, randomUUID } from "node:crypto";
import { and, count, desc, eq, gte, isNull } from "drizzle-orm";
import { INTAKE_LIMITS } from "../../app/contract/limits.ts";
import { days, hours } from "../../app/contract/time.ts";
import type { Db } from "../../db/client.ts";
import { auditLog, intakeLinks, networks, persons, signals } from "../../db/schema/index.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";
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

export function createIntake(deps: { db: Db; audit: AuditLog; signals: Signals }) {
  const { db, audit, signals: signalService } = deps;

  function find(token: string) {
    return db
      .select({ link: intakeLinks, networkName: networks.name })
      .from(intakeLinks)
      .innerJoin(networks, eq(networks.id, intakeLinks.networkId))
      .where(eq(intakeLinks.tokenHash, hashToken(token)))
      .get();
  }

  return {
    /** Returns the token for the link once; only its hash is kept. */
    create(actor: AuditActor & { personId: string }, networkId: string, label: string): { id: string; token: string } {
      const token = newToken();
      const id = randomUUID();
      db.transaction((tx) => {
        tx.insert(intakeLinks)
          .values({ id, networkId, tokenHash: hashToken(token), label, createdBy: actor.personId })
          .run();
        audit.append(
          actor,
          { action: "intake_link.created", networkId, subjectType: "intake_link", subjectId: id },
          tx,
        );
      });
      return { id, token };
    },

    async list(networkId: string) {
      const since = new Date(Date.now() - days(1));
      const links = db
        .select({
          id: intakeLinks.id,
          label: intakeLinks.label,
          createdAt: intakeLinks.createdAt,
          revokedAt: intakeLinks.revokedAt,
          createdByName: persons.name,
        })
        .from(intakeLinks)
        .innerJoin(persons, eq(persons.id, intakeLinks.createdBy))
        .where(eq(intakeLinks.networkId, networkId))
        .orderBy(desc(intakeLinks.createdAt))
        .all();
      return links.map((l) => ({
        ...l,
        signalsTotal: db.select({ n: count() }).from(signals).where(eq(signals.intakeLinkId, l.id)).get()?.n ?? 0,
        signalsToday:
          db
            .select({ n: count() })
            .from(signals)
            .where(and(eq(signals.intakeLinkId, l.id), gte(signals.createdAt, since)))
            .get()?.n ?? 0,
      }));
    },

    revoke(actor: AuditActor, networkId: string, linkId: string): boolean {
      return db.transaction((tx) => {
        const done = tx
          .update(intakeLinks)
          .set({ revokedAt: new Date() })
          .where(and(eq(intakeLinks.id, linkId), eq(intakeLinks.networkId, networkId), isNull(intakeLinks.revokedAt)))
          .run();
        if (done.changes === 0) return false;
        audit.append(
          actor,
          { action: "intake_link.revoked", networkId, subjectType: "intake_link", subjectId: linkId },
          tx,
        );
        return true;
      });
    },

    /** What the public form may show: the network's name, nothing else. */
    async open(token: string): Promise<{ problem: IntakeProblem } | { problem: null; networkName: string }> {
      const found = find(token);
      if (!found) return { problem: "not_found" };
      if (found.link.revokedAt) return { problem: "revoked" };
      return { problem: null, networkName: found.networkName };
    },

    /**
     * A front-line worker with no account files a report: it lands in the inbox as a
     * new case at the signal stage. Refused when the link is unknown or revoked, or
     * when this address or this link has sent too many.
     */
    submit(
      token: string,
      ip: string,
      report: IntakeReport,
    ): { ok: true; receipt: string; code: string } | { ok: false; problem: IntakeProblem | "rate_limited" } {
      const result = db.transaction((tx) => {
        const found = find(token);
        if (!found) return { ok: false as const, problem: "not_found" as const };
        const link = found.link;
        if (link.revokedAt) return { ok: false as const, problem: "revoked" as const };
        const fromAddress =
          tx
            .select({ n: count() })
            .from(auditLog)
            .where(
              and(
                eq(auditLog.networkId, link.networkId),
                gte(auditLog.at, new Date(Date.now() - hours(1))),
                eq(auditLog.action, "signal.registered"),
                isNull(auditLog.actorId),
                eq(auditLog.ip, ip),
              ),
            )
            .get()?.n ?? 0;
        const throughLink =
          tx
            .select({ n: count() })
            .from(signals)
            .where(and(eq(signals.intakeLinkId, link.id), gte(signals.createdAt, new Date(Date.now() - days(1)))))
            .get()?.n ?? 0;
        if (fromAddress >= INTAKE_LIMITS.perAddressPerHour || throughLink >= INTAKE_LIMITS.perLinkPerDay) {
          return { ok: false as const, problem: "rate_limited" as const };
        }
        const receipt = newReceipt();
        const done = signalService.insert(
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
