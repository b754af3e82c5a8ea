import { randomUUID } from "node:crypto";
import type { Services } from "../services.ts";
import type { MeetingEvent } from "../../app/contract/meetingProtocol.ts";
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
  broadcast: (event: MeetingEvent) => void,
  /** The room every screen of a meeting is in. */
  roomOf: (meetingId: string) => string,
  /** The room of one audience of a meeting. */
  audienceRoomOf: (meetingId: string, key: string) => string,
) {
  /**
   * Asks only the meeting's own screens, on every node (a person's other screen may be on
   * another one): a disconnect costs the size of its room, not of the server. A screen
   * that is the display sits in the display's audience room.
   */
  async function stillThere(personId: string, meetingId: string, leaving: CasetableSocket) {
    const displayRoom = audienceRoomOf(meetingId, "display");
    for (const other of await io.in(roomOf(meetingId)).fetchSockets()) {
      if (other.id === leaving.id || other.data.person?.personId !== personId) continue;
      if (!other.rooms.has(displayRoom)) return true;
    }
    return false;
  }

  async function left(socket: CasetableSocket, reason: string) {
    if (reason === "server shutting down" || !socket.data.person) return;
    const person = socket.data.person;
    for (const [meetingId, seat] of [...seated(socket)]) {
      try {
        if (seat.display || (await stillThere(person.personId, meetingId, socket))) continue;
        const { event } = services.meetingEngine.execute(person, null, "attendance:leave", {
          meetingId,
          opId: randomUUID(),
        });
        if (event) broadcast(event);
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
