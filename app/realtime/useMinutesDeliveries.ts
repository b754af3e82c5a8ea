import { useEffect, useRef } from "react";
import { useRevalidator } from "react-router";
import { minutesDeliveriesChangedSchema } from "../contract/deliveryProtocol.ts";
import { getSocket } from "./socket.ts";

/**
 * Reloads the page's data whenever a delivery of the meeting's minutes changes state, so
 * each mail shows as it goes. Events arriving during a reload bring one more reload after it.
 */
export function useMinutesDeliveries(meetingId: string, enabled: boolean) {
  const revalidator = useRevalidator();
  const state = useRef({ busy: false, again: false });
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    if (!enabled) return;
    const socket = getSocket();
    const reload = () => {
      if (state.current.busy) {
        state.current.again = true;
        return;
      }
      state.current.busy = true;
      void revalidate.current().finally(() => {
        state.current.busy = false;
        if (state.current.again) {
          state.current.again = false;
          reload();
        }
      });
    };
    const onChanged = (event: unknown) => {
      const parsed = minutesDeliveriesChangedSchema.safeParse(event);
      if (parsed.success && parsed.data.meetingId === meetingId) reload();
    };
    socket.on("minutes:deliveries", onChanged);
    // Whatever changed while the connection was down shows on reconnecting.
    socket.io.on("reconnect", reload);
    return () => {
      socket.off("minutes:deliveries", onChanged);
      socket.io.off("reconnect", reload);
    };
  }, [meetingId, enabled]);
}
