import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingCommandInputs, MeetingCommandName } from "../../contract/meetingProtocol.ts";
import type { Ack, CommandResult, Refused } from "../../contract/protocol.ts";
import { refusalText } from "../../refusals.ts";

/** Sends one command with the payload the protocol gives it (app/contract/meetingProtocol.ts). */
export type Send = <N extends MeetingCommandName>(
  name: N,
  payload: MeetingCommandInputs[N],
) => Promise<Ack<CommandResult<N>>> | undefined;

/** The commands whose refusals are said beside their own form or button, not at the top of the room. */
export const SAID_IN_PLACE: readonly MeetingCommandName[] = [
  "signal:grade",
  "decision:record",
  "view:give",
  "task:add",
  "task:propose",
  "item:open",
  "item:complete",
  "timer:start",
  "timer:pause",
  "meeting:start",
  "meeting:end",
  "action:review",
  "round:call",
  "round:next",
  "hand:raise",
  "hand:lower",
];

/**
 * Sends a command for one form or button and keeps its refusal there. A form clears at
 * once (the command stays pending until acknowledged); when it is refused, `restore`
 * puts back what was typed.
 */
export function useCommand(send: Send) {
  const [refusal, setRefusal] = useState<Refused | null>(null);
  const run = useCallback(
    async <N extends MeetingCommandName>(name: N, payload: MeetingCommandInputs[N], restore?: () => void) => {
      setRefusal(null);
      const ack = await send(name, payload);
      if (ack && !ack.ok) {
        setRefusal(ack.error);
        restore?.();
      }
      return ack;
    },
    [send],
  );
  return { refusal, run, clear: () => setRefusal(null) };
}

/** A refusal beside the button it concerns, announced at once to screen readers; the region is always there. */
export function RefusalMessage({ id, refusal }: { id: string; refusal: Refused | null }) {
  const { t } = useTranslation();
  return (
    <p id={id} className={refusal ? "form-refusal" : "visually-hidden"} aria-live="assertive" data-testid="refusal">
      {refusal ? t("cockpit.refusedAt", { message: refusalText(t, refusal) }) : ""}
    </p>
  );
}
