// Why the server refused something, as a code the page translates (`refusals.<reason>`
// in each language), never as a sentence: the server does not know the reader's language.
// Shared by the live room, the notes, decisions in writing and the pages' actions.

/**
 * The kinds of failure (a refusal's `code`: retry or not). Each is also a reason whose
 * sentence says only what kind of failure it was, and the fallback for a reason a page
 * does not know.
 */
export const ERROR_CODES = [
  "invalid_payload",
  "too_large",
  "forbidden",
  "unauthenticated",
  "internal",
  "not_found",
  "conflict",
  "refused",
  "confidentiality_required",
  "busy",
  "storage_unavailable",
  "rate_limited",
] as const;

/** The session and the connection. */
const SESSION = [
  "session_ended",
  "connection_closed",
  "not_a_member",
  "no_longer_follow",
  "cases_not_visible",
] as const;

/** The meeting room: who may do what, and when. */
const ROOM = [
  "chair_or_coordinator_only",
  "chair_or_coordinator_captures",
  "meeting_ended",
  "meeting_not_started",
  "meeting_already_started",
  "meeting_cancelled",
  "no_such_meeting",
  "no_such_meeting_or_not_invited",
  "join_first",
  "item_not_visible",
  "not_invited",
  "person_not_invited",
  "not_in_meeting",
  "confidentiality_changed",
  "no_such_item",
  "item_not_about_case",
  "last_item",
  "first_item",
  "timer_running",
  "timer_paused",
  "no_such_case",
  "item_being_discussed",
  "item_on_record",
  "order_incomplete",
  "no_signal_to_grade",
  "grade_not_on_scale",
  "goal_not_in_plan",
  "decisions_on_case_items",
  "view_involved_or_guest",
  "view_involved_only",
  "guest_view_own_item",
  "guest_speaks_own_item",
  "no_such_decision_on_item",
  "no_such_decision",
  "name_the_decision",
  "closure_view_involved_only",
  "proposal_not_open",
  "tasks_need_to_know",
  "coordinator_corrects",
  "correct_after_meeting",
  "not_open_action",
  "no_such_update",
  "round_on_current_item",
  "no_involved_agency_present",
  "no_round_running",
  "hand_already_raised",
  "hand_not_raised",
  "plan_not_renewed",
] as const;

/** A decision on a case: its routing, closure or check-in, in the room or in writing. */
const DECISION = [
  "routing_outcome_needed",
  "closure_outcome_needed",
  "check_in_outcome_needed",
  "not_at_signal_stage",
  "unknown_signal",
  "not_analysed",
  "security_signal_needs_referral",
  "unknown_agency",
  "owner_not_in_agency",
  "same_stage",
  "not_allowed",
  "closure_needs_sign_off",
  "active_needs_plan",
  "sharing_basis_needed",
  "basis_does_not_fit",
  "unknown_listed_basis",
  "unknown_member",
  "in_future",
  "no_consent_to_withdraw",
  "accountable_officer_signs_off",
  "views_missing",
  "no_open_closure_proposal",
] as const;

/** Collaborative notes. */
const NOTES = [
  "notes_change_too_large",
  "notes_change_malformed",
  "notes_forbidden",
  "notes_read_only",
  "notes_open_first",
  "notes_full",
  "notes_update_invalid",
  "notes_rate_limited",
] as const;

/** Decisions in writing between the meetings. */
const WRITTEN = [
  "written_chair_only",
  "written_chair_concludes",
  "case_closed_reopen",
  "outcome_does_not_fit",
  "deadline_ahead",
  "nobody_to_ask",
  "already_in_writing",
  "written_members_answer",
  "mandate_reports_back",
  "mandate_decides",
  "dissent_needs_reason",
  "no_such_procedure",
  "procedure_case_gone",
  "answers_closed",
  "deadline_passed",
  "written_involved_answer",
  "agency_answered",
  "procedure_concluded",
  "written_answer_invalid",
  "written_conclusion_invalid",
] as const;

export const REFUSALS = [...ERROR_CODES, ...SESSION, ...ROOM, ...DECISION, ...NOTES, ...WRITTEN] as const;
export type RefusalReason = (typeof REFUSALS)[number];

/** What a refusal's sentence is filled with: codes, names and numbers, never sentences. */
export type RefusalParams = Readonly<Record<string, string | number>>;

export const isRefusalReason = (value: unknown): value is RefusalReason =>
  (REFUSALS as readonly unknown[]).includes(value);
