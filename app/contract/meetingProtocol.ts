// The meeting room's part of the real-time protocol, shared by server and browser.
import { agencyUpdateViewSchema, itemReportingSchema } from "./agencyUpdates.ts";
// Imports nothing from Node. Commands are `entity:verb`, a discriminated union keyed by
// `name`; the events they make are past tense, a discriminated union keyed by `type`,
// and arrive on one channel, `meeting:event`, in sequence order. The socket.io event
// maps (protocol.ts), the engine's handlers, the per-audience cut
// (server/meetings/recordView.ts) and the client's `send` and `applyEvent` are all
// derived from these two unions: a new command or event type compiles only once each of
// them decided what to do with it (decision 0018).
import { z } from "zod";
import { agencyViewField, rationaleField, routingNeeds } from "./decisionFields.ts";
import { REFUSALS } from "./refusals.ts";
import { sharingBasisInputSchema, sharingBasisStateSchema } from "./sharingBasis.ts";
import { templateTextSchema } from "./templateText.ts";
import {
  ACTION_REVIEWS,
  AGENCY_VIEWS,
  AGENDA_ITEM_KINDS,
  AGENDA_SECTIONS,
  SECTIONS_TO_ADD,
  ATTENDANCE,
  CHECK_IN_OUTCOMES,
  CLOSURE_OUTCOMES,
  MEETING_ANSWERS,
  MEETING_STATUSES,
} from "./vocabulary.ts";

const id = z.string().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
/** A client-made operation id: a retried command with the same id is applied once. */
const opId = z.string().min(8).max(100);
const base = { meetingId: id, opId };

// ---- requests that write nothing (not in the log) ----

export const meetingJoinSchema = z.object({ meetingId: id, display: z.boolean().optional() });
export const meetingResyncSchema = z.object({ meetingId: id, afterSeq: z.number().int().min(0) });
export const itemDetailSchema = z.object({ meetingId: id, itemId: id });
export type MeetingJoin = z.input<typeof meetingJoinSchema>;
export type MeetingResync = z.input<typeof meetingResyncSchema>;
export type ItemDetailRequest = z.input<typeof itemDetailSchema>;

// ---- commands (client → server): each one appends one event to the log ----

const taskFields = {
  itemId: id,
  what: text(500),
  ownerAgencyId: id,
  ownerPersonId: id.nullable().optional(),
  dueOn: day,
  /** The plan goal the task serves; without one, the item's current goal (the first still open). */
  goalId: id.nullable().optional(),
};

const agencyViews = z
  .array(
    z.object({ agencyId: id, view: agencyViewField(), comment: z.string().trim().max(1000).nullable().optional() }),
  )
  .max(50)
  .default([]);
const decisionBase = { ...base, itemId: id, rationale: rationaleField(), views: agencyViews };

/**
 * A decision on a case item. Its outcome says what else it needs: the routings take the
 * same rules as the case page's routing form (app/contract/decisionFields.ts); which
 * outcomes an item allows (a routing on a signal, a check-in outcome, close or keep
 * open) is the engine's to say, from the item's section.
 */
const decisionRecord = z.discriminatedUnion("outcome", [
  z.object({
    ...decisionBase,
    outcome: z.enum(["no_further_action", ...CHECK_IN_OUTCOMES, ...CLOSURE_OUTCOMES]),
  }),
  // Into multi-agency work: on what basis the agencies share (refused as `sharing_basis_needed` without one).
  z.object({ ...decisionBase, outcome: z.literal("take_into_maw"), basis: sharingBasisInputSchema.optional() }),
  z.object({ ...decisionBase, outcome: z.literal("regular_care"), ...routingNeeds.regular_care() }),
  z.object({ ...decisionBase, outcome: z.literal("security_referral"), ...routingNeeds.security_referral() }),
  z.object({
    ...decisionBase,
    outcome: z.literal("gather_information"),
    task: z.object({ what: text(500), ownerAgencyId: id, ownerPersonId: id.nullable().optional(), dueOn: day }),
  }),
]);

const command = <N extends string, P extends z.ZodType>(name: N, payload: P) =>
  z.object({ name: z.literal(name), payload });

