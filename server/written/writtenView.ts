import { can, canOnCase, type CaseScope, type Viewer } from "../auth/policy.ts";
import type { EventCuts } from "../meetings/recordView.ts";
import type { WrittenEvent, WrittenProcedureView } from "../../app/contract/writtenProcedure.ts";

// Need to know for procedures in writing, exactly as in the room: those who see the case
// in full (the chair and coordinator, the involved agencies, the accountable officer
// asked to sign off) see everything; other members of the network see the case code and
// its shared summary; guests and administrators, who see no register, nothing.

export type WrittenAccess = "full" | "summary" | "nothing";

export function writtenAccess(person: Viewer | null, scope: CaseScope): WrittenAccess {
  if (!can(person, "cases:list", scope.networkId)) return "nothing";
  return canOnCase(person, "case:view", scope) ? "full" : "summary";
}

/** A procedure as this access shows it, or null when it is not shown at all. */
export function cutProcedure(p: WrittenProcedureView, access: WrittenAccess): WrittenProcedureView | null {
  switch (access) {
    case "full":
      return p;
    case "summary":
      return { ...p, access: "summary", detail: null };
    case "nothing":
      return null;
  }
}

/** Each event type's cut, decided once (a new type nobody decided a cut for does not compile). */
export const WRITTEN_EVENT_CUTS: EventCuts<WrittenEvent, (id: string) => WrittenAccess> = {
  "procedure:opened": (e, view) => {
    const procedure = cutProcedure(e.procedure, view(e.procedure.id));
    return procedure ? { ...e, procedure } : null;
  },
  // Who answered what, and why: only to those who need to know the case.
  "answer:given": (e, view) => (view(e.procedureId) === "full" ? e : null),
  "procedure:concluded": (e, view) => {
    const procedure = cutProcedure(e.procedure, view(e.procedure.id));
    return procedure ? { ...e, procedure } : null;
  },
};

/** One event as this access shows it, or null when it is not sent. */
export function cutWrittenEvent(e: WrittenEvent, access: WrittenAccess): WrittenEvent | null {
  return cutOf(e.type, e as Extract<WrittenEvent, { type: typeof e.type }>, () => access);
}
const cutOf = <T extends WrittenEvent["type"]>(
  type: T,
  e: Extract<WrittenEvent, { type: T }>,
  view: () => WrittenAccess,
): WrittenEvent | null => WRITTEN_EVENT_CUTS[type](e, view);
