// The words of the domain that the UI shares with the database; imports nothing.

export const ROLES = ["admin", "chair", "coordinator", "member", "guest"] as const;
export type Role = (typeof ROLES)[number];
/** Roles a network may let hold the accountable officer's task besides the chair (never admin or guest). */
export const ACCOUNTABLE_OFFICER_CHOICES = ["coordinator", "member"] as const;

/** The languages Casetable speaks, each complete (`app/locales/languages.ts` holds their strings). */
export const LANGUAGES = ["en", "nl", "fr", "de"] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language by its own name, as a language menu shows it whatever the page's language. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  nl: "Nederlands",
  fr: "Français",
  de: "Deutsch",
};

export const MANDATES = ["decides", "reports_back"] as const;
export type Mandate = (typeof MANDATES)[number];

export const SECTORS = [
  "police",
  "social_services",
  "mental_health",
  "education",
  "youth_work",
  "probation",
  "municipality",
  "ngo",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const CASE_STAGES = ["signal", "assessment", "active", "monitoring", "closed"] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
/** The stages a case is worked on in; `closed` is where it ends. */
export const OPEN_STAGES = CASE_STAGES.filter((s): s is Exclude<CaseStage, "closed"> => s !== "closed");

// ---- the case register ----

export const SIGNAL_CHANNELS = ["school", "police", "family", "hotline", "partner", "other"] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];

export const GRADING_SCALES = ["admiralty", "uk3x5x2"] as const;
export type GradingScale = (typeof GRADING_SCALES)[number];

/** The routing decision that ends the first analysis of a signal. */
export const ROUTINGS = [
  "take_into_maw",
  "gather_information",
  "regular_care",
  "security_referral",
  "no_further_action",
] as const;
export type Routing = (typeof ROUTINGS)[number];

/** How a case left the MAW track, when it did. */
export const CASE_OUTCOMES = ["regular_care", "security_referral", "no_further_action", "closed_by_decision"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const DECISION_KINDS = ["routing", "stage", "closure", "reopening", "check_in"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const AGENCY_VIEWS = ["agree", "disagree", "abstain"] as const;
export type AgencyView = (typeof AGENCY_VIEWS)[number];

export const JUDGEMENTS = ["none", "low", "medium", "high", "unknown"] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const TASK_STATUSES = ["planned", "in_progress", "done", "stopped"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Why an action stopped: the difference matters (MARAC practice). */
export const STOP_REASONS = ["circumstances_changed", "agency_not_done"] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/** How the meeting finds an action of the last meeting: done, or why not (the difference matters). */
export const ACTION_REVIEWS = ["done", ...STOP_REASONS] as const;

/** Answers to a closure checklist question. */
export const CHECKLIST_ANSWERS = ["yes", "partly", "no", "unknown"] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];
/** A closure proposal's answers, by checklist item. */
export type ClosureChecklist = Record<string, { answer: ChecklistAnswer; note: string }>;

// ---- meetings ----

/** A meeting is cancelled only before it starts; its invitees were told (METHOD:CANCEL). */
export const MEETING_STATUSES = ["scheduled", "running", "ended", "cancelled"] as const;

/**
 * The sections of the monthly meeting, in order. "reliability" holds the separate source
 * check items of meetings built before the source check became a phase of the signal item
 * (decision 0036): their record stays readable, but no agenda gets a new one.
 */
export const AGENDA_SECTIONS = ["opening", "signals", "reliability", "checkins", "closures", "aob"] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];
/** The sections an item can be added to. */
export const SECTIONS_TO_ADD = [
  "opening",
  "signals",
  "checkins",
  "closures",
  "aob",
] as const satisfies readonly AgendaSection[];
export type SectionToAdd = (typeof SECTIONS_TO_ADD)[number];

/** Why an item is on the agenda: the builder says, so the table can see it. */
export const AGENDA_REASONS = [
  "opening",
  "new_signal",
  "reliability_check",
  "check_in_due",
  "fade_out_check",
  "overdue_tasks",
  "open_tasks_last_meeting",
  "decided_between_meetings",
  "consent_withdrawn",
  "deferred",
  "closure_proposal",
  "aob",
  "added",
] as const;
export type AgendaReason = (typeof AGENDA_REASONS)[number];

/**
 * What an item is, which words its title: the reader's screen or document renders it in
 * its language from the kind and the case code (`meetings.itemTitles.<kind>`). Only an
 * item someone typed (`own`) stores its title, in the words it was typed. "source_check"
 * is the separate source check item of meetings built before decision 0036.
 */
export const AGENDA_ITEM_KINDS = [
  "opening",
  "open_tasks",
  "signal",
  "source_check",
  "check_in",
  "closure_proposal",
  "decided_between_meetings",
  "aob",
  "own",
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const AGENDA_ITEM_STATUSES = ["pending", "done", "deferred"] as const;

export const ATTENDANCE = ["in_room", "on_screen", "apologies"] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/** How minutes reach their recipients: the PDF attached, or a notice with a sign-in link. */
export const MINUTES_DELIVERY = ["attach", "link"] as const;
export type MinutesDelivery = (typeof MINUTES_DELIVERY)[number];

/** What an invited person answers before the meeting; a delegate's name may come with apologies. */
export const MEETING_ANSWERS = ["attending", "apologies"] as const;
export type MeetingAnswer = (typeof MEETING_ANSWERS)[number];

/** What a check-in can decide. */
export const CHECK_IN_OUTCOMES = ["continue", "adjust_plan", "escalate", "propose_closure"] as const;

/** What a closure item can decide. */
export const CLOSURE_OUTCOMES = ["close", "keep_open"] as const;

/** A value a form control gave, as one of a list of words, or null when it is none of them. */
export function oneOf<T extends string>(words: readonly T[], value: string): T | null {
  return words.find((w) => w === value) ?? null;
}