/** Every command of the meeting room, by name; `payload` is what goes over the wire. */
export const meetingCommandSchema = z.discriminatedUnion("name", [
  command("confidentiality:accept", z.object({ ...base, version: z.number().int().min(1) })),
  command("attendance:set", z.object({ ...base, personId: id, attendance: z.enum(ATTENDANCE) })),
  command("attendance:leave", z.object(base)),
  command("meeting:start", z.object(base)),
  command("meeting:end", z.object(base)),
  command(
    "item:open",
    z.object({ ...base, to: z.union([z.literal("next"), z.literal("previous"), z.object({ itemId: id })]) }),
  ),
  command("timer:start", z.object(base)),
  command("timer:pause", z.object(base)),
  command("item:complete", z.object({ ...base, itemId: id, outcome: z.enum(["done", "deferred"]) })),
  command(
    "agenda:add",
    z.object({
      ...base,
      section: z.enum(SECTIONS_TO_ADD),
      title: text(200),
      minutes: z.number().int().min(1).max(240),
      caseCode: z.string().trim().max(40).optional(),
    }),
  ),
  command("agenda:remove", z.object({ ...base, itemId: id })),
  command("agenda:retime", z.object({ ...base, itemId: id, minutes: z.number().int().min(1).max(240) })),
  command("agenda:reorder", z.object({ ...base, itemIds: z.array(id).min(1).max(500) })),
  command(
    "signal:grade",
    z.object({
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
  ),
  command("decision:record", decisionRecord),
  command(
    "view:give",
    z.object({
      ...base,
      itemId: id,
      decisionId: id.optional(),
      view: agencyViewField(),
      comment: z.string().trim().max(1000).nullable().optional(),
    }),
  ),
  command("task:add", z.object({ ...base, ...taskFields, proposalId: id.optional() })),
  command("task:propose", z.object({ ...base, ...taskFields })),
  command("record:correct", z.object({ ...base, decisionId: id, rationale: text(4000), reason: text(1000) })),
  command("action:review", z.object({ ...base, taskId: id, outcome: z.enum(ACTION_REVIEWS) })),
  command("update:confirm", z.object({ ...base, itemId: id, updateId: id })),
  command("round:call", z.object({ ...base, itemId: id })),
  command("round:next", z.object(base)),
  command("hand:raise", z.object(base)),
  command("hand:lower", z.object({ ...base, personId: id })),
]);

/** A command as the engine gets it: parsed, keyed by name. */
export type MeetingCommand = z.output<typeof meetingCommandSchema>;
export type MeetingCommandName = MeetingCommand["name"];
/** Each command's parsed payload, by name. */
export type MeetingCommandPayloads = { [C in MeetingCommand as C["name"]]: C["payload"] };

/** `Omit` that keeps a union a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What a screen sends for each command: the client adds the meeting and the operation id. */
export type MeetingCommandInputs = {
  [C in z.input<typeof meetingCommandSchema> as C["name"]]: OmitEach<C["payload"], "meetingId" | "opId">;
};
/** What goes over the wire for each command. */
export type MeetingCommandWire = { [C in z.input<typeof meetingCommandSchema> as C["name"]]: C["payload"] };

export const MEETING_COMMAND_NAMES: readonly MeetingCommandName[] = meetingCommandSchema.options.map(
  (o) => o.shape.name.value,
);

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
  "action:review": "action:reviewed",
  "update:confirm": "update:confirmed",
  "round:call": "round:changed",
  "round:next": "round:changed",
  "hand:raise": "hands:changed",
  "hand:lower": "hands:changed",
} as const satisfies { [N in MeetingCommandName]: MeetingEventType };
export type EventOf<N extends MeetingCommandName> = (typeof EVENT_OF)[N];

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
  /** What the item is: the screen words its title from this and the case code (`agendaItemTitle`). */
  kind: z.enum(AGENDA_ITEM_KINDS),
  /** The typed title of an `own` item; empty for the others. */
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
  ownerAgencyId: z.string(),
  ownerAgencyName: z.string(),
  ownerPersonId: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  goalId: z.string().nullable(),
  dueOn: z.string(),
  proposedByName: z.string(),
  status: z.string(),
});

/**
 * An action agreed at the last meeting, reviewed in this one's first block: `review` is
 * null until the table says it is done, or why not.
 */
export const actionViewSchema = z.object({
  taskId: z.string(),
  /** The case the action is for: the record view decides who sees it (server/meetings/recordView.ts). */
  caseId: z.string(),
  caseCode: z.string(),
  what: z.string(),
  ownerAgencyName: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  dueOn: z.string().nullable(),
  review: z.enum(ACTION_REVIEWS).nullable(),
});
/**
 * A round of views on an item: the involved agencies at the table speak in turn.
 * `turn` indexes `agencies`. The shared display is told only how far the round is.
 */
export const roundViewSchema = z.object({
  itemId: z.string(),
  agencies: z.array(z.object({ agencyId: z.string(), agencyName: z.string() })),
  size: z.number().int(),
  turn: z.number().int(),
});
/** Someone who asked to speak, in the order they asked. */
export const handViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  agencyName: z.string(),
  raisedAt: z.number(),
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
  actions: z.array(actionViewSchema),
  round: roundViewSchema.nullable(),
  hands: z.array(handViewSchema),
});
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;
export type AgendaItemView = z.infer<typeof agendaItemViewSchema>;
export type ParticipantView = z.infer<typeof participantViewSchema>;
export type DecisionView = z.infer<typeof decisionViewSchema>;
export type TaskView = z.infer<typeof taskViewSchema>;
export type ProposalView = z.infer<typeof proposalViewSchema>;
export type ActionView = z.infer<typeof actionViewSchema>;
export type RoundView = z.infer<typeof roundViewSchema>;
export type HandView = z.infer<typeof handViewSchema>;

// ---- events (server → client): one per command, in the log ----

