import { z } from "zod";
import {
  ACTION_REVIEWS,
  AGENCY_VIEWS,
  AGENDA_ITEM_KINDS,
  AGENDA_SECTIONS,
  CHECKLIST_ANSWERS,
  DECISION_KINDS,
  GRADING_SCALES,
  MANDATES,
  STOP_REASONS,
  TASK_STATUSES,
} from "../../app/contract/vocabulary.ts";
import { TASK_PROGRESS } from "../../app/contract/agencyUpdates.ts";

// Everything a set of minutes holds, as plain data: what the meeting room hands over when
// a meeting closes, what the coordinator corrects, what the renderer prints and what
// `redact` cuts down per recipient. Subjects appear only by their case code: the schema
// has no field for a name, an address or a date of birth of anyone discussed.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z.string().regex(DAY, "a day as YYYY-MM-DD");
/** A moment in UTC (ISO 8601); shown in the network's time zone. */
const moment = z.iso.datetime({ offset: true });

export const agencyRefSchema = z.object({ id: z.string().min(1), name: z.string() });

/** A professional named in the minutes, with the organisation they speak for. */
export const professionalSchema = z.object({ name: z.string(), agency: agencyRefSchema });
export type Professional = z.infer<typeof professionalSchema>;

// ProseMirror JSON as the note editor (tiptap StarterKit) stores it. Unknown node and mark
// types are kept (a later editor extension must not make old minutes unreadable); the
// renderer prints their text.
export interface NoteMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface NoteNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NoteNode[];
  marks?: NoteMark[];
  text?: string;
}
const noteMarkSchema = z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() });
export const noteNodeSchema: z.ZodType<NoteNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(noteNodeSchema).optional(),
    marks: z.array(noteMarkSchema).optional(),
    text: z.string().optional(),
  }),
);
/** The root of a note: `{ type: "doc", content: [...] }`. */
export const noteDocSchema = z.object({ type: z.literal("doc"), content: z.array(noteNodeSchema).default([]) });
export type NoteDoc = z.infer<typeof noteDocSchema>;

export const PRESENCE = ["in_room", "on_screen"] as const;

export const attendeeSchema = professionalSchema.extend({
  mandate: z.enum(MANDATES),
  presence: z.enum(PRESENCE),
  /** When they left before the end; null: stayed to the end (or not known). */
  leftAt: moment.nullable().default(null),
});

/** Sent apologies; a delegate named in their answer, if any. */
export const apologySchema = professionalSchema.extend({ delegate: z.string().nullable().default(null) });

export const guestSchema = professionalSchema.extend({
  /** The agenda items they were invited to and attended. */
  itemIds: z.array(z.string()),
});

export const agencyViewSchema = z.object({
  agency: agencyRefSchema,
  view: z.enum(AGENCY_VIEWS),
  comment: z.string().default(""),
});

export const decisionSchema = z.object({
  /** The outcome in words (kept for versions frozen before `kind` and `outcome`). */
  text: z.string(),
  kind: z.enum(DECISION_KINDS).optional(),
  /** The outcome's code (e.g. `take_into_maw`), worded by the template. */
  outcome: z.string().optional(),
  rationale: z.string().default(""),
  /** A routing's facts: the care service handed to, where a security signal was referred. */
  careService: z.string().nullable().default(null),
  referredTo: z.string().nullable().default(null),
  decidedBy: z.string().nullable().default(null),
  views: z.array(agencyViewSchema).default([]),
});

/** The first analysis of an item's signal: grading on the network's scale, the motives check, the security question. */
export const signalAnalysisSchema = z.object({
  scale: z.enum(GRADING_SCALES),
  source: z.string(),
  information: z.string(),
  handling: z.string().nullable(),
  isSecuritySignal: z.boolean(),
  gradingRationale: z.string(),
  knownConflict: z.string().nullable(),
  reporterInterest: z.string().nullable(),
  corroboration: z.string().nullable(),
});

/** An action agreed before this meeting, as it stands at this meeting. */
export const earlierActionSchema = z.object({
  what: z.string(),
  agency: agencyRefSchema,
  owner: z.string().nullable(),
  dueOn: day.nullable(),
  status: z.enum(TASK_STATUSES),
  stopReason: z.enum(STOP_REASONS).nullable(),
});

/**
 * An action agreed at the last meeting, reviewed in this one's opening block: done, or
 * why not (null: left open). It belongs to its case: a copy holds it only for those who
 * see that case in full.
 */
export const actionReviewSchema = z.object({
  caseCode: z.string(),
  involvedAgencyIds: z.array(z.string()),
  what: z.string(),
  agencyName: z.string().nullable(),
  owner: z.string().nullable(),
  dueOn: day.nullable(),
  review: z.enum(ACTION_REVIEWS).nullable(),
});

/** A closure proposal discussed at the item: the checklist, every agency's view, the sign-off. */
export const closureSchema = z.object({
  checklist: z.array(
    z.object({ question: z.string(), answer: z.enum(CHECKLIST_ANSWERS).nullable(), note: z.string().default("") }),
  ),
  rationale: z.string(),
  views: z.array(agencyViewSchema),
  status: z.enum(["open", "closed", "withdrawn"]),
  signOff: z.object({ by: z.string(), words: z.string().nullable(), at: moment }).nullable(),
  fadeOutDates: z.array(day).default([]),
});

