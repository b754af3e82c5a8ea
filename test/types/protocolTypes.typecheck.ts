// Type tests for the typed live protocol (decision 0018). Nothing runs this file:
// `npm run typecheck` compiles it, and each `@ts-expect-error` below fails the type check
// the day the line under it compiles.
import type { CommandResult } from "../../app/contract/protocol.ts";
import type { MeetingCommandInputs, MeetingEvent } from "../../app/contract/meetingProtocol.ts";
import type { EVENT_CUTS, EventCuts } from "../../server/meetings/recordView.ts";
import type { HANDLERS } from "../../server/meetings/commands.ts";

declare const cuts: typeof EVENT_CUTS;
declare const handlers: typeof HANDLERS;

/** An event type the protocol might gain tomorrow. */
type HandRaised = Omit<Extract<MeetingEvent, { type: "timer:started" }>, "type" | "data"> & {
  type: "hand:raised";
  data: { personId: string };
};

// Today every event type has its audience cut decided.
export const today: EventCuts<MeetingEvent> = cuts;
// @ts-expect-error a new event type that nobody decided a cut for does not compile
export const tomorrow: EventCuts<MeetingEvent | HandRaised> = cuts;

// Each command's handler takes exactly its own payload and answers with its own event's data.
export const decide = async (ctx: Parameters<(typeof handlers)["decision:record"]>[0]) =>
  (
    await handlers["decision:record"](ctx, {
      meetingId: "m",
      opId: "op-00000001",
      itemId: "i",
      rationale: "r",
      views: [],
      outcome: "regular_care",
      careService: "Family support",
    })
  ).data.decision;

// @ts-expect-error regular care without the care service it needs is not a decision:record
export const noCareService: MeetingCommandInputs["decision:record"] = {
  itemId: "i",
  rationale: "r",
  outcome: "regular_care",
};

// @ts-expect-error attendance is one of the words of the vocabulary
export const late: MeetingCommandInputs["attendance:set"] = { personId: "p", attendance: "late" };

// A command's ack carries its own event's data: no key guessing.
export const decided = (r: CommandResult<"decision:record">) => r.data.decision.rationale;
// @ts-expect-error timer:start's event carries no decision
export const noDecision = (r: CommandResult<"timer:start">) => r.data.decision;
