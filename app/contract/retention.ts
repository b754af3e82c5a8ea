// A network's retention schedule: how long each kind of data is kept before the purge
// removes it (decision 0033). Shared by the settings form and the purge.

export const RETENTION_PERIODS = {
  /** A closed case's identity: subject and reporters. Years after the last fade-out check. */
  identityYears: { min: 1, max: 30, unit: "years", default: 2 },
  /** Addresses in the audit log. */
  auditAddressDays: { min: 7, max: 730, unit: "days", default: 90 },
  /** Addresses of front-line workers who reported through an intake link. */
  intakeAddressDays: { min: 1, max: 365, unit: "days", default: 30 },
  /** Mail files in the outbox, after delivery. */
  mailDays: { min: 1, max: 365, unit: "days", default: 30 },
  /** Archived minutes: the PDFs and the frozen items. Years after approval. */
  minutesYears: { min: 1, max: 50, unit: "years", default: 5 },
  /** A closed case's whole content: file, decisions, plans, tasks, notes. Years after the last fade-out check. */
  caseYears: { min: 1, max: 50, unit: "years", default: 10 },
} as const;

export type RetentionPeriod = keyof typeof RETENTION_PERIODS;
export type RetentionSchedule = Record<RetentionPeriod, number>;
export const RETENTION_PERIOD_NAMES = Object.keys(RETENTION_PERIODS) as RetentionPeriod[];

/** What the purge removes, one kind per row of the page that shows what is due. */
export const PURGE_KINDS = ["identity", "auditAddresses", "intakeAddresses", "mail", "minutes", "case"] as const;
export type PurgeKind = (typeof PURGE_KINDS)[number];

/** How far ahead the retention page looks. */
export const PURGE_PREVIEW_DAYS = 30;
