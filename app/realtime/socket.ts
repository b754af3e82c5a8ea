import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from "../../server/realtime/protocol.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: ClientSocket | undefined;

/** One connection per page, shared by every real-time feature; the session cookie authenticates it. */
export function getSocket(): ClientSocket {
  shared ??= io({ auth: { protocolVersion: PROTOCOL_VERSION }, withCredentials: true });
  return shared;
}
