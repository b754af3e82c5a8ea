import { useCallback, useEffect, useRef, useState } from "react";
import type { ItemDetailView, MeetingCommandInputs, MeetingCommandName } from "../contract/meetingProtocol.ts";
import { RETRYABLE_ERRORS, type Ack } from "../contract/protocol.ts";
import { MeetingClient, type MeetingClientState } from "./meetingClient.ts";
import { getSocket } from "./socket.ts";

/** A meeting kept live over the shared socket, with its queue of unsent commands. */
export function useMeeting(meetingId: string, options: { display?: boolean } = {}) {
  const [client, setClient] = useState<MeetingClient | null>(null);
  const [state, setState] = useState<MeetingClientState>({
    snapshot: null,
    pending: [],
    status: "connecting",
    lastError: null,
  });
  useEffect(() => {
    const c = new MeetingClient(getSocket(), meetingId, {
      display: options.display,
      storage: typeof sessionStorage === "undefined" ? null : sessionStorage,
    });
    setClient(c);
    setState(c.state);
    const off = c.subscribe(setState);
    return () => {
      off();
      c.dispose();
    };
  }, [meetingId, options.display]);
  const send = useCallback(
    <N extends MeetingCommandName>(name: N, payload: MeetingCommandInputs[N]) => client?.send(name, payload),
    [client],
  );
  return { ...state, send, refresh: () => client?.refresh() };
}

/** How long a burst of record changes may run before the detail is fetched again. */
const SETTLE_MS = 120;
const RETRY_MS = { first: 500, last: 8_000 };

/**
 * What this screen may see of one item's case, fetched again whenever the record changes
 * (once a burst of changes settles). A busy or rate-limited answer keeps what is shown and
 * asks again a little later; only a refusal empties it.
 */
export function useItemDetail(meetingId: string, itemId: string | null, version: number) {
  const [detail, setDetail] = useState<ItemDetailView | null>(null);
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (!itemId) return setDetail(null);
    // Another item is asked for at once; the same item again once the changes settle.
    const settle = asked.current === itemId ? SETTLE_MS : 0;
    asked.current = itemId;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const ask = (wait: number) =>
      getSocket().emit("item:detail", { meetingId, itemId }, (ack: Ack<ItemDetailView>) => {
        if (!live) return;
        if (!ack.ok && RETRYABLE_ERRORS.includes(ack.error.code)) {
          timer = setTimeout(() => ask(Math.min(wait * 2, RETRY_MS.last)), wait);
          return;
        }
        setDetail(ack.ok ? ack.data : null);
      });
    timer = setTimeout(() => ask(RETRY_MS.first), settle);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [meetingId, itemId, version]);
  // Never another item's detail under this one's heading while the new one is on its way.
  return detail?.itemId === itemId ? detail : null;
}
