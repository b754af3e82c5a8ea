// The meeting room's part of the real-time protocol, shared by server and browser.
// Imports nothing from Node. Commands are `entity:verb`; the events they make are
// past tense and arrive on one channel, `meeting:event`, in sequence order.
import { z } from "zod";
import { sharingBasisStateSchema } from "../../app/contract/sharingBasis.ts";
import {
  AGENCY_VIEWS,
  AGENDA_SECTIONS,
  ATTENDANCE,
  CHECK_IN_OUTCOMES,
  CLOSURE_OUTCOMES,
  MEETING_ANSWERS,
  MEETING_STATUSES,
  ROUTINGS,
} from "../../app/contract/vocabulary.ts";

const id = z.string().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
/** A client-made operation id: a retried command with the same id is applied once. */
const opId = z.string().min(8).max(100);
const base = { meetingId: id, opId };

export const meetingJoinSchema = z.object({ meetingId: id, display: z.boolean().optional() });
export const meetingResyncSchema = z.object({ meetingId: id, afterSeq: z.number().int().min(0) });
export const itemDetailSchema = z.object({ meetingId: id, itemId: id });

const taskFields = {
  itemId: id,
  what: text(500),
  ownerAgencyId: id,
  ownerPersonId: id.nullable().optional(),
  dueOn: day,
};

export const MEETING_COMMANDS = {
  "confidentiality:accept": z.object({ ...base, version: z.number().int().min(1) }),
  "attendance:set": z.object({ ...base, personId: id, attendance: z.enum(ATTENDANCE) }),
  "attendance:leave": z.object(base),
  "meeting:start": z.object(base),
  "meeting:end": z.object(base),
  "item:open": z.object({ ...base, to: z.union([z.literal("next"), z.literal("previous"), z.object({ itemId: id })]) }),
  "timer:start": z.object(base),
  "timer:pause": z.object(base),
  "item:complete": z.object({ ...base, itemId: id, outcome: z.enum(["done", "deferred"]) }),
  "agenda:add": z.object({
    ...base,
    section: z.enum(AGENDA_SECTIONS),
    title: text(200),
    minutes: z.number().int().min(1).max(240),
    caseCode: z.string().trim().max(40).optional(),
  }),
  "agenda:remove": z.object({ ...base, itemId: id }),
  "agenda:retime": z.object({ ...base, itemId: id, minutes: z.number().int().min(1).max(240) }),
  "agenda:reorder": z.object({ ...base, itemIds: z.array(id).min(1).max(500) }),
  "signal:grade": z.object({
    ...base,
    itemId: id,
    isSecuritySignal: z.boolean(),
    sourceGrade: z.string().trim().min(1).max(2),
    informationGrade: z.string().trim().min(1).max(2),
    handling: z.string().trim().max(2).nullable().optional(),
    gradingRationale: text(4000),
    knownConflict: z.string().trim().max(2000).nullable().optional(),
    reporterInterest: z.string().trim().max(2000).nullable().optional(),
    corroboration: z.string().trim().max(2000).nullable().optional(),
  }),
  "decision:record": z.object({
    ...base,
    itemId: id,
    outcome: z.enum([...ROUTINGS, ...CHECK_IN_OUTCOMES, ...CLOSURE_OUTCOMES]),
    rationale: text(4000),
    views: z
      .array(
        z.object({
          agencyId: id,
          view: z.enum(AGENCY_VIEWS),
          comment: z.string().trim().max(1000).nullable().optional(),
        }),
      )
      .max(50)
      .default([]),
    careService: z.string().trim().min(1).max(200).optional(),
    referredTo: z.string().trim().min(1).max(200).optional(),
    task: z
      .object({ what: text(500), ownerAgencyId: id, ownerPersonId: id.nullable().optional(), dueOn: day })
      .optional(),
  }),
  "view:give": z.object({
    ...base,
    itemId: id,
    decisionId: id.optional(),
    view: z.enum(AGENCY_VIEWS),
    comment: z.string().trim().max(1000).nullable().optional(),
  }),
  "task:add": z.object({ ...base, ...taskFields, proposalId: id.optional() }),
  "task:propose": z.object({ ...base, ...taskFields }),
  "record:correct": z.object({ ...base, decisionId: id, rationale: text(4000), reason: text(1000) }),
} as const;

