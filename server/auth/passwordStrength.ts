import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as common } from "@zxcvbn-ts/language-common";
import { dictionary as english } from "@zxcvbn-ts/language-en";

/**
 * New passwords: at least 12 characters (the form says so first), and not easy to guess
 * by zxcvbn's estimate with its shipped lists of common and breached passwords, English
 * words and names, and keyboard patterns; the person's own name and email count against
 * it too. Score 3 of 4 ("safely unguessable") is the bar, as NIST 800-63B asks for a
 * check against known passwords instead of composition rules.
 */
const MIN_SCORE = 3;

let checker: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (checker ??= new ZxcvbnFactory({
    graphs: adjacencyGraphs,
    dictionary: { ...common, ...english },
    // Long inputs are slow to match and gain nothing: the first 64 characters are judged.
    maxLength: 64,
  }));

/** zxcvbn's warnings, as codes: without translations it gives the code, and each page words it. */
const WARNINGS = [
  "straightRow",
  "keyPattern",
  "simpleRepeat",
  "extendedRepeat",
  "sequences",
  "recentYears",
  "dates",
  "topTen",
  "topHundred",
  "common",
  "similarToCommon",
  "wordByItself",
  "namesByThemselves",
  "commonNames",
  "userInputs",
  "pwned",
] as const;
type Warning = (typeof WARNINGS)[number];

/** Refused: `reason` is the key of the sentence the form shows beside the field. */
export type PasswordVerdict = { ok: true } | { ok: false; reason: `errors.passwordEasy.${Warning | "default"}` };

export async function judgeNewPassword(password: string, personal: string[]): Promise<PasswordVerdict> {
  const inputs = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 2);
  const result = await zxcvbn().check(password, inputs);
  if (result.score >= MIN_SCORE) return { ok: true };
  const warning = WARNINGS.find((w) => w === result.feedback.warning) ?? "default";
  return { ok: false, reason: `errors.passwordEasy.${warning}` };
}
