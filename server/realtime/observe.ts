import type { Log } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { ClientToServerEvents } from "../../app/contract/protocol.ts";
import type { CasetableSocket } from "./socketServer.ts";

/** "ok", or the error code of a refusal. */
function resultOf(answer: unknown): string {
  const a = answer as { ok?: unknown; error?: { code?: unknown } } | null;
  if (a?.ok === true) return "ok";
  return typeof a?.error?.code === "string" ? a.error.code : "no_result";
}

/**
 * Every command a socket sends with an acknowledgement, counted and timed in one place:
 * its answer is seen on the way out. The log line names the command, the person's id,
 * the result and the time; never the payload or the answer's data. Events nobody
 * listens to are not counted, so a client cannot invent metric labels.
 */
export function observeSocket(socket: CasetableSocket, log: Log, metrics: Metrics): void {
  const who = { socketId: socket.id, personId: socket.data.person.personId };
  log.info(who, "socket connected");
  socket.on("disconnect", (cause) => log.info({ ...who, cause }, "socket disconnected"));

  socket.use((packet, next) => {
    const [command] = packet;
    const last = packet.length - 1;
    const ack: unknown = packet[last];
    if (
      last < 1 ||
      typeof ack !== "function" ||
      typeof command !== "string" ||
      socket.listeners(command as keyof ClientToServerEvents).length === 0
    )
      return next();
    const started = performance.now();
    let answered = false;
    packet[last] = (answer: unknown) => {
      // socket.io sends only the first answer; count only that one.
      if (answered) return;
      answered = true;
      const ms = performance.now() - started;
      // The answer first; counting and the log line after it, off the asker's wait.
      (ack as (a: unknown) => void)(answer);
      const result = resultOf(answer);
      metrics.commandDone(command, result, ms);
      log[result === "internal" || result === "no_result" ? "warn" : "info"](
        { ...who, command, result, ms: Math.round(ms * 10) / 10 },
        "command",
      );
    };
    next();
  });
}