/** An agency's update posted ahead of the meeting on the item: progress on its tasks, new information, a view on closing. */
export const agencyUpdateSchema = z.object({
  agency: agencyRefSchema,
  postedBy: z.string(),
  postedAt: moment,
  news: z.string().nullable(),
  closureView: z.enum(AGENCY_VIEWS).nullable(),
  closureComment: z.string().nullable(),
  tasks: z.array(z.object({ what: z.string(), progress: z.enum(TASK_PROGRESS), note: z.string().nullable() })),
  /** When the chair confirmed it in the room (its task progress then applied); null: not confirmed. */
  confirmedAt: moment.nullable(),
});

export const minutesTaskSchema = z.object({
  id: z.string(),
  what: z.string(),
  owner: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  agency: agencyRefSchema,
  dueOn: day,
  /** The plan goal the task serves. */
  goal: z.string().nullable().default(null),
});

export const agendaItemSchema = z.object({
  id: z.string().min(1),
  /** Its number on the agenda; a redacted copy keeps the numbers of the full record. */
  number: z.number().int().min(1).optional(),
  /** A case item carries the case's code; a general item has none. */
  kind: z.enum(["case", "general"]),
  /** The agenda's section: what kind of item it was (signal, check-in, closure…). */
  section: z.enum(AGENDA_SECTIONS).optional(),
  /** Deferred to the next meeting: by the chair, or not reached before the meeting ended. */
  deferred: z.enum(["by_chair", "not_reached"]).nullable().default(null),
  caseCode: z.string().nullable(),
  /**
   * What the agenda item is (its agenda kind): the copy words the title in its language from
   * this and the case code. Versions frozen before it hold the title as stored, as `own`.
   */
  titleKind: z.enum(AGENDA_ITEM_KINDS).default("own"),
  /** The typed title of an `own` item; empty for the others. */
  title: z.string(),
  /** The agencies involved in the case when the meeting was held: who may read this item. */
  involvedAgencyIds: z.array(z.string()).default([]),
  /** The case summary as the network shares it (no identities). */
  summary: z.string().default(""),
  notes: noteDocSchema.nullable(),
  /** The involved agencies' updates posted ahead of the meeting (issue 14). */
  updates: z.array(agencyUpdateSchema).default([]),
  decisions: z.array(decisionSchema).default([]),
  tasks: z.array(minutesTaskSchema).default([]),
  signal: signalAnalysisSchema.nullable().default(null),
  earlierActions: z.array(earlierActionSchema).default([]),
  /** On the opening block of the last meeting's open actions: what the table found of each. */
  actionReviews: z.array(actionReviewSchema).default([]),
  closure: closureSchema.nullable().default(null),
  /** The coordinator's wording of the item (rich text), printed beside the recorded facts. */
  wording: noteDocSchema.nullable().default(null),
});

/** One line of the consolidated action list. `itemId` null: not tied to an item. */
export const actionListEntrySchema = z.object({
  taskId: z.string(),
  itemId: z.string().nullable(),
  caseCode: z.string().nullable(),
  what: z.string(),
  owner: z.string().nullable(),
  agency: agencyRefSchema,
  dueOn: day,
  status: z.enum(TASK_STATUSES),
});

export const minutesSchema = z
  .object({
    /** `locale`: how the network writes dates (a copy in another language writes them in its own). */
    network: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), locale: z.string().default("en-GB") }),
    meeting: z.object({
      id: z.string(),
      title: z.string(),
      /** When it was planned to start. */
      startsAt: moment,
      /** When it actually started and ended. */
      startedAt: moment.nullable().default(null),
      endsAt: moment.nullable(),
      place: z.string(),
      chair: professionalSchema,
      minuteTaker: professionalSchema,
    }),
    /**
     * The network's own marking on every page, e.g. "OFFICIAL-SENSITIVE"; null: the default
     * marking in each copy's language ("RESTRICTED", "VERTROUWELIJK"…).
     */
    classification: z.string().min(1).nullable(),
    /** A notice of the network's own; empty: the documents' notice in each copy's language. */
    confidentialityNotice: z.string().default(""),
    attendance: z.array(attendeeSchema),
    apologies: z.array(apologySchema).default([]),
    /** Invited, neither present nor excused. */
    absent: z.array(professionalSchema).default([]),
    guests: z.array(guestSchema).default([]),
    items: z.array(agendaItemSchema),
    actionList: z.array(actionListEntrySchema).default([]),
    nextMeeting: z.object({ startsAt: moment, endsAt: moment.nullable(), place: z.string() }).nullable(),
    document: z.object({
      version: z.number().int().min(1),
      date: day,
      status: z.enum(["draft", "approved"]),
      /** Who approved this version (the record names them); absent on drafts and on versions frozen before it was kept. */
      approvedBy: professionalSchema.nullable().default(null),
      approvedAt: moment.nullable().default(null),
    }),
    /** Set by `redact`: whose copy this is. Absent on the full record. */
    copy: z.object({ agencyName: z.string(), full: z.boolean(), withheldItems: z.number().int().min(0) }).optional(),
  })
  // A model that fails these is a fault of the server that built it: codes for the log.
  .superRefine((m, ctx) => {
    m.items.forEach((item, i) => {
      if (item.kind === "case" && !item.caseCode)
        ctx.addIssue({ code: "custom", path: ["items", i, "caseCode"], message: "case_item_without_code" });
      if (item.kind === "general" && item.caseCode)
        ctx.addIssue({ code: "custom", path: ["items", i, "caseCode"], message: "general_item_with_code" });
    });
    const ids = new Set(m.items.map((i) => i.id));
    if (ids.size !== m.items.length) ctx.addIssue({ code: "custom", path: ["items"], message: "item_ids_repeat" });
  });

export type Minutes = z.infer<typeof minutesSchema>;
export type MinutesInput = z.input<typeof minutesSchema>;
export type AgendaItem = Minutes["items"][number];