export type MeetingCommandName = keyof typeof MEETING_COMMANDS;
export type MeetingCommand<N extends MeetingCommandName> = z.infer<(typeof MEETING_COMMANDS)[N]>;
export const MEETING_COMMAND_NAMES = Object.keys(MEETING_COMMANDS) as MeetingCommandName[];

/** The event each command appends to the log. */
export const EVENT_OF = {
  "confidentiality:accept": "confidentiality:accepted",
  "attendance:set": "attendance:changed",
  "attendance:leave": "attendance:changed",
  "meeting:start": "meeting:started",
  "meeting:end": "meeting:ended",
  "item:open": "item:opened",
  "timer:start": "timer:started",
  "timer:pause": "timer:paused",
  "item:complete": "item:completed",
  "agenda:add": "agenda:changed",
  "agenda:remove": "agenda:changed",
  "agenda:retime": "agenda:changed",
  "agenda:reorder": "agenda:changed",
  "signal:grade": "signal:graded",
  "decision:record": "decision:recorded",
  "view:give": "view:given",
  "task:add": "task:added",
  "task:propose": "task:proposed",
  "record:correct": "record:corrected",
} as const satisfies Record<MeetingCommandName, string>;
export type MeetingEventType = (typeof EVENT_OF)[MeetingCommandName];

// ---- what a screen holds ----

/**
 * How much of an item a screen sees (see server/meetings/recordView.ts): everything,
 * the case's code and shared summary, the code alone (the display), or nothing.
 */
export const ITEM_ACCESS = ["full", "summary", "code", "nothing"] as const;
export type ItemAccess = (typeof ITEM_ACCESS)[number];

export const timerSchema = z.object({ startedAt: z.number().nullable(), elapsedMs: z.number() });
export const agendaItemViewSchema = z.object({
  id: z.string(),
  position: z.number(),
  section: z.enum(AGENDA_SECTIONS),
  reason: z.string(),
  title: z.string(),
  /** Null when this screen may not see which case the item is about. */
  caseCode: z.string().nullable(),
  summary: z.string().nullable(),
  plannedMinutes: z.number(),
  status: z.enum(["pending", "done", "deferred"]),
  hidden: z.boolean(),
  access: z.enum(ITEM_ACCESS),
});
export const participantViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  mandate: z.string(),
  role: z.string(),
  attendance: z.enum(ATTENDANCE).nullable(),
  /** When they joined the running meeting and, once they left, when (epoch ms). */
  joinedAt: z.number().nullable(),
  leftAt: z.number().nullable(),
  /** True when the chair set this attendance by hand rather than presence. */
  corrected: z.boolean(),
  /** Their answer to the invitation, given before the meeting, and who comes in their place. */
  answer: z.enum(MEETING_ANSWERS).nullable(),
  delegateName: z.string().nullable(),
  accepted: z.boolean(),
  guestOf: z.array(z.string()),
});
export const decisionViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  caseCode: z.string(),
  kind: z.string(),
  outcome: z.string(),
  rationale: z.string(),
  decidedByName: z.string(),
  decidedAt: z.number(),
  views: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      view: z.enum(AGENCY_VIEWS),
      comment: z.string().nullable(),
    }),
  ),
});
export const taskViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  what: z.string(),
  ownerAgencyName: z.string(),
  ownerPersonName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.string(),
});
export const proposalViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  what: z.string(),
  ownerAgencyName: z.string(),
  dueOn: z.string(),
  proposedByName: z.string(),
  status: z.string(),
});

