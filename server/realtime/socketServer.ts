import type { Server as HttpServer } from "node:http";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { sessionTokenOf } from "../auth/sessionCookie.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import type { Metrics } from "../metrics.ts";
import type { Services } from "../services.ts";
import { createNotesHandlers } from "./notes.ts";
import { createPresenceHandlers } from "./presence.ts";
import { createMeetingRoom } from "./meetingRoom.ts";
import { containHandlers, failureFor } from "./handle.ts";
import { observeSocket } from "./observe.ts";
import { createSocketLimits, sentByClient } from "../http/socketLimits.ts";
import { notifySignalInbox } from "./signalInbox.ts";
import { notifyDeliveryChanges } from "./deliveryUpdates.ts";
import { createWrittenChannel } from "./writtenChannel.ts";
import { onEveryNode, type NodeNotices } from "./nodeBus.ts";
import {
  handshakeSchema,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ConnectErrorCode,
  type ServerToClientEvents,
} from "../../app/contract/protocol.ts";

export interface SocketData {
  person: SignedInPerson;
}

export type CasetableServer = Server<ClientToServerEvents, ServerToClientEvents, NodeNotices, SocketData>;
export type CasetableSocket = Socket<ClientToServerEvents, ServerToClientEvents, NodeNotices, SocketData>;

function refusal(code: ConnectErrorCode): Error {
  return Object.assign(new Error(code), { data: { code } });
}

/** socket.io on the same HTTP server; a connection needs a valid session cookie. */
export function attachRealtime(
  httpServer: HttpServer,
  services: Services,
  metrics: Metrics,
  /** Meeting commands per screen in ten seconds (LIVE_COMMAND_LIMIT). */
  commandsPerScreen?: number,
  /** Several nodes: the Redis adapter (severalNodes.ts); without it, this node alone. */
  adapter?: ServerOptions["adapter"],
): CasetableServer {
  const severalNodes = adapter !== undefined;
  const io: CasetableServer = new Server(httpServer, {
    serveClient: false,
    ...(adapter && { adapter }),
    // A screen that vanished without closing its connection (a laptop lid, a dropped network)
    // leaves presence and its audience rooms within 15 s, not socket.io's default 45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // Cookies are SameSite=Lax, but a WebSocket handshake is not covered by CORS:
    // refuse any page that is not ours.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || originMatchesHost(origin, req.headers.host));
    },
  });

  io.use(async (socket, next) => {
    const handshake = handshakeSchema.safeParse(socket.handshake.auth);
    if (!handshake.success || handshake.data.protocolVersion !== PROTOCOL_VERSION) {
      return next(refusal("protocol_mismatch"));
    }
    const token = sessionTokenOf(socket.handshake.headers.cookie, undefined);
    let person: SignedInPerson | null;
    try {
      person = await services.sessions.lookup(token);
    } catch (error) {
      // The session could not be read (storage): refused for now, the server stays up.
      const { error: failure } = failureFor(error);
      services.log.error(
        { err: error, code: failure.code },
        "socket connection refused: the session could not be read",
      );
      return next(Object.assign(new Error(failure.reason), { data: failure }));
    }
    if (!person) return next(refusal("unauthenticated"));
    socket.data.person = person;
    next();
  });

  const limits = createSocketLimits(commandsPerScreen);
  const presence = createPresenceHandlers(io, services);
  const notes = createNotesHandlers(io, services, severalNodes);
  const meetingRoom = createMeetingRoom(io, services, severalNodes);
  const written = createWrittenChannel(io, services);
  io.on("connection", (socket) => {
    containHandlers(
      socket,
      (error, context) => services.log.error({ err: error, ...context }, "socket handler failed"),
      (event, payload) => {
        if (!sentByClient(event)) return null;
        const refused = limits.admit(socket.id, socket.data.person.personId, event, payload);
        // What a person sends is activity: the idle timeout starts again.
        if (!refused)
          void services.sessions
            .touch(socket.data.person)
            .catch((error: unknown) => services.log.warn({ err: error }, "session activity could not be written"));
        return refused;
      },
    );
    socket.on("disconnect", () => limits.forgetSocket(socket.id));
    observeSocket(socket, services.log, metrics);
    presence.register(socket);
    notes.register(socket);
    meetingRoom.register(socket);
    written.register(socket);
  });
  // What the services announce in this process, each node acts on for its own sockets.
  services.signals.onRegistered(onEveryNode(io, severalNodes, "signal:registered", notifySignalInbox(io, services)));
  httpServer.once(
    "close",
    notifyDeliveryChanges(io, services, (act) => {
      const changed = onEveryNode(io, severalNodes, "deliveries:changed", act);
      return services.outbox.onChange(({ meetingId }) => meetingId && changed(meetingId));
    }),
  );

  // A change of standing re-seats the sockets it touches in meetings; notes follow the
  // same standing: re-asked when it changes, and frozen when a meeting ends.
  services.standing.onChanged(
    onEveryNode(io, severalNodes, "standing:changed", (change) => {
      meetingRoom.reseat(change);
      void notes.recheck(change.kind === "person" ? (s) => s.data.person.personId === change.personId : undefined);
    }),
  );
  const meetingEnded = onEveryNode(io, severalNodes, "meeting:ended", () => void notes.recheck());
  meetingRoom.engine.onCommitted((event) => {
    if (event.type === "meeting:ended") meetingEnded(event.meetingId);
  });

  // An ended session (idle, expired, sign-out, removal, password change, second factor
  // reset) cuts its live connections, each told why first so the screen can say it.
  services.sessions.onRevoked(
    onEveryNode(io, severalNodes, "session:revoked", (personId, sessionIds, reason) => {
      for (const socket of io.sockets.sockets.values()) {
        if (socket.data.person?.personId === personId && sessionIds.includes(socket.data.person.sessionId)) {
          socket.emit("session:ended", { reason });
          socket.disconnect(true);
        }
      }
    }),
  );

  return io;
}

function originMatchesHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
