import { useEffect, useRef } from "react";
import type { MeetingCommandInputs, ParticipantView } from "../contract/meetingProtocol.ts";

/**
 * Joining is attending: while the meeting runs and this screen is connected, it tells the
 * server its person is here (as they chose: on screen unless in the room), again after
 * coming back from a leaving the server recorded. Apologies the chair set stay as they are.
 */
export function useArrival(
  me: ParticipantView | undefined,
  running: boolean,
  online: boolean,
  send: (name: "attendance:set", payload: MeetingCommandInputs["attendance:set"]) => unknown,
) {
  const sentFor = useRef<string | null>(null);
  const here = !!me && me.joinedAt !== null && me.leftAt === null;
  const kept = me?.attendance === "apologies" && me.corrected;
  const key = me ? `${me.joinedAt}:${me.leftAt}:${me.attendance}` : null;
  useEffect(() => {
    if (!me || !running || !online || here || kept || sentFor.current === key) return;
    sentFor.current = key;
    void send("attendance:set", {
      personId: me.personId,
      attendance: me.attendance === "in_room" ? "in_room" : "on_screen",
    });
  }, [me, running, online, here, kept, key, send]);
}
