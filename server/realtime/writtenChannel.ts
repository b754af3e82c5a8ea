import type { Services } from "../services.ts";
import type { SignedInPerson } from "../auth/sessions.ts";
import { cutWrittenEvent } from "../written/writtenView.ts";
import {
  writtenAnswerSchema,
  writtenConcludeSchema,
  writtenJoinSchema,
  type WrittenEvent,
} from "../../app/contract/writtenProcedure.ts";
import { refused, type Ack } from "../../app/contract/protocol.ts";
import type { RefusalReason } from "../../app/contract/refusals.ts";
import type { CasetableServer, CasetableSocket } from "./socketServer.ts";

const room = (networkId: string) => `written:${networkId}`;

/**
 * Decisions in writing, live on every open screen of the network. Rights are read per
 * command and per event with fresh facts (a chair demoted a second ago is refused; a
 * member whose agency left the case stops hearing its answers), and each event is cut
 * for the person it goes to as writtenView.ts decides.
 */
export function createWrittenChannel(io: CasetableServer, services: Services) {
  /** The person as the database says now, or null when their session has ended. */
  async function fresh(socket: CasetableSocket): Promise<SignedInPerson | null> {
    const person = await services.sessions.lookupById(socket.data.person.sessionId);
    if (!person) {
      socket.disconnect(true);
      return null;
    }
    socket.data.person = person;
    return person;
  }
  const actorOf = (p: SignedInPerson, socket: CasetableSocket) => ({
    personId: p.personId,
    ip: socket.handshake.address,
  });
  const gone: Ack<never> = {
    ok: false,
    error: refused("unauthenticated", "session_ended"),
  };
  const invalid = (reason: RefusalReason): Ack<never> => ({ ok: false, error: refused("invalid_payload", reason) });

  async function tell(networkId: string, caseId: string, event: WrittenEvent) {
    for (const socket of await io.in(room(networkId)).fetchSockets()) {
      const person = await services.sessions.lookupById(socket.data.person.sessionId);
      const cut = person && cutWrittenEvent(event, await services.written.accessTo(person, caseId));
      if (cut) socket.emit("written:event", { ...cut, networkId });
    }
  }

  services.written.onChange(({ networkId, caseId, event }) => {
    tell(networkId, caseId, event).catch((error: unknown) =>
      services.log.error({ err: error }, "written:event could not be sent"),
    );
  });

  return {
    register(socket: CasetableSocket) {
      socket.on("written:join", async (payload, ack) => {
        const reply = typeof ack === "function" ? ack : () => {};
        const parsed = writtenJoinSchema.safeParse(payload);
        if (!parsed.success) return reply(invalid("invalid_payload"));
        const person = await fresh(socket);
        if (!person) return reply(gone);
        const { networkId } = parsed.data;
        if (!services.policy.can(person, "cases:list", networkId))
          return reply({ ok: false, error: refused("forbidden", "cases_not_visible") });
        await socket.join(room(networkId));
        reply({ ok: true, data: { networkId, procedures: await services.written.list(person, networkId) } });
      });

      socket.on("written:answer", async (payload, ack) => {
        const reply = typeof ack === "function" ? ack : () => {};
        const parsed = writtenAnswerSchema.safeParse(payload);
        if (!parsed.success) return reply(invalid("written_answer_invalid"));
        const person = await fresh(socket);
        if (!person) return reply(gone);
        const { networkId, procedureId, stance, reason } = parsed.data;
        reply(
          await services.written.answer(actorOf(person, socket), networkId, procedureId, {
            stance,
            reason: reason || null,
          }),
        );
      });

      socket.on("written:conclude", async (payload, ack) => {
        const reply = typeof ack === "function" ? ack : () => {};
        const parsed = writtenConcludeSchema.safeParse(payload);
        if (!parsed.success) return reply(invalid("written_conclusion_invalid"));
        const person = await fresh(socket);
        if (!person) return reply(gone);
        const { networkId, procedureId, result, note } = parsed.data;
        reply(
          await services.written.conclude(actorOf(person, socket), person, networkId, procedureId, {
            result,
            note: note || null,
          }),
        );
      });
    },
  };
}
