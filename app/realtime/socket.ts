import { io, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  RETRYABLE_ERRORS,
  type ClientToServerEvents,
  type ErrorCode,
  type ServerToClientEvents,
} from "../contract/protocol.ts";
import { signInAfterEnd } from "../contract/sessionStatus.ts";
import { takeSigningOutHere } from "./signingOut.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: ClientSocket | undefined;

/** One connection per page, shared by every real-time feature; the session cookie authenticates it. */
export function getSocket(): ClientSocket {
  if (!shared) {
    shared = io({ auth: { protocolVersion: PROTOCOL_VERSION }, withCredentials: true });
    connectAgainWhenRefusedForNow(shared);
    signInAgainWhenSessionEnds(shared);
  }
  return shared;
}

/**
 * socket.io does not try again by itself after the server refuses a connection. A refusal
 * for now (the session could not be read: storage busy or unavailable) is tried again
 * after `waitMs`; a refusal for good (signed out, another protocol version) is not.
 */
export function connectAgainWhenRefusedForNow(socket: Pick<Socket, "on" | "connect" | "active">, waitMs = 3_000): void {
  socket.on("connect_error", (error: Error & { data?: { code?: ErrorCode } }) => {
    const code = error.data?.code;
    if (socket.active || !code || !RETRYABLE_ERRORS.includes(code)) return;
    setTimeout(() => socket.connect(), waitMs);
  });
}

/**
 * When the server ends this connection's session (idle, its longest time, signed out
 * elsewhere, removed, password changed, second factor reset), the sign-in page says why
 * and brings the person back here afterwards.
 */
function signInAgainWhenSessionEnds(socket: ClientSocket): void {
  socket.on("session:ended", ({ reason }) => {
    // Signed out on this page: the sign-out itself leads to the sign-in page.
    if (reason === "signed_out" && takeSigningOutHere()) return;
    window.location.assign(signInAfterEnd(reason, window.location.pathname + window.location.search));
  });
}
