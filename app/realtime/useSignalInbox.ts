import { useEffect, useState } from "react";
import { signalRegisteredSchema, type SignalRegistered } from "../contract/protocol.ts";
import { getSocket } from "./socket.ts";

/**
 * The number of signals in a network's inbox, kept current over the shared socket.
 * Starts from the count the page was served with; each navigation or revalidation
 * (`servedWith`, the loader data it came in) brings a fresh one that wins over any
 * event heard before it.
 */
export function useSignalInbox(networkId: string, served: number, enabled: boolean, servedWith: object) {
  const [live, setLive] = useState<{ servedWith: object; event: SignalRegistered } | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const onRegistered = (event: unknown) => {
      const parsed = signalRegisteredSchema.safeParse(event);
      if (parsed.success && parsed.data.networkId === networkId) setLive({ servedWith, event: parsed.data });
    };
    socket.on("signal:registered", onRegistered);
    return () => {
      socket.off("signal:registered", onRegistered);
    };
  }, [networkId, servedWith, enabled]);

  const current = live && live.servedWith === servedWith ? live.event : null;
  return { count: current?.inboxCount ?? served, latest: current };
}

/** Calls back on every new signal of the network, e.g. to reload the inbox page. */
export function useOnSignalRegistered(networkId: string, callback: (event: SignalRegistered) => void) {
  useEffect(() => {
    const socket = getSocket();
    const onRegistered = (event: unknown) => {
      const parsed = signalRegisteredSchema.safeParse(event);
      if (parsed.success && parsed.data.networkId === networkId) callback(parsed.data);
    };
    socket.on("signal:registered", onRegistered);
    return () => {
      socket.off("signal:registered", onRegistered);
    };
  }, [networkId, callback]);
}
