import { z } from "zod";
import { SECTORS } from "../contract/vocabulary.ts";
import { confirmed, email, newPassword, requiredText } from "./fields.ts";

export const signInSchema = z.object({
  email: email(),
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(256, "errors.tooLong"),
});

export const networkFields = {
  networkName: requiredText(120),
  timeZone: requiredText(60).refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz), "errors.timeZone"),
  agencyName: requiredText(120),
  agencySector: z.enum(SECTORS, { error: "errors.required" }),
};

export const setupSchema = confirmed(
  z.object({
    name: requiredText(120),
    email: email(),
    password: newPassword(),
    confirm: z.string({ error: "errors.required" }),
    ...networkFields,
  }),
);

export const newNetworkSchema = z.object(networkFields);

export const acceptInvitationSchema = confirmed(
  z.object({ name: requiredText(120), password: newPassword(), confirm: z.string({ error: "errors.required" }) }),
);

export const changePasswordSchema = confirmed(
  z.object({
    current: z.string({ error: "errors.required" }).min(1, "errors.required"),
    password: newPassword(),
    confirm: z.string({ error: "errors.required" }),
  }),
);
