import { randomUUID } from "node:crypto";
import { classifyStorageError } from "../storage/storageErrors.ts";
import { refused, type Ack, type Refused } from "../../app/contract/protocol.ts";
import type { CasetableSocket } from "./socketServer.ts";

/** What went wrong in a handler, told to the one who asked; the command stays theirs to send again. */
export function failureFor(error: unknown): Ack<never> & { ok: false } {
  const storage = classifyStorageError(error);
  if (storage) return { ok: false, error: refused(storage) };
  const requestId = randomUUID().slice(0, 8);
  return { ok: false, error: { ...refused("internal", "internal", { reference: requestId }), requestId } };
}

/** Where a contained failure is told (the log); counting and timing are observe.ts's, on the answer. */
export type FailureReport = (
  error: unknown,
  context: { event: string; personId: string | undefined; code: string; requestId?: string },
) => void;

/**
 * Contains every handler registered on this socket from now on: whatever a handler throws,
 * at once or later (a rejected promise), is caught, reported, and answered on its
 * acknowledgement with a clear code (`busy`, `storage_unavailable`, or `internal` with a
 * reference). The server stays up, and a handler that already answered is not answered
 * twice. Called once per socket, before any handler is registered.
 */
export function containHandlers(
  socket: CasetableSocket,
  report: FailureReport,
  /** Asked before each handler: a refusal (rate_limited) is answered instead of running it. */
  admit: (event: string, payload: unknown) => Refused | null = () => null,
): void {
  const register = socket.on.bind(socket) as (
    event: string,
    listener: (...args: unknown[]) => unknown,
  ) => CasetableSocket;
  const contained = (event: string, handler: (...args: unknown[]) => unknown) =>
    register(event, (...args: unknown[]) => {
      const last = args.at(-1);
      let answered = false;
      const answer = (result: unknown) => {
        if (answered || typeof last !== "function") return;
        answered = true;
        (last as (r: unknown) => void)(result);
      };
      if (typeof last === "function") args[args.length - 1] = answer;
      const fail = (error: unknown) => {
        const failure = failureFor(error);
        report(error, {
          event,
          personId: socket.data.person?.personId,
          code: failure.error.code,
          requestId: failure.error.requestId,
        });
        answer(failure);
      };
      try {
        const refused = admit(event, args[0]);
        if (refused) return answer({ ok: false, error: refused });
        const result = handler(...args);
        if (result instanceof Promise) result.catch(fail);
      } catch (error) {
        fail(error);
      }
    });
  socket.on = contained as CasetableSocket["on"];
}
