import { and, count, eq, inArray, isNotNull, isNull, lte, max, min, not, or, type SQL } from "drizzle-orm";
import type { Query, Store, Tables } from "../../db/store.ts";
import { days } from "../../app/contract/time.ts";
import type { PurgeKind, RetentionSchedule } from "../../app/contract/retention.ts";
import type { AuditActor, AuditChain } from "../audit/auditLog.ts";

// What a network's retention schedule makes due, at a moment: the purge asks for what is
// due now, the retention page for what will be due in the next 30 days (decision 0033).
// Written once for SQLite and PostgreSQL (decision 0040): every cut-off is a moment
// computed here, never the database's clock.

const columnsOf = (t: Tables) => ({
  identityYears: t.networks.keepIdentityYears,
  auditAddressDays: t.networks.keepAuditAddressDays,
  intakeAddressDays: t.networks.keepIntakeAddressDays,
  mailDays: t.networks.keepMailDays,
  minutesYears: t.networks.keepMinutesYears,
  caseYears: t.networks.keepCaseYears,
});

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

export function createRetentionSchedule(deps: { store: Store; audit: AuditChain }) {
  const { store, audit } = deps;
  const { t } = store;
  const columns = columnsOf(t);
  /**
   * Audit entries of a network made by nobody signed in: a front-line worker's report through
   * an intake link (the signal and the case it opens). Their address goes after the intake period.
   */
  const intakeEntry = and(isNotNull(t.auditLog.networkId), isNull(t.auditLog.actorId))!;

  async function get(networkId: string, q: Query = store.db): Promise<RetentionSchedule | null> {
    const [row] = await q.select(columns).from(t.networks).where(eq(t.networks.id, networkId));
    return row ?? null;
  }

  /** Entries that belong to no network (sign-ins) follow the strictest network's period. */
  async function strictestAuditDays(q: Query): Promise<number> {
    const [row] = await q.select({ d: min(t.networks.keepAuditAddressDays) }).from(t.networks);
    return row?.d ?? 90;
  }

  async function closedCases(q: Query, networkId: string): Promise<ClosedCase[]> {
    const inNetwork = and(eq(t.cases.networkId, networkId), eq(t.cases.stage, "closed"));
    const rows = await q
      .select({
        id: t.cases.id,
        code: t.cases.code,
        identityPurgedAt: t.cases.identityPurgedAt,
        contentPurgedAt: t.cases.contentPurgedAt,
        lastDecision: max(t.decisions.decidedAt),
      })
      .from(t.cases)
      .leftJoin(t.decisions, eq(t.decisions.caseId, t.cases.id))
      .where(inNetwork)
      .groupBy(t.cases.id);
    const checks = new Map(
      (
        await q
          .select({
            caseId: t.monitoringChecks.caseId,
            due: max(t.monitoringChecks.dueOn),
            done: max(t.monitoringChecks.doneOn),
          })
          .from(t.monitoringChecks)
          .innerJoin(t.cases, eq(t.cases.id, t.monitoringChecks.caseId))
          .where(inNetwork)
          .groupBy(t.monitoringChecks.caseId)
      ).map((c) => [c.caseId, c]),
    );
    return rows.map((r) => {
      const lastCheck = checks.get(r.id);
      const ends = [
        r.lastDecision?.getTime() ?? 0,
        ...[lastCheck?.due, lastCheck?.done].filter((x): x is string => !!x).map((x) => Date.parse(`${x}T00:00:00Z`)),
      ];
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
  async function auditAddressesDue(
    q: Query,
    networkId: string,
    schedule: RetentionSchedule,
    at: Date,
    intake: boolean,
  ): Promise<SQL> {
    const { auditLog } = t;
    const clearable = and(isNotNull(auditLog.ip), isNotNull(auditLog.ipHash));
    if (intake)
      return and(
        clearable,
        intakeEntry,
        eq(auditLog.networkId, networkId),
        lte(auditLog.at, new Date(at.getTime() - days(schedule.intakeAddressDays))),
      )!;
    const before = new Date(at.getTime() - days(schedule.auditAddressDays));
    const ownNetwork = and(eq(auditLog.networkId, networkId), lte(auditLog.at, before));
    const noNetwork =
      schedule.auditAddressDays === (await strictestAuditDays(q))
        ? and(isNull(auditLog.networkId), lte(auditLog.at, before))
        : undefined;
    return and(clearable, or(ownNetwork, noNetwork), not(intakeEntry))!;
  }

  const meetingsOf = (q: Query, networkId: string) =>
    q.select({ id: t.meetings.id }).from(t.meetings).where(eq(t.meetings.networkId, networkId));

  function mailDue(q: Query, networkId: string, schedule: RetentionSchedule, at: Date): SQL {
    const { deliveries } = t;
    return and(
      inArray(deliveries.state, ["sent", "refused"]),
      isNull(deliveries.filesPurgedAt),
      lte(deliveries.updatedAt, new Date(at.getTime() - days(schedule.mailDays))),
      inArray(deliveries.meetingId, meetingsOf(q, networkId)),
    )!;
  }

  function minutesDue(q: Query, networkId: string, schedule: RetentionSchedule, at: Date): SQL {
    const { minutesVersions } = t;
    return and(
      isNull(minutesVersions.purgedAt),
      lte(minutesVersions.approvedAt, yearsBefore(at, schedule.minutesYears)),
      inArray(minutesVersions.meetingId, meetingsOf(q, networkId)),
    )!;
  }

  /** The closed cases whose identity is due at `at`, with the day each is due. */
  async function identitiesDue(q: Query, networkId: string, schedule: RetentionSchedule, at: Date) {
    return (await closedCases(q, networkId))
      .filter((c) => !c.identityPurgedAt)
      .map((c) => ({ ...c, dueAt: yearsAfter(c.endedAt, schedule.identityYears) }))
      .filter((c) => c.dueAt <= at);
  }

  /** The closed cases whose whole content is due at `at`, with the day each is due. */
  async function casesDue(q: Query, networkId: string, schedule: RetentionSchedule, at: Date) {
    return (await closedCases(q, networkId))
      .filter((c) => !c.contentPurgedAt)
      .map((c) => ({ ...c, dueAt: yearsAfter(c.endedAt, schedule.caseYears) }))
      .filter((c) => c.dueAt <= at);
  }

  return {
    get: (networkId: string) => get(networkId),
    identitiesDue,
    casesDue,
    auditAddressesDue,
    mailDue,
    minutesDue,

    /** Changes the schedule; audited with the numbers before and after. Returns whether anything changed. */
    async set(actor: AuditActor, networkId: string, next: RetentionSchedule): Promise<boolean> {
      return store.transaction(async (tx) => {
        const before = await get(networkId, tx);
        if (!before || JSON.stringify(before) === JSON.stringify({ ...before, ...next })) return false;
        await tx
          .update(t.networks)
          .set({
            keepIdentityYears: next.identityYears,
            keepAuditAddressDays: next.auditAddressDays,
            keepIntakeAddressDays: next.intakeAddressDays,
            keepMailDays: next.mailDays,
            keepMinutesYears: next.minutesYears,
            keepCaseYears: next.caseYears,
          })
          .where(eq(t.networks.id, networkId));
        await audit.append(tx, actor, {
          action: "network.retention_changed",
          networkId,
          subjectType: "network",
          subjectId: networkId,
          details: { before, after: next },
        });
        return true;
      });
    },

    /** What the purge will remove between now and `horizonDays` from now: one row per kind. */
    async preview(networkId: string, horizonDays: number, now = new Date()): Promise<DueItem[]> {
      const q = store.db;
      const schedule = await get(networkId);
      if (!schedule) return [];
      const at = new Date(now.getTime() + days(horizonDays));
      const identities = await identitiesDue(q, networkId, schedule, at);
      const wholeCases = await casesDue(q, networkId, schedule, at);
      const counted = (kind: PurgeKind, row: { n: number; from: Date | null }): DueItem => ({
        kind,
        count: row.n,
        from: row.n ? row.from : null,
        codes: [],
      });
      const addresses = async (intake: boolean, period: number) => {
        const [row] = await q
          .select({ n: count(), first: min(t.auditLog.at) })
          .from(t.auditLog)
          .where(await auditAddressesDue(q, networkId, schedule, at, intake));
        return { n: row?.n ?? 0, from: row?.first ? new Date(row.first.getTime() + days(period)) : null };
      };
      const [mail] = await q
        .select({ n: count(), first: min(t.deliveries.updatedAt) })
        .from(t.deliveries)
        .where(mailDue(q, networkId, schedule, at));
      const [minutes] = await q
        .select({ n: count(), first: min(t.minutesVersions.approvedAt) })
        .from(t.minutesVersions)
        .where(minutesDue(q, networkId, schedule, at));
      return [
        {
          kind: "identity" as const,
          count: identities.length,
          from: identities.length ? new Date(Math.min(...identities.map((c) => c.dueAt.getTime()))) : null,
          codes: identities.map((c) => c.code).sort(),
        },
        counted("auditAddresses", await addresses(false, schedule.auditAddressDays)),
        counted("intakeAddresses", await addresses(true, schedule.intakeAddressDays)),
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
