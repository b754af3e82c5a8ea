import { diffWords } from "diff";
import type { NoteDoc } from "../documents/minutesModel.ts";
import { wordingText } from "./wordingDoc.ts";

// What changed in an item's wording since the coordinator's first draft, word by word
// (jsdiff, decision 0025), for the chair to read before approving.

export interface WordingChange {
  kind: "same" | "added" | "removed";
  text: string;
}

/** The words of the first draft and of the wording now, each run marked kept, added or removed; null when nothing changed. */
export function wordingChanges(firstDraft: NoteDoc, now: NoteDoc): WordingChange[] | null {
  const before = wordingText(firstDraft);
  const after = wordingText(now);
  if (before === after) return null;
  return diffWords(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}
