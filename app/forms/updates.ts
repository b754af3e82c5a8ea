import { z } from "zod";
import { TASK_PROGRESS } from "../contract/agencyUpdates.ts";
import { AGENCY_VIEWS } from "../contract/vocabulary.ts";

const optional = (max: number) =>
  z.preprocess((v) => (v === "" || v === null ? null : v), z.string().trim().max(max, "errors.tooLong").nullable());

/**
 * An agency's update on one item. Task lines come as `progress.<taskId>` and
 * `note.<taskId>`, one pair per open task the page lists; a task left at "nothing to
 * report" is not part of the update.
 */
export const agencyUpdateSchema = z.object({
  itemId: z.string().min(1).max(100),
  news: optional(4000),
  closureView: z.preprocess((v) => (v === "" ? null : v), z.enum(AGENCY_VIEWS).nullable().default(null)),
  closureComment: optional(1000),
  tasks: z
    .array(z.object({ taskId: z.string().min(1).max(100), progress: z.enum(TASK_PROGRESS), note: optional(1000) }))
    .max(100),
});

/** The posted form as the schema reads it. */
export function readAgencyUpdate(form: FormData) {
  const tasks = [...form.keys()]
    .filter((k) => k.startsWith("progress.") && form.get(k) !== "")
    .map((k) => {
      const taskId = k.slice("progress.".length);
      return { taskId, progress: form.get(k), note: form.get(`note.${taskId}`) ?? null };
    });
  return agencyUpdateSchema.safeParse({
    itemId: form.get("itemId"),
    news: form.get("news"),
    closureView: form.get("closureView") ?? "",
    closureComment: form.get("closureComment"),
    tasks,
  });
}

/** How many days before a meeting the agencies that have not posted their update are reminded. */
export const updateReminderSchema = z.object({
  reminderDays: z.coerce
    .number({ error: "updates.settings.daysRange" })
    .int({ error: "updates.settings.daysRange" })
    .min(1, { error: "updates.settings.daysRange" })
    .max(30, { error: "updates.settings.daysRange" }),
});
