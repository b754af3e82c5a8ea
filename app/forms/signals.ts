import { z } from "zod";
import { GRADING_SCALES, SIGNAL_CHANNELS, type GradingScale } from "../contract/vocabulary.ts";
import { gradesOf, usesHandling } from "../contract/grading.ts";
import { rationaleField, routingNeeds } from "../contract/decisionFields.ts";
import { checkbox, requiredText } from "./fields.ts";
import { checkSharingBasis, sharingBasisFields } from "./sharingBasis.ts";

// Messages are i18n keys. Conform turns an empty field into undefined, so optional
// text fields are simply optional.
const optionalText = (max: number) => z.string().trim().max(max, "errors.tooLong").optional();
const longText = (max = 5000) => requiredText(max);
/** What a `datetime-local` input sends; the action reads it in the network's time zone. */
const localMoment = () =>
  z
    .string({ error: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, "signals.errors.dateTime");
const day = () => z.iso.date("errors.date");

const subjectFields = {
  subjectName: requiredText(200),
  subjectDateOfBirth: day().optional(),
  subjectAddress: optionalText(500),
  subjectContacts: optionalText(500),
};

export const registerSignalSchema = z.object({
  receivedAt: localMoment(),
  channel: z.enum(SIGNAL_CHANNELS, { error: "errors.required" }),
  reporterName: optionalText(200),
  reporterOrganisation: optionalText(200),
  reporterContact: optionalText(300),
  reporterWithheld: checkbox(),
  concern: longText(),
  summary: longText(1000),
  ...subjectFields,
});

/** The public form: the group must be able to check the source, so the reporter is named. */
export const intakeReportSchema = z.object({
  reporterName: requiredText(200),
  reporterOrganisation: requiredText(200),
  reporterContact: requiredText(300),
  reporterWithheld: checkbox(),
  concern: longText(),
  ...subjectFields,
});

export const intakeLinkSchema = z.object({ label: requiredText(120) });

export const settingsSchema = z.object({
  gradingScale: z.enum(GRADING_SCALES, { error: "errors.required" }),
  // Empty: the default marking of the document templates.
  classification: z
    .string()
    .trim()
    .max(40, "errors.tooLong")
    .regex(/^[A-Za-z0-9 -]*$/, "signals.settings.classificationChars")
    .transform((v) => (v === "" ? null : v.toUpperCase()))
    .optional(),
});

const grade = (scale: GradingScale, dimension: "source" | "information" | "handling") =>
  z.enum(gradesOf(scale, dimension) as [string, ...string[]], { error: "signals.errors.gradeOutsideScale" });

/** The first analysis of one signal, on the network's scale: a grade off the scale is refused. */
export function analysisSchema(scale: GradingScale) {
  return z.object({
    signalId: requiredText(100),
    isSecuritySignal: checkbox(),
    sourceGrade: grade(scale, "source"),
    informationGrade: grade(scale, "information"),
    handling: usesHandling(scale)
      ? grade(scale, "handling")
      : z.undefined({ error: "signals.errors.gradeOutsideScale" }).optional(),
    gradingRationale: longText(4000),
    knownConflict: optionalText(2000),
    reporterInterest: optionalText(2000),
    corroboration: optionalText(2000),
  });
}

// The routing rules are the meeting's too (app/contract/decisionFields.ts, decision:record).
const routingBase = { signalId: requiredText(100), rationale: rationaleField() };

export const routingSchema = z.discriminatedUnion(
  "routing",
  [
    // Into multi-agency work: on what basis the agencies share the case's information.
    z
      .object({ routing: z.literal("take_into_maw"), ...routingBase, ...sharingBasisFields })
      .superRefine(checkSharingBasis),
    z.object({ routing: z.literal("no_further_action"), ...routingBase }),
    z.object({ routing: z.literal("regular_care"), ...routingBase, ...routingNeeds.regular_care() }),
    z.object({
      routing: z.literal("security_referral"),
      ...routingBase,
      ...routingNeeds.security_referral(),
      referredAt: localMoment(),
    }),
    z.object({
      routing: z.literal("gather_information"),
      ...routingBase,
      taskWhat: requiredText(500),
      taskAgencyId: requiredText(100),
      taskPersonId: optionalText(100),
      taskDueOn: day(),
    }),
  ],
  { error: "signals.errors.chooseRouting" },
);
export type RoutingForm = z.infer<typeof routingSchema>;

export const summarySchema = z.object({ summary: longText(1000) });
