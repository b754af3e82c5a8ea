import { z } from "zod";
import { AGENCY_VIEWS } from "./vocabulary.ts";

/**
 * What an agency reports on one of its open tasks ahead of a meeting: done, still under
 * way, no longer possible because circumstances changed, or not done by the agency (the
 * difference matters, as in MARAC practice).
 */
export const TASK_PROGRESS = ["done", "in_progress", "circumstances_changed", "agency_not_done"] as const;
export type TaskProgress = (typeof TASK_PROGRESS)[number];

/** One agency's update on an item, as the room shows it with the item (to those who see the item in full). */
export const agencyUpdateViewSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  postedBy: z.string(),
  postedAt: z.number(),
  news: z.string().nullable(),
  closureView: z.enum(AGENCY_VIEWS).nullable(),
  closureComment: z.string().nullable(),
  tasks: z.array(
    z.object({ taskId: z.string(), what: z.string(), progress: z.enum(TASK_PROGRESS), note: z.string().nullable() }),
  ),
  confirmedAt: z.number().nullable(),
});
export type AgencyUpdateView = z.infer<typeof agencyUpdateViewSchema>;

/** Which involved agencies of an item have posted their update ("4 of 5 agencies"). */
export const itemReportingSchema = z.object({
  reported: z.number().int(),
  expected: z.number().int(),
  missing: z.array(z.string()),
});
export type ItemReporting = z.infer<typeof itemReportingSchema>;
