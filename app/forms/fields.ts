import { z } from "zod";

// Messages are i18n keys; the field component translates them.
export { requiredText } from "../contract/decisionFields.ts";

export const email = () => z.email({ error: "errors.email" }).max(254, "errors.tooLong");

/** New passwords: long enough to resist guessing; no composition rules (NIST 800-63B). */
export const newPassword = () =>
  z.string({ error: "errors.required" }).min(12, "errors.passwordTooShort").max(256, "errors.tooLong");

export const checkbox = () => z.preprocess((v) => v === "on" || v === "true", z.boolean());

/** A new password typed twice must match. */
export function confirmed<S extends z.ZodType<{ password: string; confirm: string }>>(schema: S): S {
  return schema.refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordsDiffer" });
}
