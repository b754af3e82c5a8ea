import { and, eq, inArray, isNotNull, isNull, lte, max, min, not, or, count, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  auditLog,
  cases,
  decisions,
  deliveries,
  meetings,
  minutesVersions,
  monitoringChecks,
  networks,
} from "../../db/schema/index.ts";
import { days } from "../../app/contract/time.ts";
import type { PurgeKind, RetentionSchedule } from "../../app/contract/retention.ts";
import type { AuditActor, AuditLog } from "../audit/auditLog.ts";

// What a network's retention schedule makes due, at a moment: the purge asks for what is
// due now, the retention page for what will be due in the next 30 days (decision 0033).

const columns = {
  identityYears: networks.keepIdentityYears,
  auditAddressDays: networks.keepAuditAddressDays,
  intakeAddressDays: networks.keepIntakeAddressDays,
  mailDays: networks.keepMailDays,
  minutesYears: networks.keepMinutesYears,
  caseYears: networks.keepCaseYears,
};

const yearsBefore = (at: Date, years: number) => {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};
const yearsAfter = (at: Date, years: number) => yearsBefore(at, -years);

/** A closed case's end: its last fade-out check, or its closing when it had none. */
export interface ClosedCase {
  id: string;
  code: string;
  endedAt: Date;
  identityPurgedAt: Date | null;
  contentPurgedAt: Date | null;
}

export interface DueItem {
  kind: PurgeKind;
  /** How many rows or files. */
  count: number;
  /** When the first of them is due (at or before the moment asked about). */
  from: Date | null;
  /** The case codes, for the kinds that are per case. */
  codes: string[];
}

/**
 * Audit entries of a network made by nobody signed in: a front-line worker's report through
 * an intake link (the signal and the case it opens). Their address goes after the intake period.
 */
const intakeEntry = and(isNotNull(auditLog.networkId), isNull(auditLog.actorId));

