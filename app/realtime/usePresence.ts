import { useEffect, useState } from "react";
import { presenceChangedSchema, type PresenceChanged } from "../contract/protocol.ts";
import { getSocket } from "./socket.ts";

export type ConnectionStatus = "connecting" | "online" | "offline";

/** Who is online in a network, kept current over the shared socket. */
export function usePresence(networkId: string) {
  const [online, setOnline] = useState<PresenceChanged["online"]>([]);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");

  useEffect(() => {
    const socket = getSocket();
    const join = () =>
      socket.emit("presence:join", { networkId }, (ack) => {
        if (ack.ok) {
          setOnline(ack.data.online);
          setStatus("online");
        } else {
          setStatus("offline");
        }
      });
    const onChanged = (event: unknown) => {
      const parsed = presenceChangedSchema.safeParse(event);
      if (parsed.success && parsed.data.networkId === networkId) setOnline(parsed.data.online);
    };
    const onDisconnect = () => setStatus("offline");
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onDisconnect);
    socket.on("presence:changed", onChanged);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onDisconnect);
      socket.off("presence:changed", onChanged);
    };
  }, [networkId]);

  return { online, status };
}
