import { z } from "zod";
import { ACCESS_REQUEST_KINDS } from "../contract/accessRequests.ts";

/** Recording a person's request: the case by its code, and what they ask. */
export const accessRequestSchema = z.object({
  code: z
    .string({ error: "accessRequests.errors.code" })
    .trim()
    .min(1, { error: "accessRequests.errors.code" })
    .max(40, { error: "accessRequests.errors.code" }),
  kind: z.enum(ACCESS_REQUEST_KINDS, { error: "accessRequests.errors.kind" }),
});
