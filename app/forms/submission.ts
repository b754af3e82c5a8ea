import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { z } from "zod";

/**
 * Parses a posted form with its schema. On bad input, throws nothing and returns the
 * 400 response to send back, so the page shows the errors beside the fields.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, intent?: string) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status === "success") return { ok: true as const, value: submission.value as z.infer<S>, submission };
  // A page with several forms tells them apart by intent, to show errors on the right one.
  return { ok: false as const, response: data({ intent, result: submission.reply() }, { status: 400 }) };
}

/** A form-level refusal (e.g. wrong password), keeping what the person typed except secrets. */
interface Replyable {
  reply(options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }): SubmissionResult<string[]>;
}

export function refuse(
  submission: Replyable,
  message: string,
  options: { status?: number; hideFields?: string[]; fieldErrors?: Record<string, string[]>; intent?: string } = {},
) {
  return data(
    {
      intent: options.intent,
      result: submission.reply({
        formErrors: options.fieldErrors ? [] : [message],
        fieldErrors: options.fieldErrors,
        hideFields: options.hideFields,
      }),
    },
    { status: options.status ?? 400 },
  );
}
