import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import type { WrittenEvent, WrittenJoined, WrittenProcedureView } from "../contract/writtenProcedure.ts";
import type { Ack } from "../contract/protocol.ts";
import { getSocket } from "./socket.ts";

/** A procedure as the server last sent it, with one event applied. */
export function applyWrittenEvent(p: WrittenProcedureView, e: WrittenEvent): WrittenProcedureView {
  switch (e.type) {
    case "procedure:opened":
    case "procedure:concluded":
      return e.procedure.id === p.id ? e.procedure : p;
    case "answer:given": {
      if (e.procedureId !== p.id || !p.detail) return p;
      const answers = [...p.detail.answers.filter((a) => a.agencyId !== e.answer.agencyId), e.answer].sort((a, b) =>
        a.agencyName.localeCompare(b.agencyName),
      );
      return { ...p, detail: { ...p.detail, answers } };
    }
  }
}

/**
 * Follows a network's decisions in writing: every event as this person may see it
 * (the server cuts it), applied to the procedures the page shows. On reconnecting, the
 * page's data is read again, so nothing given while the connection was down is missed.
 */
export function useWritten(networkId: string, fromLoader: WrittenProcedureView[]): WrittenProcedureView[] {
  const [procedures, setProcedures] = useState(fromLoader);
  useEffect(() => setProcedures(fromLoader), [fromLoader]);
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    const socket = getSocket();
    const join = () =>
      socket.emit("written:join", { networkId }, (ack: Ack<WrittenJoined>) => {
        if (ack.ok) setProcedures(ack.data.procedures);
      });
    const onEvent = (e: WrittenEvent & { networkId: string }) => {
      if (e.networkId !== networkId) return;
      setProcedures((list) =>
        e.type === "procedure:opened" && !list.some((p) => p.id === e.procedure.id)
          ? [e.procedure, ...list]
          : list.map((p) => applyWrittenEvent(p, e)),
      );
    };
    const onReconnect = () => {
      join();
      void revalidate.current();
    };
    socket.on("written:event", onEvent);
    socket.io.on("reconnect", onReconnect);
    join();
    return () => {
      socket.off("written:event", onEvent);
      socket.io.off("reconnect", onReconnect);
    };
  }, [networkId]);
  return procedures;
}
