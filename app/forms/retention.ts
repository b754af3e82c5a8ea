import { z } from "zod";
import { RETENTION_PERIODS, type RetentionPeriod } from "../contract/retention.ts";

const period = (name: RetentionPeriod) => {
  const { min, max } = RETENTION_PERIODS[name];
  const error = `retention.settings.range.${name}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** The retention schedule form: one whole number per period, within its range. */
export const retentionSchema = z.object({
  identityYears: period("identityYears"),
  auditAddressDays: period("auditAddressDays"),
  intakeAddressDays: period("intakeAddressDays"),
  mailDays: period("mailDays"),
  minutesYears: period("minutesYears"),
  caseYears: period("caseYears"),
});
