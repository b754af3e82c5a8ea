import { randomUUID } from "node:crypto";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { Services } from "../services.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

/**
 * Leaving a meeting is its person's last screen on it going away: then the time is
 * recorded (attendance:leave, as that person), so nobody stays "On screen" after they
 * left. A screen that comes back says again that its person is there (the room page does).
 * A server shutting down is not people leaving: they come back when it is up again.
 */
export function createMeetingPresence(
  io: CasetableServer,
  services: Services,
  seated: (socket: CasetableSocket) => Map<string, { display: boolean }>,
  /** Runs a command as the meeting room does: stored, then sent to each audience. */
  run: (person: SignedInPerson, ip: string | null, name: "attendance:leave", payload: unknown) => Promise<unknown>,
  /** The room every screen of a meeting is in, and the room of its displays. */
  roomsOf: (meetingId: string) => { all: string; displays: string },
) {
  /**
   * Asks only the meeting's own screens, on every node (a person's other screen may be on
   * another one): a disconnect costs the size of its room, not of the server. A display
   * on the wall is not its person being there.
   */
  async function stillThere(personId: string, meetingId: string, leaving: CasetableSocket) {
    const { all, displays } = roomsOf(meetingId);
    for (const other of await io.in(all).fetchSockets()) {
      if (other.id === leaving.id || other.data.person?.personId !== personId) continue;
      if (!other.rooms.has(displays)) return true;
    }
    return false;
  }

  async function left(socket: CasetableSocket, reason: string) {
    if (reason === "server shutting down" || !socket.data.person) return;
    const person = socket.data.person;
    for (const [meetingId, seat] of [...seated(socket)]) {
      try {
        if (seat.display || (await stillThere(person.personId, meetingId, socket))) continue;
        await run(person, null, "attendance:leave", { meetingId, opId: randomUUID() });
      } catch (error) {
        services.log.error({ err: error, meetingId }, "a leaving could not be recorded");
      }
    }
  }

  return {
    register(socket: CasetableSocket) {
      socket.on("disconnecting", (reason) => void left(socket, reason));
    },
  };
}