export function createRetentionSchedule(deps: { db: Db; audit: AuditLog }) {
  const { db, audit } = deps;

  function get(networkId: string): RetentionSchedule | null {
    return db.select(columns).from(networks).where(eq(networks.id, networkId)).get() ?? null;
  }

  /** Entries that belong to no network (sign-ins) follow the strictest network's period. */
  function strictestAuditDays(): number {
    return (
      db
        .select({ d: min(networks.keepAuditAddressDays) })
        .from(networks)
        .get()?.d ?? 90
    );
  }

  function closedCases(networkId: string): ClosedCase[] {
    const rows = db
      .select({
        id: cases.id,
        code: cases.code,
        identityPurgedAt: cases.identityPurgedAt,
        contentPurgedAt: cases.contentPurgedAt,
        lastDecision: max(decisions.decidedAt),
      })
      .from(cases)
      .leftJoin(decisions, eq(decisions.caseId, cases.id))
      .where(and(eq(cases.networkId, networkId), eq(cases.stage, "closed")))
      .groupBy(cases.id)
      .all();
    return rows.map((r) => {
      const lastCheck = db
        .select({ due: max(monitoringChecks.dueOn), done: max(monitoringChecks.doneOn) })
        .from(monitoringChecks)
        .where(eq(monitoringChecks.caseId, r.id))
        .get();
      const ends = [r.lastDecision?.getTime() ?? 0, lastCheck?.due, lastCheck?.done]
        .filter((x): x is string | number => x !== null && x !== undefined)
        .map((x) => (typeof x === "number" ? x : Date.parse(`${x}T00:00:00Z`)));
      return {
        id: r.id,
        code: r.code,
        endedAt: new Date(Math.max(...ends)),
        identityPurgedAt: r.identityPurgedAt,
        contentPurgedAt: r.contentPurgedAt,
      };
    });
  }

  /** The audit entries of a network (and, for the strictest, of no network) whose address is due. */
  function auditAddressesDue(networkId: string, schedule: RetentionSchedule, at: Date, intake: boolean): SQL {
    const clearable = and(isNotNull(auditLog.ip), isNotNull(auditLog.ipHash));
    if (intake)
      return and(
        clearable,
        intakeEntry,
        eq(auditLog.networkId, networkId),
        lte(auditLog.at, new Date(at.getTime() - days(schedule.intakeAddressDays))),
      )!;
    const ownNetwork = and(
      eq(auditLog.networkId, networkId),
      lte(auditLog.at, new Date(at.getTime() - days(schedule.auditAddressDays))),
    );
    const noNetwork =
      schedule.auditAddressDays === strictestAuditDays()
        ? and(isNull(auditLog.networkId), lte(auditLog.at, new Date(at.getTime() - days(schedule.auditAddressDays))))
        : undefined;
    return and(clearable, or(ownNetwork, noNetwork), not(intakeEntry!))!;
  }

  function mailDue(networkId: string, schedule: RetentionSchedule, at: Date): SQL {
    const before = new Date(at.getTime() - days(schedule.mailDays));
    return and(
      inArray(deliveries.state, ["sent", "refused"]),
      isNull(deliveries.filesPurgedAt),
      lte(deliveries.updatedAt, before),
      inArray(
        deliveries.meetingId,
        db.select({ id: meetings.id }).from(meetings).where(eq(meetings.networkId, networkId)),
      ),
    )!;
  }

  function minutesDue(networkId: string, schedule: RetentionSchedule, at: Date): SQL {
    return and(
      isNull(minutesVersions.purgedAt),
      lte(minutesVersions.approvedAt, yearsBefore(at, schedule.minutesYears)),
      inArray(
        minutesVersions.meetingId,
        db.select({ id: meetings.id }).from(meetings).where(eq(meetings.networkId, networkId)),
      ),
    )!;
  }

  /** The closed cases whose identity is due at `at`, with the day each is due. */
  function identitiesDue(networkId: string, schedule: RetentionSchedule, at: Date) {
    return closedCases(networkId)
      .filter((c) => !c.identityPurgedAt)
      .map((c) => ({ ...c, dueAt: yearsAfter(c.endedAt, schedule.identityYears) }))
      .filter((c) => c.dueAt <= at);
  }

  /** The closed cases whose whole content is due at `at`, with the day each is due. */
  function casesDue(networkId: string, schedule: RetentionSchedule, at: Date) {
    return closedCases(networkId)
      .filter((c) => !c.contentPurgedAt)
      .map((c) => ({ ...c, dueAt: yearsAfter(c.endedAt, schedule.caseYears) }))
      .filter((c) => c.dueAt <= at);
  }

  return {
    get,
    identitiesDue,
    casesDue,
    auditAddressesDue,
    mailDue,
    minutesDue,

    /** Changes the schedule; audited with the numbers before and after. Returns whether anything changed. */
    set(actor: AuditActor, networkId: string, next: RetentionSchedule): boolean {
      return db.transaction((tx) => {
        const before = get(networkId);
        if (!before || JSON.stringify(before) === JSON.stringify({ ...before, ...next })) return false;
        tx.update(networks)
          .set({
            keepIdentityYears: next.identityYears,
            keepAuditAddressDays: next.auditAddressDays,
            keepIntakeAddressDays: next.intakeAddressDays,
            keepMailDays: next.mailDays,
            keepMinutesYears: next.minutesYears,
            keepCaseYears: next.caseYears,
          })
          .where(eq(networks.id, networkId))
          .run();
        audit.append(
          actor,
          {
            action: "network.retention_changed",
            networkId,
            subjectType: "network",
            subjectId: networkId,
            details: { before, after: next },
          },
          tx,
        );
        return true;
      });
    },

    /** What the purge will remove between now and `horizonDays` from now: one row per kind. */
    preview(networkId: string, horizonDays: number, now = new Date()): DueItem[] {
      const schedule = get(networkId);
      if (!schedule) return [];
      const at = new Date(now.getTime() + days(horizonDays));
      const identities = identitiesDue(networkId, schedule, at);
      const wholeCases = casesDue(networkId, schedule, at);
      const counted = (kind: PurgeKind, row: { n: number; from: Date | null } | undefined): DueItem => ({
        kind,
        count: row?.n ?? 0,
        from: row?.n ? row.from : null,
        codes: [],
      });
      const addresses = (intake: boolean, period: number) => {
        const row = db
          .select({ n: count(), first: min(auditLog.at) })
          .from(auditLog)
          .where(auditAddressesDue(networkId, schedule, at, intake))
          .get();
        return { n: row?.n ?? 0, from: row?.first ? new Date(row.first.getTime() + days(period)) : null };
      };
      const mail = db
        .select({ n: count(), first: min(deliveries.updatedAt) })
        .from(deliveries)
        .where(mailDue(networkId, schedule, at))
        .get();
      const minutes = db
        .select({ n: count(), first: min(minutesVersions.approvedAt) })
        .from(minutesVersions)
        .where(minutesDue(networkId, schedule, at))
        .get();
      return [
        {
          kind: "identity" as const,
          count: identities.length,
          from: identities.length ? new Date(Math.min(...identities.map((c) => c.dueAt.getTime()))) : null,
          codes: identities.map((c) => c.code).sort(),
        },
        counted("auditAddresses", addresses(false, schedule.auditAddressDays)),
        counted("intakeAddresses", addresses(true, schedule.intakeAddressDays)),
        counted("mail", {
          n: mail?.n ?? 0,
          from: mail?.first ? new Date(mail.first.getTime() + days(schedule.mailDays)) : null,
        }),
        counted("minutes", {
          n: minutes?.n ?? 0,
          from: minutes?.first ? yearsAfter(minutes.first, schedule.minutesYears) : null,
        }),
        {
          kind: "case" as const,
          count: wholeCases.length,
          from: wholeCases.length ? new Date(Math.min(...wholeCases.map((c) => c.dueAt.getTime()))) : null,
          codes: wholeCases.map((c) => c.code).sort(),
        },
      ].map((item) => (item.from && item.from < now ? { ...item, from: now } : item));
    },
  };
}

export type RetentionSchedules = ReturnType<typeof createRetentionSchedule>;
