import type { Services } from "../services.ts";
import { presenceJoinSchema, refused, type Ack, type PresenceChanged } from "../../app/contract/protocol.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

const room = (networkId: string) => `network:${networkId}`;

/** Who is online in a network: derived from the sockets in its room, never stored. */
export function createPresenceHandlers(io: CasetableServer, services: Services) {
  async function onlineIn(networkId: string): Promise<PresenceChanged> {
    const sockets = await io.in(room(networkId)).fetchSockets();
    const byPerson = new Map<string, string>();
    for (const s of sockets) byPerson.set(s.data.person.personId, s.data.person.name);
    const online = [...byPerson]
      .map(([personId, name]) => ({ personId, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { networkId, online };
  }

  async function announce(networkId: string) {
    io.to(room(networkId)).emit("presence:changed", await onlineIn(networkId));
  }

  return {
    register(socket: CasetableSocket) {
      socket.on("presence:join", async (payload, ack) => {
        // A failure is answered by the socket's containment (handle.ts).
        const reply = typeof ack === "function" ? ack : () => {};
        reply(await join(socket, payload));
      });
      socket.on("disconnecting", () => {
        const left = [...socket.rooms].filter((r) => r.startsWith("network:"));
        // After the socket has left its rooms, tell the others.
        setImmediate(() =>
          left.forEach((r) =>
            announce(r.slice("network:".length)).catch((error: unknown) =>
              services.log.error({ err: error }, "presence:changed could not be sent"),
            ),
          ),
        );
      });
    },
  };

  async function join(socket: CasetableSocket, payload: unknown): Promise<Ack<PresenceChanged>> {
    const parsed = presenceJoinSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, error: refused("invalid_payload") };
    // Roles may have changed since the socket connected: ask with fresh facts.
    const fresh = await services.sessions.lookupById(socket.data.person.sessionId);
    if (!fresh) {
      socket.disconnect(true);
      return { ok: false, error: refused("unauthenticated", "session_ended") };
    }
    // The page may have closed while the session was read: a socket that has gone must not
    // be joined to the room, or the person would stay "online" as a ghost.
    if (socket.disconnected) return { ok: false, error: refused("unauthenticated", "connection_closed") };
    socket.data.person = fresh;
    const { networkId } = parsed.data;
    if (!services.policy.can(fresh, "presence:join", networkId)) {
      return { ok: false, error: refused("forbidden", "not_a_member") };
    }
    await socket.join(room(networkId));
    const state = await onlineIn(networkId);
    socket.to(room(networkId)).emit("presence:changed", state);
    return { ok: true, data: state };
  }
}
