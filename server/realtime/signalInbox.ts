import type { Services } from "../services.ts";
import type { SignalRegistered } from "../../app/contract/protocol.ts";
import type { SignalRegisteredNotice } from "../cases/signals.ts";
import type { CasetableServer } from "./socketServer.ts";

/**
 * Every chair and coordinator of a network online hears of a new signal at once, so
 * that no signal waits on one person's inbox. Whether a socket may hear it is asked
 * with fresh facts: a role may have changed since the socket connected. Returns what
 * this node does for its own sockets when a signal is registered.
 */
export function notifySignalInbox(io: CasetableServer, services: Services) {
  return ({ networkId, code }: SignalRegisteredNotice): void => {
    void (async () => {
      const event: SignalRegistered = { networkId, code, inboxCount: await services.signals.inboxCount(networkId) };
      const freshBySession = new Map<string, Promise<boolean>>();
      for (const socket of io.sockets.sockets.values()) {
        const sessionId = socket.data.person?.sessionId;
        if (!sessionId) continue;
        if (!freshBySession.has(sessionId)) {
          freshBySession.set(
            sessionId,
            services.sessions
              .lookupById(sessionId)
              .then((fresh) => fresh !== null && services.policy.can(fresh, "signals:inbox", networkId)),
          );
        }
        if (await freshBySession.get(sessionId)) socket.emit("signal:registered", event);
      }
    })().catch((error: unknown) => services.log.error({ err: error }, "signal:registered could not be sent"));
  };
}
