import { z } from "zod";
import { MINUTES_DELIVERY } from "../contract/vocabulary.ts";

/** A network's minutes settings: the deadline in working days, and how copies are delivered. */
export const minutesSettingsSchema = z.object({
  dueDays: z.coerce
    .number({ error: "minutes.settings.dueDaysRange" })
    .int({ error: "minutes.settings.dueDaysRange" })
    .min(1, { error: "minutes.settings.dueDaysRange" })
    .max(30, { error: "minutes.settings.dueDaysRange" }),
  delivery: z.enum(MINUTES_DELIVERY, { error: "errors.required" }),
});
