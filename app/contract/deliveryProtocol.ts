// The minutes page's part of the real-time protocol, shared by server and browser.
// Imports nothing from Node.
import { z } from "zod";

/** A delivery of a meeting's minutes changed state: the page showing them reloads its data. */
export const minutesDeliveriesChangedSchema = z.object({ meetingId: z.string().min(1).max(100) });
export type MinutesDeliveriesChanged = z.infer<typeof minutesDeliveriesChangedSchema>;