const eventBase = {
  meetingId: z.string(),
  seq: z.number().int(),
  /**
   * Live events only: the sequence number of the last event this screen's audience was
   * sent before this one (a screen is not sent the events it may not see). A screen that
   * holds less than this has missed something and resyncs.
   */
  prevSeq: z.number().int().optional(),
  /** The item whose record this event is part of (decisions, views, tasks), or null for the room's frame. */
  itemId: z.string().nullable(),
  at: z.number(),
};
const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ ...eventBase, type: z.literal(type), data });

const participants = z.object({ participants: z.array(participantViewSchema) });
const clock = z.object({ currentItemId: z.string().nullable(), timer: timerSchema });
const decisionData = z.object({ decision: decisionViewSchema });

/**
 * One event of the log. `data` carries whole changed things (an item, a decision, the
 * agenda), so a screen applies it by replacing what it had.
 */
export const meetingEventSchema = z.discriminatedUnion("type", [
  event("confidentiality:accepted", participants.extend({ personId: z.string(), version: z.number(), at: z.number() })),
  // Leaving lowers one's raised hand: the queue comes with the list (absent in events logged before it did).
  event("attendance:changed", participants.extend({ hands: z.array(handViewSchema).optional() })),
  event("meeting:started", clock.extend({ status: z.literal("running"), ...participants.shape })),
  event("meeting:ended", clock.extend({ status: z.literal("ended") })),
  event("item:opened", clock),
  event("timer:started", clock),
  event("timer:paused", clock),
  event("item:completed", z.object({ item: agendaItemViewSchema })),
  event("agenda:changed", z.object({ agenda: z.array(agendaItemViewSchema) })),
  event("signal:graded", z.object({ itemId: z.string(), grade: z.string(), isSecuritySignal: z.boolean() })),
  event("decision:recorded", decisionData),
  event(
    "view:given",
    z.discriminatedUnion("on", [
      decisionData.extend({ on: z.literal("decision") }),
      z.object({
        on: z.literal("closure"),
        itemId: z.string(),
        closureView: z.object({ agencyId: z.string(), view: z.enum(AGENCY_VIEWS), comment: z.string().nullable() }),
      }),
    ]),
  ),
  event("task:added", z.object({ task: taskViewSchema, proposal: proposalViewSchema.nullable() })),
  event("task:proposed", z.object({ proposal: proposalViewSchema })),
  event("record:corrected", decisionData),
  event("action:reviewed", z.object({ action: actionViewSchema })),
  // The tasks an agency's update named took its progress; the update shows in the item's detail.
  event("update:confirmed", z.object({ updateId: z.string(), actions: z.array(actionViewSchema) })),
  event("round:changed", z.object({ round: roundViewSchema.nullable() })),
  event("hands:changed", z.object({ hands: z.array(handViewSchema) })),
]);
export type MeetingEvent = z.infer<typeof meetingEventSchema>;
export type MeetingEventType = MeetingEvent["type"];
/** Each event type's data. */
export type MeetingEventData = { [E in MeetingEvent as E["type"]]: E["data"] };
/** One event of one type. */
export type MeetingEventOf<T extends MeetingEventType> = Extract<MeetingEvent, { type: T }>;

/** Sent when a person's standing changed: the record as they may see it now, or null and why. */
export const reseatedSchema = z.object({
  meetingId: z.string(),
  snapshot: meetingSnapshotSchema.nullable(),
  /** Why the person may no longer follow (a refusal's code), when the snapshot is null. */
  reason: z.enum(REFUSALS).nullable(),
});
export type Reseated = z.infer<typeof reseatedSchema>;

export const itemDetailViewSchema = z.object({
  itemId: z.string(),
  caseCode: z.string().nullable(),
  summary: z.string().nullable(),
  stage: z.string().nullable(),
  goals: z.array(
    z.object({ id: z.string(), what: z.string(), measure: z.string(), byWhen: z.string(), standing: z.string() }),
  ),
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
      /** Each question in every language of its template: the screen shows its reader's. */
      checklist: z.array(z.object({ key: z.string(), question: templateTextSchema.nullable(), answer: z.string() })),
      views: z.array(z.object({ agencyName: z.string(), view: z.string(), comment: z.string().nullable() })),
    })
    .nullable(),
  mayCapture: z.boolean(),
  involvedAgencyIds: z.array(z.string()),
  /** The basis the case's information is shared on (app/contract/sharingBasis.ts); only in full. */
  sharingBasis: sharingBasisStateSchema.nullable().optional(),
  /** The involved agencies' updates posted ahead of the meeting, and which agencies reported; only in full. */
  updates: z.array(agencyUpdateViewSchema).optional(),
  reporting: itemReportingSchema.nullable().optional(),
});
export type ItemDetailView = z.infer<typeof itemDetailViewSchema>;

/** Events: every event after `afterSeq` this screen may see, and `seq`, the log's head it is now current to. */
export type ResyncResult =
  { kind: "events"; events: MeetingEvent[]; seq: number } | { kind: "snapshot"; snapshot: MeetingSnapshot };

/** The collaborative notes of one agenda item live in this Yjs document. */
export const AGENDA_ITEM_NOTES_PREFIX = "agenda-item";
export const agendaItemDoc = (agendaItemId: string) => `${AGENDA_ITEM_NOTES_PREFIX}:${agendaItemId}`;