export const meetingSnapshotSchema = z.object({
  meeting: z.object({
    id: z.string(),
    networkId: z.string(),
    title: z.string(),
    startsAt: z.number(),
    status: z.enum(MEETING_STATUSES),
    currentItemId: z.string().nullable(),
    timer: timerSchema,
    confidentiality: z.object({ statement: z.string(), version: z.number() }),
  }),
  seq: z.number(),
  /** How much this screen sees: everything, its guest items, codes only (display), or nothing yet. */
  level: z.enum(["full", "guest", "display", "lobby"]),
  agenda: z.array(agendaItemViewSchema),
  participants: z.array(participantViewSchema),
  decisions: z.array(decisionViewSchema),
  tasks: z.array(taskViewSchema),
  proposals: z.array(proposalViewSchema),
});
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;
export type ParticipantView = z.infer<typeof participantViewSchema>;
export type DecisionView = z.infer<typeof decisionViewSchema>;
export type TaskView = z.infer<typeof taskViewSchema>;
export type ProposalView = z.infer<typeof proposalViewSchema>;

/**
 * One event of the log. `data` carries whole changed things (an item, a decision, the
 * agenda), so a screen applies it by replacing what it had.
 */
export const meetingEventSchema = z.object({
  meetingId: z.string(),
  seq: z.number().int(),
  /**
   * Live events only: the sequence number of the last event this screen's audience was
   * sent before this one (a screen is not sent the events it may not see). A screen that
   * holds less than this has missed something and resyncs.
   */
  prevSeq: z.number().int().optional(),
  type: z.string(),
  itemId: z.string().nullable(),
  at: z.number(),
  data: z.record(z.string(), z.unknown()),
});
export type MeetingEvent = z.infer<typeof meetingEventSchema>;

/** Sent when a person's standing changed: the record as they may see it now, or null and why. */
export const reseatedSchema = z.object({
  meetingId: z.string(),
  snapshot: meetingSnapshotSchema.nullable(),
  reason: z.string().nullable(),
});
export type Reseated = z.infer<typeof reseatedSchema>;

export const itemDetailViewSchema = z.object({
  itemId: z.string(),
  caseCode: z.string().nullable(),
  summary: z.string().nullable(),
  stage: z.string().nullable(),
  goals: z.array(z.object({ what: z.string(), measure: z.string(), byWhen: z.string(), standing: z.string() })),
  openTasks: z.array(
    z.object({
      what: z.string(),
      dueOn: z.string().nullable(),
      agencyName: z.string().nullable(),
      ownerName: z.string().nullable(),
    }),
  ),
  signal: z
    .object({
      concern: z.string().nullable(),
      receivedAt: z.number(),
      channel: z.string(),
      grade: z.string().nullable(),
      isSecuritySignal: z.boolean().nullable(),
      /** The reporter's organisation; null when the reporter asked not to be known, or none was given. */
      source: z.string().nullable(),
      sourceWithheld: z.boolean(),
      /** How the signal came in: a front-line worker through an intake link (its label), or a member's agency. */
      via: z.enum(["intake", "member", "unknown"]),
      viaName: z.string().nullable(),
      /** The latest analysis's reasoning and motives check, once graded. */
      analysis: z
        .object({
          gradingRationale: z.string(),
          knownConflict: z.string().nullable(),
          reporterInterest: z.string().nullable(),
          corroboration: z.string().nullable(),
        })
        .nullable(),
    })
    .nullable(),
  isMinor: z.boolean(),
  gradingScale: z.string(),
  closure: z
    .object({
      rationale: z.string(),
      checklist: z.array(z.object({ key: z.string(), question: z.string(), answer: z.string() })),
      views: z.array(z.object({ agencyName: z.string(), view: z.string(), comment: z.string().nullable() })),
    })
    .nullable(),
  mayCapture: z.boolean(),
  involvedAgencyIds: z.array(z.string()),
  /** The basis the case's information is shared on (app/contract/sharingBasis.ts); only in full. */
  sharingBasis: sharingBasisStateSchema.nullable().optional(),
});
export type ItemDetailView = z.infer<typeof itemDetailViewSchema>;

/** Events: every event after `afterSeq` this screen may see, and `seq`, the log's head it is now current to. */
export type ResyncResult =
  { kind: "events"; events: MeetingEvent[]; seq: number } | { kind: "snapshot"; snapshot: MeetingSnapshot };

/** The collaborative notes of one agenda item live in this Yjs document. */
export const AGENDA_ITEM_NOTES_PREFIX = "agenda-item";
export const agendaItemDoc = (agendaItemId: string) => `${AGENDA_ITEM_NOTES_PREFIX}:${agendaItemId}`;
