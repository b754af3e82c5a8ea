import type { Services } from "../services.ts";
import type { CasetableServer } from "./socketServer.ts";

/** Where a changed delivery's meeting is heard from: this node's outbox, and with several nodes the others'. */
type HearDeliveryChanges = (act: (meetingId: string) => void) => () => void;

/**
 * The chair and coordinator of a network online hear when a delivery of a meeting's
 * minutes changes state, so the minutes page shows each mail as it goes. Changes are
 * gathered for a moment (a distribution makes many at once); whether a socket may hear
 * it is asked with fresh facts, as a role may have changed since it connected.
 */
export function notifyDeliveryChanges(
  io: CasetableServer,
  services: Services,
  hear: HearDeliveryChanges,
  gatherMs = 150,
): () => void {
  const waiting = new Set<string>();
  let timer: NodeJS.Timeout | null = null;

  async function tell(meetingId: string) {
    const meeting = (await services.minutes.status(meetingId))?.meeting;
    if (!meeting) return;
    const fresh = new Map<string, Promise<boolean>>();
    for (const socket of io.sockets.sockets.values()) {
      const sessionId = socket.data.person?.sessionId;
      if (!sessionId) continue;
      if (!fresh.has(sessionId)) {
        fresh.set(
          sessionId,
          services.sessions
            .lookupById(sessionId)
            .then((p) => p !== null && services.policy.can(p, "minutes:review", meeting.networkId)),
        );
      }
      if (await fresh.get(sessionId)) socket.emit("minutes:deliveries", { meetingId });
    }
  }

  const unsubscribe = hear((meetingId) => {
    waiting.add(meetingId);
    timer ??= setTimeout(() => {
      timer = null;
      const meetingIds = [...waiting];
      waiting.clear();
      for (const meetingId of meetingIds)
        tell(meetingId).catch((error: unknown) =>
          services.log.error({ err: error }, "minutes:deliveries could not be sent"),
        );
    }, gatherMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
