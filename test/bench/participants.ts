// The bench's participants: real socket.io clients in their own process, so that the
// server's process does not also carry the clients' work. Told what to join over IPC;
// reports when each marked event reached all of its sockets (monotonic clock, shared by
// processes on one machine).
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../app/contract/protocol.ts";

interface Plan {
  url: string;
  bareUrl: string;
  /** One entry per socket: which meeting, with whose cookie, on which node (`url` when not said). */
  seats: { meetingId: string; cookie: string; url?: string }[];
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const send = (m: unknown) => process.send!(m);

process.once("message", async (plan: Plan) => {
  const sockets: Socket[] = [];
  // marker → [count, last arrival]; a marker is done when every socket of its meeting has it.
  const seen = new Map<string, { count: number; last: number; all: number[] }>();
  const perMeeting = new Map<string, number>();
  for (const s of plan.seats) perMeeting.set(s.meetingId, (perMeeting.get(s.meetingId) ?? 0) + 1);
  const arrive = (marker: string, expected: number) => {
    const t = now();
    const entry = seen.get(marker) ?? { count: 0, last: 0, all: [] };
    entry.count++;
    entry.last = t;
    entry.all.push(t);
    seen.set(marker, entry);
    if (entry.count === expected) {
      send({ type: "done", marker, last: entry.last, all: entry.all });
      seen.delete(marker);
    }
  };
  await Promise.all(
    plan.seats.map(
      (seat) =>
        new Promise<void>((resolve, reject) => {
          const s = io(seat.url ?? plan.url, {
            auth: { protocolVersion: PROTOCOL_VERSION },
            extraHeaders: { cookie: seat.cookie },
            transports: ["websocket"],
            reconnection: false,
            // A loaded server takes its time to let hundreds of screens in: waited for, not failed.
            timeout: 120_000,
          });
          sockets.push(s);
          s.on("meeting:event", (e: { type: string; data: { decision?: { rationale?: string } } }) => {
            const marker = e.data.decision?.rationale;
            if (e.type === "decision:recorded" && marker) arrive(marker, perMeeting.get(seat.meetingId)!);
          });
          s.once("connect_error", reject);
          s.once("connect", () =>
            s.emit("meeting:join", { meetingId: seat.meetingId }, (ack: { ok: boolean; data?: { level: string } }) =>
              ack.ok && ack.data?.level === "full"
                ? resolve()
                : reject(new Error(`join refused: ${JSON.stringify(ack)}`)),
            ),
          );
        }),
    ),
  );
  const bare: Socket[] = [];
  if (plan.bareUrl) {
    const n = plan.seats.length;
    await Promise.all(
      plan.seats.map(
        () =>
          new Promise<void>((resolve) => {
            const s = io(plan.bareUrl, { transports: ["websocket"], reconnection: false });
            bare.push(s);
            s.on("bench", (e: { data: { decision: { rationale: string } } }) => arrive(e.data.decision.rationale, n));
            s.once("connect", () => resolve());
          }),
      ),
    );
  }
  send({ type: "ready", sockets: sockets.length, bare: bare.length });
  process.on("message", (m: { type: string }) => {
    if (m.type === "stop") {
      [...sockets, ...bare].forEach((s) => s.disconnect());
      process.exit(0);
    }
  });
});
