import { z } from "zod";
import { requiredText } from "./fields.ts";

const optional = (max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(max, "errors.tooLong").optional());

export const scheduleMeetingSchema = z.object({
  title: requiredText(200),
  /** A `datetime-local` value, read in the network's time zone. */
  startsAt: z.string({ error: "errors.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.required"),
  place: optional(200),
  callLink: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: "errors.url" })
      .max(500, "errors.tooLong")
      .optional(),
  ),
  /** The members invited; chairs and coordinators always are. None ticked: none of the members. */
  invitees: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100))),
});

/** Moving a meeting: its title, time, place and call link (the invitees stay). */
export const changeMeetingSchema = scheduleMeetingSchema.omit({ invitees: true });

/** The answer to an invitation; a delegate comes with apologies and needs a name. */
export const answerMeetingSchema = z
  .object({
    answer: z.enum(["attending", "apologies", "delegate"], { error: "meetingInvites.answer.choose" }),
    delegateName: optional(200),
  })
  .refine((v) => v.answer !== "delegate" || !!v.delegateName, {
    path: ["delegateName"],
    message: "meetingInvites.answer.delegateNeeded",
  });
