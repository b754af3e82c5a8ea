import { useEffect, useState } from "react";
import { getSocket } from "./socket.ts";

/** True from the server's "restarting" notice until the connection is back. */
export function useServerRestarting(): boolean {
  const [restarting, setRestarting] = useState(false);
  useEffect(() => {
    const socket = getSocket();
    const told = () => setRestarting(true);
    const back = () => setRestarting(false);
    socket.on("server:restarting", told);
    socket.on("connect", back);
    return () => {
      socket.off("server:restarting", told);
      socket.off("connect", back);
    };
  }, []);
  return restarting;
}
