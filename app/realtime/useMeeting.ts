import { useCallback, useEffect, useState } from "react";
import type { ItemDetailView, MeetingCommandInputs, MeetingCommandName } from "../contract/meetingProtocol.ts";
import type { Ack } from "../contract/protocol.ts";
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

/** What this screen may see of one item's case, fetched again whenever the record changes. */
export function useItemDetail(meetingId: string, itemId: string | null, version: number) {
  const [detail, setDetail] = useState<ItemDetailView | null>(null);
  useEffect(() => {
    if (!itemId) return setDetail(null);
    let live = true;
    getSocket().emit("item:detail", { meetingId, itemId }, (ack: Ack<ItemDetailView>) => {
      if (live) setDetail(ack.ok ? ack.data : null);
    });
    return () => {
      live = false;
    };
  }, [meetingId, itemId, version]);
  return detail;
}
